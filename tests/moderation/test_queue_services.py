"""The review queue's services: claims, each decision, escalation, bulk, priority, timing."""
# ruff: noqa: F401, F811 (pytest fixtures imported from queue_fixtures are parameters here)

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from freezegun import freeze_time

from hearth.community.models import ReplyRevision, TopicRevision
from hearth.core.events import recording
from hearth.gamification.models import PointBalance, PointEntry
from hearth.moderation.events import ReportUpheld, ReviewDecided
from hearth.moderation.models import AuditEntry, Report, ReviewItem, Sanction
from hearth.moderation.selectors import queue as q
from hearth.moderation.services import queue as svc
from hearth.moderation.services.reports import report_create
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


def _points(member: Any) -> int:
    balance = PointBalance.objects.filter(member_id=member.pk).first()
    return balance.spendable if balance else 0


def _reported(topic: Any, make_member: Callable[..., Any], n: int = 1) -> ReviewItem:
    for _ in range(n):
        report_create(reporter=make_member(), kind="topic", content_id=topic.pk, reason="spam")
    return ReviewItem.objects.get(content_id=topic.pk, state="open")


# ---------------------------------------------------------------- claims


def test_a_claim_keeps_others_from_deciding(
    make_topic: Callable[..., Any], hold: Callable[..., Any], mod: Any, mod2: Any
) -> None:
    item = hold(make_topic())
    svc.item_claim(moderator=mod, item=item)

    with pytest.raises(ValidationError, match="mod is handling this item") as caught:
        svc.item_approve(moderator=mod2, item=item)
    assert caught.value.code == "claimed"
    with pytest.raises(ValidationError):
        svc.item_claim(moderator=mod2, item=item)
    item.refresh_from_db()
    assert (item.state, item.claimed_by) == ("open", mod)
    assert AuditEntry.objects.filter(action="item.claim", actor=mod, target_id=item.pk).exists()


def test_a_claim_lapses_after_15_minutes(
    make_topic: Callable[..., Any], hold: Callable[..., Any], mod: Any, mod2: Any
) -> None:
    item = hold(make_topic())
    with freeze_time(timezone.now() - dt.timedelta(minutes=16)):
        svc.item_claim(moderator=mod, item=item)

    svc.item_approve(moderator=mod2, item=item)
    item.refresh_from_db()
    assert (item.state, item.decided_by) == ("decided", mod2)


def test_the_holder_releases_a_claim(
    make_topic: Callable[..., Any], hold: Callable[..., Any], mod: Any, mod2: Any
) -> None:
    item = hold(make_topic())
    svc.item_claim(moderator=mod, item=item)
    with pytest.raises(ValidationError):
        svc.item_release(moderator=mod2, item=item)
    svc.item_release(moderator=mod, item=item)
    svc.item_claim(moderator=mod2, item=item)
    item.refresh_from_db()
    assert item.claimed_by == mod2


def test_members_cannot_decide(
    make_topic: Callable[..., Any], hold: Callable[..., Any], make_member: Callable[..., Any]
) -> None:
    item = hold(make_topic())
    with pytest.raises(PermissionDenied):
        svc.item_approve(moderator=make_member(), item=item)
    with pytest.raises(PermissionDenied):
        svc.item_claim(moderator=make_member(), item=item)


# ---------------------------------------------------------------- approve


def test_approving_a_held_topic_publishes_it_and_awards_its_points(
    make_topic: Callable[..., Any], hold: Callable[..., Any], mod: Any, writer: Any
) -> None:
    topic = make_topic()
    item = hold(topic)  # held: the points of creating it are withdrawn
    before = _points(writer)

    with recording() as events:
        svc.item_approve(moderator=mod, item=item)

    topic.refresh_from_db()
    item.refresh_from_db()
    assert topic.status == "published"
    assert _points(writer) > before
    assert PointEntry.objects.filter(member=writer, action="topic_created", amount__gt=0).exists()
    assert (item.state, item.outcome, item.decided_by) == ("decided", "approved", mod)
    assert item.decision_seconds is not None
    decided = [e for e in events if isinstance(e, ReviewDecided)]
    assert [(e.item_id, e.outcome, e.moderator_id) for e in decided] == [
        (item.pk, "approved", mod.pk)
    ]
    entry = AuditEntry.objects.get(action="item.approve", target_id=topic.pk)
    assert (entry.actor, entry.before["status"], entry.after["status"]) == (
        mod,
        "held",
        "published",
    )
    note = Notification.objects.get(recipient=writer, verb=Verb.MODERATION)
    assert note.topic_id == topic.pk
    assert "published" in note.text


