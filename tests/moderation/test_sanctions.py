"""Sanctions: the ladder, escalation inside the window, scope, expiry, lifting, standing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from freezegun import freeze_time

from hearth.core.events import recording
from hearth.core.standing import posting_restriction
from hearth.moderation.events import SanctionIssued
from hearth.moderation.models import (
    AuditEntry,
    CommunityRule,
    ModerationSettings,
    Sanction,
    SanctionStep,
)
from hearth.moderation.selectors.sanctions import standing_forget, standing_of
from hearth.moderation.services.sanctions import (
    sanction_issue,
    sanction_lift,
    sanctions_mark_seen,
)
from hearth.notifications.models import Notification

pytest_plugins = ["tests.moderation.order_fixtures"]
pytestmark = pytest.mark.usefixtures("order_defaults")
HOUR = dt.timedelta(hours=1)


def _issue(moderator: Any, member: Any, rule: CommunityRule, **kw: Any) -> Sanction:
    return sanction_issue(actor=moderator, member=member, rule=rule, **kw)


def test_the_ladder_climbs_one_step_per_sanction_and_stays_on_the_top(
    moderator: Any, member: Any, rule: CommunityRule
) -> None:
    seen = []
    for _ in range(6):
        s = _issue(moderator, member, rule)
        length = (s.ends_at - s.starts_at) if s.ends_at else None
        seen.append((s.step, s.kind, length))
    assert seen == [
        (1, "warning", dt.timedelta(days=30)),  # a warning counts for the escalation window
        (2, "mute", dt.timedelta(hours=24)),
        (3, "mute", dt.timedelta(days=7)),
        (4, "ban", dt.timedelta(days=30)),
        (5, "ban", None),
        (5, "ban", None),
    ]


def test_only_sanctions_within_the_window_and_not_lifted_count_for_the_ladder(
    moderator: Any, member: Any, rule: CommunityRule
) -> None:
    with freeze_time(timezone.now() - dt.timedelta(days=31)):
        _issue(moderator, member, rule)
        _issue(moderator, member, rule)  # a mute, long over
    assert _issue(moderator, member, rule).kind == "warning"
    mute = _issue(moderator, member, rule)
    assert (mute.kind, mute.step) == ("mute", 2)
    sanction_lift(actor=moderator, sanction=mute, reason="Issued by mistake")
    again = _issue(moderator, member, rule)
    assert (again.kind, again.step) == ("mute", 2)


def test_the_third_warning_in_the_window_escalates_to_the_next_mute(
    moderator: Any, member: Any, rule: CommunityRule
) -> None:
    for _ in range(2):
        _issue(moderator, member, rule, kind="warning")
    assert not Sanction.objects.filter(member=member, escalated=True).exists()
    third = _issue(moderator, member, rule, kind="warning", reason="Spam again")
    assert third.kind == "warning"
    assert not third.escalated
    escalated = Sanction.objects.get(member=member, escalated=True)
    assert escalated.kind == "mute"
    assert escalated.ends_at - escalated.starts_at == dt.timedelta(hours=24)
    assert escalated.rule == rule
    assert escalated.issued_by == moderator
    assert "3 warnings within 30 days" in escalated.reason
    # The count starts again after an escalation: the 4th and 5th warning do nothing…
    _issue(moderator, member, rule, kind="warning")
    _issue(moderator, member, rule, kind="warning")
    assert Sanction.objects.filter(member=member, escalated=True).count() == 1
    # … the 6th escalates to the rung above the last one: the 7-day mute.
    _issue(moderator, member, rule, kind="warning")
    latest = Sanction.objects.filter(member=member, escalated=True).order_by("-pk").first()
    assert latest is not None
    assert (latest.kind, latest.step) == ("mute", 3)


def test_escalation_follows_the_settings(moderator: Any, member: Any, rule: CommunityRule) -> None:
    ModerationSettings.objects.filter(pk=1).update(warnings_to_escalate=2, escalation_window_days=7)
    with freeze_time(timezone.now() - dt.timedelta(days=8)):
        _issue(moderator, member, rule, kind="warning")
    _issue(moderator, member, rule, kind="warning")
    assert not Sanction.objects.filter(escalated=True).exists()  # the first one is out of window
    warning = _issue(moderator, member, rule, kind="warning")
    assert warning.ends_at - warning.starts_at == dt.timedelta(days=7)
    assert Sanction.objects.filter(escalated=True, kind="mute").count() == 1


def test_warnings_to_escalate_zero_turns_escalation_off(
    moderator: Any, member: Any, rule: CommunityRule
) -> None:
    ModerationSettings.objects.filter(pk=1).update(warnings_to_escalate=0)
    for _ in range(4):
        _issue(moderator, member, rule, kind="warning")
    assert not Sanction.objects.filter(escalated=True).exists()


def test_a_mute_by_hand_lasts_as_the_ladders_next_mute_and_a_ban_is_permanent(
    moderator: Any, member: Any, rule: CommunityRule
) -> None:
    mute = _issue(moderator, member, rule, kind="mute")
    assert mute.ends_at - mute.starts_at == dt.timedelta(hours=24)
    assert mute.step == 2
    longer = _issue(moderator, member, rule, kind="mute")
    assert longer.ends_at - longer.starts_at == dt.timedelta(days=7)  # the member is on step 2
    ban = _issue(moderator, member, rule, kind="ban")
    assert ban.ends_at is None
    assert ban.step == 5
    custom = _issue(moderator, member, rule, kind="mute", duration_hours=48)
    assert custom.ends_at - custom.starts_at == dt.timedelta(hours=48)
    assert custom.step == 2  # no harder than the 1-day mute, softer than the 7-day one


def test_issuing_records_audit_notifies_the_member_and_publishes_the_event(
    moderator: Any, member: Any, rule: CommunityRule
) -> None:
    with recording() as events:
        sanction = _issue(moderator, member, rule, kind="mute", duration_hours=5, reason="ads")
    entry = AuditEntry.objects.get(action="sanction.issue", target_id=sanction.pk)
    assert entry.actor == moderator
    assert entry.member_id == member.pk
    assert entry.before == {}
    assert entry.after["kind"] == "mute"
    assert entry.after["rule"] == "no-ads"
    note = Notification.objects.get(recipient=member)
    assert note.verb == "moderation"
    assert note.actor == moderator
    until = timezone.localtime(sanction.ends_at).strftime("%Y-%m-%d %H:%M")
    assert note.text == (f"Muted for breaking the rule “{rule.title}”, until {until}. Reason: ads")
    issued = [e for e in events if isinstance(e, SanctionIssued)]
    assert [(e.sanction_id, e.member_id, e.kind) for e in issued] == [
        (sanction.pk, member.pk, "mute")
    ]


def test_the_system_may_issue_without_an_actor(member: Any, rule: CommunityRule) -> None:
    sanction = sanction_issue(actor=None, member=member, rule=rule)
    assert sanction.issued_by is None
    assert sanction.kind == "warning"
    assert AuditEntry.objects.get(action="sanction.issue").actor is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "slap"}, "Unknown kind of sanction."),
        ({"kind": "mute", "duration_hours": 0}, "The duration must be at least one hour."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(
    moderator: Any, member: Any, rule: CommunityRule, fields: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError) as error:
        _issue(moderator, member, rule, **fields)
    assert message in error.value.messages
    assert not Sanction.objects.exists()


def test_an_inactive_rule_cannot_be_cited(moderator: Any, member: Any, rule: CommunityRule) -> None:
    rule.active = False
    rule.save()
    with pytest.raises(ValidationError, match="no longer active"):
        _issue(moderator, member, rule)


def test_members_cannot_sanction_and_nobody_sanctions_themselves(
    moderator: Any, member: Any, make_member: Callable[..., Any], rule: CommunityRule
) -> None:
    with pytest.raises(PermissionDenied):
        _issue(make_member(), member, rule)
    with pytest.raises(ValidationError, match="yourself"):
        _issue(moderator, moderator, rule)
    assert not Sanction.objects.exists()


def test_an_empty_ladder_is_a_clear_error(moderator: Any, member: Any, rule: CommunityRule) -> None:
    SanctionStep.objects.all().delete()
    with pytest.raises(ValidationError, match="ladder has no steps"):
        _issue(moderator, member, rule)
    assert _issue(moderator, member, rule, kind="warning").step is None


def test_lifting_needs_a_reason_records_it_and_happens_once(
    moderator: Any, second_moderator: Any, member: Any, rule: CommunityRule
) -> None:
    sanction = _issue(moderator, member, rule, kind="mute")
    with pytest.raises(ValidationError, match="Say why"):
        sanction_lift(actor=second_moderator, sanction=sanction, reason="  ")
    sanction_lift(actor=second_moderator, sanction=sanction, reason="Wrong member")
    sanction.refresh_from_db()
    assert sanction.lifted_by == second_moderator
    assert sanction.lift_reason == "Wrong member"
    entry = AuditEntry.objects.get(action="sanction.lift")
    assert entry.before["lifted_at"] is None
    assert entry.after["lifted_at"] is not None
    assert Notification.objects.filter(recipient=member, text__startswith="Lifted:").exists()
    with pytest.raises(ValidationError, match="already lifted"):
        sanction_lift(actor=second_moderator, sanction=sanction, reason="again")


def test_a_member_cannot_lift(
    moderator: Any, member: Any, make_member: Callable[..., Any], rule: CommunityRule
) -> None:
    sanction = _issue(moderator, member, rule, kind="mute")
    with pytest.raises(PermissionDenied):
        sanction_lift(actor=make_member(), sanction=sanction, reason="please")


class TestStanding:
    def test_an_active_mute_restricts_with_rule_and_local_time(
        self, moderator: Any, member: Any, rule: CommunityRule
    ) -> None:
        sanction = _issue(moderator, member, rule, kind="mute", duration_hours=24)
        restriction = posting_restriction(member, None)
        assert restriction is not None
        until = timezone.localtime(sanction.ends_at).strftime("%Y-%m-%d %H:%M")
        assert restriction.kind == "mute"
        assert restriction.until == sanction.ends_at
        assert restriction.rule == rule.title
        assert restriction.message == (
            f"You are muted until {until} for breaking the rule “{rule.title}”. You can still read."
        )

    def test_a_permanent_ban_says_permanently(
        self, moderator: Any, member: Any, rule: CommunityRule
    ) -> None:
        _issue(moderator, member, rule, kind="ban")
        restriction = posting_restriction(member, 7)
        assert restriction is not None
        assert restriction.until is None
        assert "banned from posting permanently" in restriction.message

    def test_warnings_do_not_restrict(
        self, moderator: Any, member: Any, rule: CommunityRule
    ) -> None:
        _issue(moderator, member, rule, kind="warning")
        assert posting_restriction(member, None) is None

    def test_a_board_sanction_applies_to_that_board_only(
        self, moderator: Any, member: Any, rule: CommunityRule, make_board: Callable[..., Any]
    ) -> None:
        board, other = make_board(name="摄影"), make_board()
        _issue(moderator, member, rule, kind="mute", board=board)
        assert posting_restriction(member, other.pk) is None
        assert posting_restriction(member, None) is None
        restriction = posting_restriction(member, board.pk)
        assert restriction is not None
        assert restriction.board_id == board.pk
        assert "muted in “摄影”" in restriction.message

    def test_the_strongest_restriction_wins(
        self, moderator: Any, member: Any, rule: CommunityRule
    ) -> None:
        _issue(moderator, member, rule, kind="mute", duration_hours=2)
        _issue(moderator, member, rule, kind="ban", duration_hours=1)
        _issue(moderator, member, rule, kind="mute", duration_hours=100)
        restriction = posting_restriction(member, None)
        assert restriction is not None
        assert restriction.kind == "ban"

    def test_expired_and_lifted_sanctions_stop_applying(
        self, moderator: Any, member: Any, rule: CommunityRule
    ) -> None:
        short = _issue(moderator, member, rule, kind="mute", duration_hours=1)
        with freeze_time(timezone.now() + 2 * HOUR):
            standing_forget(member)
            assert posting_restriction(member, None) is None
        standing_forget(member)
        assert posting_restriction(member, None) is not None
        sanction_lift(actor=moderator, sanction=short, reason="Sorry")
        assert posting_restriction(member, None) is None

    def test_standing_is_read_once_per_request(
        self,
        moderator: Any,
        member: Any,
        rule: CommunityRule,
        django_assert_num_queries: Any,
    ) -> None:
        _issue(moderator, member, rule, kind="mute")
        standing_forget(member)
        with django_assert_num_queries(1):
            for board_id in (None, 1, 2, 3):
                posting_restriction(member, board_id)
            standing_of(member)

    def test_the_community_refuses_posts_but_the_member_can_still_read(
        self,
        moderator: Any,
        member: Any,
        rule: CommunityRule,
        make_post: Callable[..., Any],
        client_for: Callable[[Any], Any],
    ) -> None:
        from hearth.community.services import reply_create, topic_create

        topic = make_post(moderator)
        _issue(moderator, member, rule, kind="mute")
        with pytest.raises(PermissionDenied, match="You are muted until"):
            topic_create(author=member, board=topic.board, title="Hello there", body="x" * 40)
        with pytest.raises(PermissionDenied, match="You are muted until"):
            reply_create(author=member, topic=topic, body="y" * 40)
        page = client_for(member).get(f"/t/{topic.pk}/")
        assert page.status_code == 200
        html = page.content.decode()
        assert 'data-testid="posting-restriction"' in html
        assert "You are muted until" in html

    def test_unseen_sanctions_until_dismissed(
        self, moderator: Any, member: Any, rule: CommunityRule
    ) -> None:
        warning = _issue(moderator, member, rule, kind="warning")
        lifted = _issue(moderator, member, rule, kind="warning")
        sanction_lift(actor=moderator, sanction=lifted, reason="duplicate")
        assert [s.pk for s in standing_of(member).unseen] == [warning.pk]
        assert sanctions_mark_seen(member=member) == 2
        assert standing_of(member).unseen == ()


def test_counts_of_sanctions_in_force(
    moderator: Any, member: Any, make_member: Callable[..., Any], rule: CommunityRule
) -> None:
    from hearth.moderation.selectors.sanctions import sanction_counts

    for _ in range(3):
        _issue(moderator, member, rule, kind="warning")  # the third escalates to a mute
    other = make_member()
    ban = _issue(moderator, other, rule, kind="ban")
    with freeze_time(timezone.now() - dt.timedelta(days=3)):
        _issue(moderator, other, rule, kind="mute", duration_hours=1)  # long over
    sanction_lift(actor=moderator, sanction=ban, reason="Appeal by mail")
    assert sanction_counts() == {"warning": 3, "mute": 1, "ban": 0, "escalated_30d": 1}
