"""Reports (举报): who may report what, the daily limit, accuracy, trusted reports hiding content."""
# ruff: noqa: F401, F811 (pytest fixtures imported from queue_fixtures are parameters here)

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hearth.moderation.models import AuditEntry, Report, ReviewItem
from hearth.moderation.selectors.reports import (
    reporter_accuracy,
    reporter_record,
    reporter_records,
)
from hearth.moderation.services.queue import item_approve, item_reject
from hearth.moderation.services.reports import report_create, trusted_reporters
from hearth.notifications.models import Notification, Verb
from tests.moderation.queue_fixtures import (  # fixtures, imported to be found
    client_for,
    hold,
    level_up,
    make_reply,
    make_topic,
    mod,
    mod2,
    mod_settings,
    queue_defaults,
    rule,
    senior,
    staff_with,
    writer,
)

pytestmark = pytest.mark.django_db


def _report(member: Any, post: Any, reason: str = "spam", kind: str = "topic", **kw: Any) -> Report:
    return report_create(reporter=member, kind=kind, content_id=post.pk, reason=reason, **kw)


def test_a_report_opens_a_reported_item_with_its_category(
    make_topic: Callable[..., Any], make_member: Callable[..., Any]
) -> None:
    topic = make_topic()
    report = _report(make_member(), topic, "abuse", text="calls people names")

    item = ReviewItem.objects.get()
    assert report.item == item
    assert item.origin == ReviewItem.Origin.REPORTED
    assert item.state == ReviewItem.State.OPEN
    assert item.report_count == 1
    assert item.severity == 3
    assert [(r["code"], r["category"]) for r in item.reasons] == [("report", "abuse")]
    assert item.priority > 30
    assert AuditEntry.objects.filter(action="report.create", target_id=topic.pk).exists()


def test_reports_join_the_open_item_and_raise_its_priority(
    make_topic: Callable[..., Any],
    make_reply: Callable[..., Any],
    make_member: Callable[..., Any],
) -> None:
    reply = make_reply(make_topic())
    _report(make_member(), reply, "spam", kind="reply")
    first = ReviewItem.objects.get().priority
    _report(make_member(), reply, "spam", kind="reply")
    _report(make_member(), reply, "vulgar", kind="reply")

    item = ReviewItem.objects.get()
    assert item.content_kind == "reply"
    assert item.report_count == 3
    assert item.priority > first
    assert sorted(r["category"] for r in item.reasons) == ["advertising", "vulgar"]
    assert Report.objects.filter(item=item).count() == 3


def test_a_report_joins_the_held_item_of_the_same_post(
    make_topic: Callable[..., Any],
    make_member: Callable[..., Any],
    hold: Callable[..., ReviewItem],
) -> None:
    topic = make_topic()
    report = _report(make_member(), topic, "spam")
    held = hold(topic)  # e.g. an edit the pipeline held: the same open item

    assert held.pk == report.item_id
    assert ReviewItem.objects.count() == 1


def test_nobody_reports_their_own_post(make_topic: Callable[..., Any], writer: Any) -> None:
    with pytest.raises(PermissionDenied, match="your own post"):
        _report(writer, make_topic())
    assert not Report.objects.exists()


def test_a_member_reports_a_post_once(
    make_topic: Callable[..., Any], make_member: Callable[..., Any]
) -> None:
    topic, reader = make_topic(), make_member()
    _report(reader, topic)
    with pytest.raises(ValidationError, match="already reported") as caught:
        _report(reader, topic, "vulgar")
    assert caught.value.code == "duplicate"
    assert ReviewItem.objects.get().report_count == 1


@pytest.mark.parametrize(
    ("reason", "text", "field"),
    [("other", "   ", "text"), ("nonsense", "", "reason"), ("spam", "x" * 501, "text")],
)
def test_bad_input_names_the_field(
    make_topic: Callable[..., Any],
    make_member: Callable[..., Any],
    reason: str,
    text: str,
    field: str,
) -> None:
    with pytest.raises(ValidationError) as caught:
        _report(make_member(), make_topic(), reason, text=text)
    assert field in caught.value.message_dict
    assert not Report.objects.exists()


def test_other_with_text_is_accepted(
    make_topic: Callable[..., Any], make_member: Callable[..., Any]
) -> None:
    report = _report(make_member(), make_topic(), "other", text="  off-topic sales pitch ")
    assert report.text == "off-topic sales pitch"
    assert ReviewItem.objects.get().reasons[0]["category"] == "custom"