def test_approving_dismisses_the_reports(
    make_topic: Callable[..., Any], make_member: Callable[..., Any], mod: Any
) -> None:
    topic = make_topic()
    item = _reported(topic, make_member, 2)

    with recording() as events:
        svc.item_approve(moderator=mod, item=item)

    assert set(Report.objects.values_list("outcome", flat=True)) == {"dismissed"}
    assert not any(isinstance(e, ReportUpheld) for e in events)
    topic.refresh_from_db()
    assert topic.status == "published"


def test_time_to_decision_is_recorded(
    make_topic: Callable[..., Any], hold: Callable[..., Any], mod: Any
) -> None:
    start = timezone.now()
    with freeze_time(start):
        item = hold(make_topic())
    with freeze_time(start + dt.timedelta(seconds=90)):
        svc.item_approve(moderator=mod, item=item)
    item.refresh_from_db()
    assert item.decision_seconds == 90
    assert item.decided_at == start + dt.timedelta(seconds=90)


def test_a_decided_item_is_not_decided_again(
    make_topic: Callable[..., Any], hold: Callable[..., Any], mod: Any, rule: Any
) -> None:
    item = hold(make_topic())
    svc.item_approve(moderator=mod, item=item)
    with pytest.raises(ValidationError, match="already been decided"):
        svc.item_reject(moderator=mod, item=item, rule=rule)


# ---------------------------------------------------------------- edit and approve


def test_edit_and_approve_keeps_the_authors_text_as_a_revision(
    make_topic: Callable[..., Any], hold: Callable[..., Any], mod: Any
) -> None:
    topic = make_topic()
    original = topic.body
    item = hold(topic)

    svc.item_edit_approve(
        moderator=mod, item=item, title="A better title", body="The corrected text of the topic."
    )

    topic.refresh_from_db()
    item.refresh_from_db()
    assert (topic.status, topic.title, topic.body) == (
        "published",
        "A better title",
        "The corrected text of the topic.",
    )
    revision = TopicRevision.objects.get(topic=topic)
    assert (revision.editor, revision.body) == (mod, original)
    assert item.outcome == "edited"
    assert AuditEntry.objects.filter(action="item.edit_approve").exists()


def test_edit_and_approve_a_reply(
    make_topic: Callable[..., Any],
    make_reply: Callable[..., Any],
    hold: Callable[..., Any],
    mod: Any,
) -> None:
    reply = make_reply(make_topic())
    item = hold(reply, kind="reply")
    svc.item_edit_approve(moderator=mod, item=item, body="A kinder reply to the topic.")
    reply.refresh_from_db()
    assert (reply.status, reply.body) == ("published", "A kinder reply to the topic.")
    assert ReplyRevision.objects.get(reply=reply).editor == mod


# ---------------------------------------------------------------- reject


def test_rejecting_needs_a_rule(
    make_topic: Callable[..., Any], hold: Callable[..., Any], mod: Any
) -> None:
    item = hold(make_topic())
    with pytest.raises(ValidationError) as caught:
        svc.item_reject(moderator=mod, item=item, rule=None)
    assert "rule" in caught.value.message_dict
    item.refresh_from_db()
    assert item.state == "open"


