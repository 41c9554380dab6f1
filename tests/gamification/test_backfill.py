"""The points backfill derives from history what the live subscribers award, once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Sum
from freezegun import freeze_time

from hearth.accounts.models import User
from hearth.community.services import (
    like_give,
    like_withdraw,
    reply_create,
    topic_create,
    topic_feature,
    topic_set_status,
)
from hearth.gamification.actions import EntryKind
from hearth.gamification.models import (
    CheckIn,
    FairnessPolicy,
    LeaderboardScore,
    PointBalance,
    PointEntry,
)
from hearth.gamification.services import points_backfill

from .test_leaderboards import expected_scores, stored_scores

BODY = "A body long enough to pass the checks of the community services."
UTC = dt.UTC
DAY1 = dt.datetime(2026, 11, 20, 2, 0, tzinfo=UTC)  # local (UTC+8) 10:00 on the 20th
DAY2 = dt.datetime(2026, 11, 21, 2, 0, tzinfo=UTC)


def at(day: dt.datetime, minutes: int) -> Any:
    return freeze_time(day + dt.timedelta(minutes=minutes))


def ledger_sums() -> dict[int, tuple[int, int]]:
    rows = PointEntry.objects.values("member_id").annotate(
        lifetime=Sum("lifetime_amount"), spendable=Sum("amount")
    )
    return {r["member_id"]: (r["lifetime"], r["spendable"]) for r in rows}


def standing_award_keys() -> set[str]:
    return set(
        PointEntry.objects.filter(kind=EntryKind.AWARD, reversal__isnull=True).values_list(
            "idempotency_key", flat=True
        )
    )


def ledger_wipe() -> None:
    LeaderboardScore.objects.all().delete()
    PointEntry.objects.filter(reverses__isnull=False).delete()
    PointEntry.objects.all().delete()
    PointBalance.objects.all().delete()


@pytest.fixture
def old_member(make_member: Callable[..., Any]) -> Callable[..., Any]:
    """A member who joined long before DAY1 (past the new-account throttle)."""

    def make(name: str, joined: dt.datetime = DAY1 - dt.timedelta(days=60)) -> Any:
        member = make_member(name)
        User.objects.filter(pk=member.pk).update(date_joined=joined)
        member.refresh_from_db()
        return member

    return make


@pytest.fixture
def history(
    old_member: Any, make_board: Any, staff_member: Any, rule: Any, default_ladder: None
) -> dict[str, Any]:
    """Content made through the real services, with caps, an override, reversals, a new account."""
    red, blue = make_board(), make_board()
    rule("topic_created", points=5, cycle="daily", cap=3, board_points={red.pk: 8})
    rule("reply_created", points=2, cycle="daily", cap=4)
    rule("like_given", points=1, cycle="daily", cap=1)
    alice, bob, carol = old_member("alice"), old_member("bob"), old_member("carol")
    dave = old_member("dave", joined=DAY1 - dt.timedelta(days=1))  # a new account on DAY1
    topics = []
    for n in range(4):  # the fourth is over the daily cap
        with at(DAY1, n):
            topics.append(topic_create(author=alice, board=red, title=f"Topic {n}", body=BODY))
    with at(DAY2, 0):
        late = topic_create(author=alice, board=blue, title="Topic on day two", body=BODY)
    replies = []
    for n in range(6):  # two over the cap
        with at(DAY1, 10 + n):
            replies.append(reply_create(author=bob, topic=topics[0], body=BODY))
    with at(DAY1, 30):
        like_give(member=carol, target=topics[0])
        like_give(member=carol, target=replies[0])
        like_give(member=bob, target=topics[1])
        like_give(member=dave, target=topics[2])  # earns alice nothing (new account)
    with at(DAY1, 40):
        like_withdraw(member=carol, target=replies[0])
        topic_feature(actor=staff_member, topic=topics[0], level=2)
    with at(DAY2, 5):
        topic_set_status(actor=staff_member, topic=late, status="hidden")
        reply_create(author=carol, topic=topics[1], body=BODY)
    return {"alice": alice, "bob": bob, "carol": carol, "dave": dave, "red": red}


def test_backfill_agrees_with_the_live_awards(history: dict[str, Any]) -> None:
    live_sums, live_keys = ledger_sums(), standing_award_keys()
    alice = history["alice"]
    # 3 capped topics at 8 (red override) + first topic 10 + featured 20×2 + 2 likes received
    assert live_sums[alice.pk] == (24 + 10 + 40 + 2, 24 + 10 + 40 + 2)
    ledger_wipe()
    summary = points_backfill()
    assert ledger_sums() == live_sums
    assert standing_award_keys() == live_keys
    assert summary.total == len(live_keys)
    assert summary.entries["reply_created"] == 4 + 1
    for member_id, (lifetime, spendable) in live_sums.items():
        stored = PointBalance.objects.get(member_id=member_id)
        assert (stored.lifetime, stored.spendable) == (lifetime, spendable)
    level = PointBalance.objects.get(member=alice).level
    assert level is not None
    assert level.name == "初级会员"  # 76 points
    assert stored_scores() == expected_scores()
    assert stored_scores()[("all", "all", history["red"].pk, alice.pk)] == 24 + 10 + 40


def test_backfill_after_live_awards_adds_nothing(history: dict[str, Any]) -> None:
    before = ledger_sums()
    summary = points_backfill()
    assert summary.total == 0
    assert ledger_sums() == before


def test_backfill_twice_adds_nothing(history: dict[str, Any]) -> None:
    ledger_wipe()
    first = points_backfill()
    after_first = (ledger_sums(), stored_scores())
    second = points_backfill()
    assert first.total > 0
    assert second.total == 0
    assert second.balances == 0
    assert (ledger_sums(), stored_scores()) == after_first


def test_backfill_fits_around_live_awards_in_the_same_cycle(
    old_member: Any, make_board: Any, rule: Any
) -> None:
    rule("topic_created", points=5, cycle="daily", cap=2)
    rule("first_topic", points=0, cycle="once", active=False)
    alice, board = old_member("alice"), make_board()
    with at(DAY1, 0):
        topic_create(author=alice, board=board, title="Awarded live", body=BODY)
    with at(DAY1, 1):  # bulk-written: no events, so no award yet
        from hearth.community.models import Topic

        Topic.objects.create(author=alice, board=board, title="Bulk one", body=BODY)
    with at(DAY1, 2):
        Topic.objects.create(author=alice, board=board, title="Bulk two", body=BODY)
    summary = points_backfill()
    assert summary.entries["topic_created"] == 1  # one slot left under the cap of 2
    assert PointEntry.objects.filter(member=alice).count() == 2


def test_backfill_cuts_days_and_hours_in_local_time(
    old_member: Any, make_board: Any, rule: Any
) -> None:
    from hearth.community.models import Topic

    rule("topic_created", points=5, cycle="daily", cap=1)
    rule("reply_created", points=2, cycle="hourly", cap=1)
    alice, bob, board = old_member("alice"), old_member("bob"), make_board()
    # 15:59 and 16:00 UTC are 23:59 and 00:00 local: two days, two awards
    late = dt.datetime(2026, 11, 20, 15, 59, tzinfo=UTC)
    for moment in (late, late + dt.timedelta(minutes=1), late + dt.timedelta(minutes=2)):
        topic = Topic.objects.create(
            author=alice, board=board, title="t", body=BODY, created_at=moment
        )
    from hearth.community.models import Reply

    for minutes in (0, 20, 59, 61):  # 16:00–16:59 local hour twice, then 17:01
        Reply.objects.create(
            author=bob, topic=topic, body=BODY, created_at=late + dt.timedelta(minutes=minutes)
        )
    points_backfill()
    days = sorted(PointEntry.objects.filter(action="topic_created").values_list("cycle_key"))
    assert days == [("2026-11-20",), ("2026-11-21",)]
    hours = sorted(PointEntry.objects.filter(action="reply_created").values_list("cycle_key"))
    assert hours == [("2026-11-20T23",), ("2026-11-21T00",), ("2026-11-21T01",)]


def test_backfill_awards_sign_ins_with_the_live_source(old_member: Any, rule: Any) -> None:
    rule("sign_in", points=2, cycle="daily", cap=1)
    member = old_member("alice")
    CheckIn.objects.create(member=member, day=dt.date(2026, 11, 20), created_at=DAY1)
    points_backfill()
    entry = PointEntry.objects.get(member=member)
    assert entry.idempotency_key == f"sign_in|{member.pk}|checkin:{member.pk}:2026-11-20"
    assert entry.amount == 2


def test_new_account_likes_earn_when_the_policy_allows(
    history: dict[str, Any],
) -> None:
    FairnessPolicy.objects.update_or_create(pk=1, defaults={"new_account_likes_earn": True})
    ledger_wipe()
    points_backfill()
    dave = history["dave"]
    assert PointEntry.objects.filter(
        action="like_received", source_key__startswith=f"like:{dave.pk}:"
    ).exists()


def test_penalty_rules_with_a_floor_are_skipped(
    old_member: Any, make_board: Any, rule: Any
) -> None:
    rule("reply_created", points=-1, cycle="unlimited", floor=0)
    from hearth.community.models import Reply, Topic

    alice = old_member("alice")
    topic = Topic.objects.create(author=alice, board=make_board(), title="t", body=BODY)
    Reply.objects.create(author=alice, topic=topic, body=BODY)
    summary = points_backfill()
    assert "reply_created" in summary.skipped
    assert not PointEntry.objects.filter(action="reply_created").exists()


def test_command_prints_a_summary(history: dict[str, Any], capsys: Any) -> None:
    ledger_wipe()
    call_command("points_backfill")
    out = capsys.readouterr().out
    assert "reply_created: 5 entries" in out
    assert "entries added" in out
