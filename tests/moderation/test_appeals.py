"""Appeals: one per decision or sanction, by the affected member, reviewed by another moderator."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hearth.community.models import Topic
from hearth.core.events import recording
from hearth.gamification.defaults import ladder_restore_defaults, point_rules_restore_defaults
from hearth.gamification.selectors import balance_for
from hearth.gamification.services import points_award
from hearth.moderation.events import DecisionOverturned
from hearth.moderation.models import Appeal, AuditEntry, CommunityRule, Report, ReviewItem
from hearth.moderation.services.appeals import appeal_decide, appeal_file, can_review_appeal
from hearth.moderation.services.sanctions import sanction_issue
from hearth.notifications.models import Notification

pytest_plugins = ["tests.moderation.order_fixtures"]
pytestmark = pytest.mark.usefixtures("order_defaults")


@pytest.fixture(autouse=True)
def _points(db: None) -> None:
    ladder_restore_defaults()
    point_rules_restore_defaults()


@pytest.fixture
def rejected(
    member: Any, moderator: Any, make_post: Callable[..., Any], reject: Callable[..., ReviewItem]
) -> ReviewItem:
    return reject(make_post(member), moderator)


def test_the_author_appeals_a_rejection_once(member: Any, rejected: ReviewItem) -> None:
    appeal = appeal_file(member=member, item=rejected, text="It was not an ad.")
    assert appeal.state == "pending"
    assert appeal.appellant == member
    entry = AuditEntry.objects.get(action="appeal.file")
    assert entry.actor == member
    assert entry.target_id == appeal.pk
    with pytest.raises(ValidationError, match="already appealed"):
        appeal_file(member=member, item=rejected, text="Again")
    assert Appeal.objects.count() == 1


def test_only_the_author_may_appeal_and_only_a_standing_rejection(
    member: Any, make_member: Callable[..., Any], rejected: ReviewItem
) -> None:
    with pytest.raises(ValidationError, match="Only the author"):
        appeal_file(member=make_member(), item=rejected, text="Unfair")
    rejected.outcome = ReviewItem.Outcome.APPROVED
    rejected.save()
    with pytest.raises(ValidationError, match="Only a rejection"):
        appeal_file(member=member, item=rejected, text="Unfair")


@pytest.mark.parametrize(
    ("text", "message"),
    [("   ", "Say why you think the decision is wrong."), ("x" * 2001, "Keep it under 2000")],
)
def test_the_appeal_needs_a_reason_of_bounded_length(
    member: Any, rejected: ReviewItem, text: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        appeal_file(member=member, item=rejected, text=text)


def test_a_sanction_appeal_belongs_to_the_sanctioned_member(
    member: Any, moderator: Any, make_member: Callable[..., Any], rule: CommunityRule
) -> None:
    sanction = sanction_issue(actor=moderator, member=member, rule=rule, kind="mute")
    with pytest.raises(ValidationError, match="Only the sanctioned member"):
        appeal_file(member=make_member(), sanction=sanction, text="?")
    appeal = appeal_file(member=member, sanction=sanction, text="I did nothing")
    assert appeal.sanction == sanction
    with pytest.raises(ValidationError, match="already appealed"):
        appeal_file(member=member, sanction=sanction, text="I did nothing")


def test_the_moderator_who_decided_cannot_review_the_appeal(
    member: Any, moderator: Any, second_moderator: Any, rejected: ReviewItem
) -> None:
    appeal = appeal_file(member=member, item=rejected, text="Please look again")
    assert not can_review_appeal(moderator, appeal)
    assert can_review_appeal(second_moderator, appeal)
    with pytest.raises(ValidationError, match="A different moderator must review"):
        appeal_decide(actor=moderator, appeal=appeal, overturn=True)
    with pytest.raises(PermissionDenied):
        appeal_decide(actor=member, appeal=appeal, overturn=True)
    appeal.refresh_from_db()
    assert appeal.state == "pending"


def test_upholding_needs_an_answer_and_tells_the_member(
    member: Any, second_moderator: Any, rejected: ReviewItem
) -> None:
    appeal = appeal_file(member=member, item=rejected, text="Please look again")
    with pytest.raises(ValidationError, match="why the decision stands"):
        appeal_decide(actor=second_moderator, appeal=appeal, overturn=False, response=" ")
    decided = appeal_decide(
        actor=second_moderator, appeal=appeal, overturn=False, response="The link is an ad."
    )
    assert decided.state == "upheld"
    assert decided.reviewed_by == second_moderator
    assert decided.decided_at is not None
    assert AuditEntry.objects.filter(action="appeal.uphold", target_id=appeal.pk).exists()
    note = Notification.objects.filter(recipient=member).latest("pk")
    assert note.text == "Your appeal was reviewed and the decision stands. The link is an ad."
    topic = Topic.objects.get(pk=rejected.content_id)
    assert topic.status == "rejected"
    with pytest.raises(ValidationError, match="already been decided"):
        appeal_decide(actor=second_moderator, appeal=appeal, overturn=True)


def test_overturning_a_rejection_restores_content_points_reports_and_sanctions(
    member: Any,
    moderator: Any,
    second_moderator: Any,
    make_member: Callable[..., Any],
    make_post: Callable[..., Any],
    reject: Callable[..., ReviewItem],
    rule: CommunityRule,
) -> None:
    topic = make_post(member)
    with_topic = balance_for(member_id=member.pk).lifetime
    assert with_topic > 0
    item = reject(topic, moderator)
    reporter = make_member()
    Report.objects.create(
        content_kind="topic",
        content_id=topic.pk,
        reporter=reporter,
        reason="spam",
        item=item,
        outcome=Report.Outcome.UPHELD,
    )
    points_award(
        member=member, action="report_upheld_against", source_key=f"report_upheld:{item.pk}"
    )
    penalised = balance_for(member_id=member.pk).lifetime
    assert penalised < with_topic
    sanction = sanction_issue(actor=moderator, member=member, rule=rule, kind="mute", item=item)

    appeal = appeal_file(member=member, item=item, text="It is my own photo.")
    with recording() as events:
        appeal_decide(actor=second_moderator, appeal=appeal, overturn=True, response="Agreed.")

    topic.refresh_from_db()
    item.refresh_from_db()
    sanction.refresh_from_db()
    assert topic.status == "published"
    assert balance_for(member_id=member.pk).lifetime == with_topic  # post points and penalty back
    assert item.overturned is True
    assert list(Report.objects.values_list("outcome", flat=True)) == ["dismissed"]
    assert sanction.lifted_at is not None
    assert sanction.lifted_by == second_moderator
    overturned = [e for e in events if isinstance(e, DecisionOverturned)]
    assert [(e.appeal_id, e.member_id, e.item_id, e.sanction_id) for e in overturned] == [
        (appeal.pk, member.pk, item.pk, None)
    ]
    entry = AuditEntry.objects.get(action="appeal.overturn")
    assert entry.before == {"state": "pending"}
    assert entry.after["content_restored"] is True
    assert entry.after["sanctions_lifted"] == [sanction.pk]
    assert entry.after["penalties_reversed"] == 1
    assert AuditEntry.objects.filter(action="sanction.lift", target_id=sanction.pk).exists()
    note = Notification.objects.filter(recipient=member).latest("pk")
    assert note.text == "Your appeal was accepted: the post is restored. Agreed."


def test_overturning_a_sanction_lifts_it(
    member: Any, moderator: Any, second_moderator: Any, rule: CommunityRule
) -> None:
    sanction = sanction_issue(actor=moderator, member=member, rule=rule, kind="ban")
    appeal = appeal_file(member=member, sanction=sanction, text="Wrong account")
    with pytest.raises(ValidationError, match="different moderator"):
        appeal_decide(actor=moderator, appeal=appeal, overturn=True)
    appeal_decide(actor=second_moderator, appeal=appeal, overturn=True)
    sanction.refresh_from_db()
    assert sanction.lifted_at is not None
    assert sanction.lift_reason == "Overturned on appeal."
    appeal.refresh_from_db()
    assert appeal.state == "overturned"


def test_a_system_sanction_may_be_reviewed_by_any_moderator(
    member: Any, moderator: Any, rule: CommunityRule
) -> None:
    sanction = sanction_issue(actor=None, member=member, rule=rule)
    appeal = appeal_file(member=member, sanction=sanction, text="Why?")
    assert can_review_appeal(moderator, appeal)


def test_nobody_reviews_their_own_appeal(
    make_staff_member: Callable[..., Any], moderator: Any, rule: CommunityRule
) -> None:
    from hearth.core import roles

    staff = make_staff_member(roles.MODERATOR)
    sanction = sanction_issue(actor=moderator, member=staff, rule=rule)
    appeal = appeal_file(member=staff, sanction=sanction, text="Hm")
    with pytest.raises(ValidationError, match="your own appeal"):
        appeal_decide(actor=staff, appeal=appeal, overturn=True)