def test_held_content_cannot_be_reported(
    make_topic: Callable[..., Any], make_member: Callable[..., Any], hold: Callable[..., Any]
) -> None:
    topic = make_topic()
    hold(topic)
    with pytest.raises(ValidationError) as caught:
        _report(make_member(), topic)
    assert caught.value.code == "unavailable"


def test_reports_are_limited_per_day(
    make_topic: Callable[..., Any], make_member: Callable[..., Any], mod_settings: Any
) -> None:
    mod_settings.reports_per_day = 2
    mod_settings.save()
    reader = make_member()
    _report(reader, make_topic())
    _report(reader, make_topic())
    with pytest.raises(ValidationError, match="2 posts a day") as caught:
        _report(reader, make_topic())
    assert caught.value.code == "rate_limited"
    assert Report.objects.filter(reporter=reader).count() == 2


def test_accuracy_is_smoothed() -> None:
    assert reporter_accuracy(upheld=0, dismissed=0) == 0.5
    assert reporter_accuracy(upheld=1, dismissed=0) == pytest.approx(2 / 3)
    assert reporter_accuracy(upheld=0, dismissed=1) == pytest.approx(1 / 3)
    assert reporter_accuracy(upheld=8, dismissed=0) == pytest.approx(0.9)


def test_accuracy_follows_decisions(
    make_topic: Callable[..., Any],
    make_member: Callable[..., Any],
    mod: Any,
    rule: Any,
) -> None:
    reader = make_member()
    right, wrong = make_topic(), make_topic()
    _report(reader, right)
    _report(reader, wrong)
    assert reporter_record(reader.pk).pending == 2

    item_reject(moderator=mod, item=ReviewItem.objects.get(content_id=right.pk), rule=rule)
    item_approve(moderator=mod, item=ReviewItem.objects.get(content_id=wrong.pk))

    record = reporter_records([reader.pk])[reader.pk]
    assert (record.upheld, record.dismissed, record.pending) == (1, 1, 0)
    assert record.accuracy == 0.5


def _trusted(make_member: Callable[..., Any], make_topic: Callable[..., Any], mod: Any, rule: Any,
             name: str) -> Any:  # fmt: skip
    """A member of the second level with one upheld report (accuracy 0.67)."""
    member = make_member(name)
    level_up(member)
    earlier = make_topic()
    _report(member, earlier)
    item_reject(moderator=mod, item=ReviewItem.objects.get(content_id=earlier.pk), rule=rule)
    return member


def test_reports_from_enough_trusted_members_hide_the_post(
    make_topic: Callable[..., Any],
    make_member: Callable[..., Any],
    mod: Any,
    rule: Any,
    mod_settings: Any,
    writer: Any,
) -> None:
    mod_settings.hide_after_reports = 2
    mod_settings.save()
    first, second = (_trusted(make_member, make_topic, mod, rule, n) for n in ("ann", "bo"))
    topic = make_topic()

    _report(first, topic)
    _report(make_member(), topic)  # not trusted: level 1, no record
    topic.refresh_from_db()
    assert topic.status == "published"

    _report(second, topic)
    topic.refresh_from_db()
    item = ReviewItem.objects.get(content_id=topic.pk, state="open")
    assert topic.status == "hidden"
    assert item.status_before == "published"
    assert trusted_reporters(item, mod_settings) == 2
    assert item.reasons[-1]["code"] == "hidden_by_reports"
    hide = AuditEntry.objects.get(action="content.hide", target_id=topic.pk)
    assert (hide.before, hide.after["status"]) == ({"status": "published"}, "hidden")
    assert Notification.objects.filter(
        recipient=writer, verb=Verb.MODERATION, topic=topic, text__contains="hidden"
    ).exists()

    item_approve(moderator=mod, item=item)
    topic.refresh_from_db()
    assert topic.status == "published"


def test_untrusted_reports_never_hide(
    make_topic: Callable[..., Any], make_member: Callable[..., Any], mod_settings: Any
) -> None:
    mod_settings.hide_after_reports = 2
    mod_settings.save()
    topic = make_topic()
    for _ in range(3):
        reporter = make_member()
        level_up(reporter)  # level 2, but no upheld report yet: accuracy 0.5 < 0.6
        _report(reporter, topic)
    topic.refresh_from_db()
    assert topic.status == "published"