def test_rejecting_a_reported_post_upholds_the_reports_and_costs_the_author_20_points(
    make_topic: Callable[..., Any],
    make_member: Callable[..., Any],
    mod: Any,
    rule: Any,
    writer: Any,
) -> None:
    topic = make_topic()
    level_up(writer, 100)
    item = _reported(topic, make_member, 2)
    before = _points(writer)

    with recording() as events:
        svc.item_reject(moderator=mod, item=item, rule=rule, note="Phone numbers for sales.")

    topic.refresh_from_db()
    item.refresh_from_db()
    assert topic.status == "rejected"
    assert (item.outcome, item.rule, item.note) == ("rejected", rule, "Phone numbers for sales.")
    assert set(Report.objects.values_list("outcome", flat=True)) == {"upheld"}
    upheld = [e for e in events if isinstance(e, ReportUpheld)]
    assert [(e.item_id, e.member_id, e.content_kind) for e in upheld] == [
        (item.pk, writer.pk, "topic")
    ]
    penalty = PointEntry.objects.get(source_key=f"report_upheld:{item.pk}")
    assert penalty.amount == -20
    # the rejected topic also loses the points it earned when it was published
    assert _points(writer) <= before - 20
    note = Notification.objects.get(recipient=writer, verb=Verb.MODERATION)
    assert rule.title in note.text
    assert "Phone numbers for sales." in note.text
    entry = AuditEntry.objects.get(action="item.reject")
    assert (entry.before["status"], entry.after["status"], entry.after["rule"]) == (
        "published",
        "rejected",
        "no-ads",
    )


def test_rejecting_held_content_publishes_no_upheld_report(
    make_topic: Callable[..., Any], hold: Callable[..., Any], mod: Any, rule: Any
) -> None:
    item = hold(make_topic())
    with recording() as events:
        svc.item_reject(moderator=mod, item=item, rule=rule)
    assert not any(isinstance(e, ReportUpheld) for e in events)
    assert not PointEntry.objects.filter(source_key=f"report_upheld:{item.pk}").exists()


@pytest.mark.parametrize(("choice", "kind"), [("warning", "warning"), ("ladder", "warning")])
def test_rejecting_with_a_sanction(
    make_topic: Callable[..., Any],
    hold: Callable[..., Any],
    mod: Any,
    rule: Any,
    writer: Any,
    choice: str,
    kind: str,
) -> None:
    item = hold(make_topic())
    svc.item_reject(moderator=mod, item=item, rule=rule, note="No ads.", sanction=choice)
    sanction = Sanction.objects.get(member=writer)
    assert (sanction.kind, sanction.rule, sanction.item_id) == (kind, rule, item.pk)


def test_an_unknown_sanction_is_refused(
    make_topic: Callable[..., Any], hold: Callable[..., Any], mod: Any, rule: Any
) -> None:
    item = hold(make_topic())
    with pytest.raises(ValidationError) as caught:
        svc.item_reject(moderator=mod, item=item, rule=rule, sanction="ban-forever")
    assert "sanction" in caught.value.message_dict


# ---------------------------------------------------------------- escalate


def test_escalated_items_are_decided_by_managers(
    make_topic: Callable[..., Any], hold: Callable[..., Any], mod: Any, senior: Any
) -> None:
    item = hold(make_topic())
    with pytest.raises(ValidationError):
        svc.item_escalate(moderator=mod, item=item, note="  ")
    svc.item_claim(moderator=mod, item=item)
    svc.item_escalate(moderator=mod, item=item, note="Could be a partner's promotion.")

    item.refresh_from_db()
    assert (item.state, item.claimed_by) == ("escalated", None)
    assert item.reasons[-1]["message"] == "Could be a partner's promotion."
    with pytest.raises(PermissionDenied, match="community manager"):
        svc.item_approve(moderator=mod, item=item)
    assert not q.can_decide_item(mod, item)
    assert q.can_decide_item(senior, item)

    svc.item_approve(moderator=senior, item=item)
    item.refresh_from_db()
    assert (item.state, item.decided_by) == ("decided", senior)
    assert AuditEntry.objects.filter(action="item.escalate", actor=mod).exists()


# ---------------------------------------------------------------- bulk


def test_bulk_approve_decides_each_item_and_says_which_were_refused(
    make_topic: Callable[..., Any], hold: Callable[..., Any], mod: Any, mod2: Any
) -> None:
    items = [hold(make_topic()) for _ in range(3)]
    svc.item_claim(moderator=mod2, item=items[1])

    result = svc.items_bulk_decide(
        moderator=mod, item_ids=[i.pk for i in items] + [999_999], action="approve"
    )

    assert result.done == [items[0].pk, items[2].pk]
    assert [pk for pk, _why in result.refused] == [items[1].pk, 999_999]
    assert "mod2" in result.refused[0][1]
    states = dict(ReviewItem.objects.values_list("pk", "state"))
    assert [states[i.pk] for i in items] == ["decided", "open", "decided"]


def test_bulk_reject_cites_one_rule(
    make_topic: Callable[..., Any], hold: Callable[..., Any], mod: Any, rule: Any
) -> None:
    items = [hold(make_topic()) for _ in range(2)]
    with pytest.raises(ValidationError):
        svc.items_bulk_decide(moderator=mod, item_ids=[i.pk for i in items], action="reject")
    with pytest.raises(ValidationError):
        svc.items_bulk_decide(moderator=mod, item_ids=[], action="approve")

    result = svc.items_bulk_decide(
        moderator=mod, item_ids=[i.pk for i in items], action="reject", rule=rule
    )
    assert len(result.done) == 2
    assert set(ReviewItem.objects.values_list("outcome", flat=True)) == {"rejected"}
    assert set(ReviewItem.objects.values_list("rule", flat=True)) == {rule.pk}


# ---------------------------------------------------------------- priority


def test_severity_reports_and_waiting_order_the_queue(
    make_topic: Callable[..., Any],
    hold: Callable[..., Any],
    make_member: Callable[..., Any],
) -> None:
    now = timezone.now()
    mild = hold(make_topic(), severity=1)
    severe = hold(make_topic(), severity=3)
    with freeze_time(now - dt.timedelta(hours=30)):
        waiting = hold(make_topic(), severity=1)  # 5 age points: above the fresh mild one
    reported = _reported(make_topic(), make_member, 3)  # severity 2, three reports

    order = [i.pk for i in q.queue_items(q.QueueFilters(), now=now)]
    assert order.index(severe.pk) < order.index(mild.pk)
    assert order.index(waiting.pk) < order.index(mild.pk)
    assert order.index(reported.pk) < order.index(mild.pk)
    ranked = {i.pk: i.priority_now for i in q.queue_items(q.QueueFilters(), now=now)}
    assert ranked[waiting.pk] - ranked[mild.pk] == pytest.approx(5.0, abs=0.01)


def test_age_points_are_capped() -> None:
    assert svc.priority_score(severity=1, age_hours=500) == svc.priority_score(
        severity=1, age_hours=72
    )
    assert svc.priority_score(severity=2) > svc.priority_score(severity=1, age_hours=72) - 3


def test_the_queue_filters_and_tabs(
    make_topic: Callable[..., Any],
    make_board: Callable[..., Any],
    hold: Callable[..., Any],
    make_member: Callable[..., Any],
    mod: Any,
) -> None:
    other_board = make_board(name="Photos", slug="photos")
    held = hold(make_topic())
    elsewhere = hold(make_topic(board=other_board))
    reported = _reported(make_topic(), make_member)
    decided = hold(make_topic())
    svc.item_approve(moderator=mod, item=decided)
    svc.item_escalate(moderator=mod, item=elsewhere, note="Needs a manager.")

    def ids(**filters: Any) -> set[int]:
        return {i.pk for i in q.queue_items(q.QueueFilters(**filters))}

    assert ids() == {held.pk, reported.pk}
    assert ids(origin="reported") == {reported.pk}
    assert ids(category="advertising") == {held.pk, reported.pk}
    assert ids(category="vulgar") == set()
    assert ids(tab="escalated") == {elsewhere.pk}
    assert ids(tab="escalated", board_id=other_board.pk) == {elsewhere.pk}
    assert ids(tab="decided") == {decided.pk}
    assert q.queue_counts() == {"open": 2, "escalated": 1, "decided": 1}
