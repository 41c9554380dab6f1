"""A hand-made community for the report builder's tests (week 2026-W02 against 2026-W01).

Members (joined · first-touch channel):
  alice 2025-12-29 seo · erin 2025-12-30 seo · bob 2026-01-05 wechat ·
  carol 2026-01-05 wechat · dan 2026-01-07 seo
each with a ``sign_up`` action at 09:00 of the day they joined.
Topics on the board Photo: T0 "Old" by erin (2025-12-30), T1 "Lenses" by alice
(2026-01-05), T2 "Tripods" by bob (2026-01-06).

W01 (2025-12-29 … 2026-01-04): erin posts T0 and alice reads it on 12-30.
W02 (2026-01-05 … 2026-01-11):
  01-05 alice posts T1; carol and bob read T1
  01-06 bob posts T2; carol reads T1 again, replies to T1 and likes it (alice: like received)
  01-07 dan reads T1, replies to it and likes it (alice: like received); carol reads T2
  01-08 dan reads T2; bob replies to T1; alice replies to T2
carol and dan follow alice; carol follows bob.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from hearth.accounts.models import MemberFollow, User
from hearth.analytics.models import Activity
from hearth.community.models import Board, Topic

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2026, 1, 20)


def at(day: str, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=ZONE)


def community() -> dict[str, Any]:
    def member(name: str, joined: str, channel: str) -> User:
        return User.objects.create(
            username=name, display_name=name.title(), date_joined=at(joined, 9), channel=channel
        )

    alice = member("alice", "2025-12-29", "seo")
    erin = member("erin", "2025-12-30", "seo")
    bob = member("bob", "2026-01-05", "wechat")
    carol = member("carol", "2026-01-05", "wechat")
    dan = member("dan", "2026-01-07", "seo")
    board = Board.objects.create(name="Photo", slug="photo")

    def topic(author: User, title: str, day: str) -> Topic:
        return Topic.objects.create(
            board=board, author=author, title=title, body="…", created_at=at(day, 10)
        )

    t0, t1 = topic(erin, "Old", "2025-12-30"), topic(alice, "Lenses", "2026-01-05")
    t2 = topic(bob, "Tripods", "2026-01-06")

    def act(who: User, action: str, day: str, on: Topic | None = None, hour: int = 12) -> None:
        Activity.objects.create(
            member_id=who.pk,
            action=action,
            occurred_at=at(day, hour),
            topic_id=on.pk if on else None,
            board_id=board.pk if on else None,
        )

    for who in (alice, erin, bob, carol, dan):
        act(who, "sign_up", who.date_joined.astimezone(ZONE).date().isoformat(), hour=9)
    act(erin, "topic", "2025-12-30", t0, 10)
    act(alice, "read", "2025-12-30", t0)
    act(alice, "topic", "2026-01-05", t1, 10)
    act(carol, "read", "2026-01-05", t1)
    act(bob, "read", "2026-01-05", t1)
    act(bob, "topic", "2026-01-06", t2, 10)
    act(carol, "read", "2026-01-06", t1)
    act(carol, "reply", "2026-01-06", t1)
    act(carol, "like", "2026-01-06", t1)
    act(alice, "like_received", "2026-01-06", t1)
    act(dan, "read", "2026-01-07", t1)
    act(dan, "reply", "2026-01-07", t1)
    act(dan, "like", "2026-01-07", t1)
    act(alice, "like_received", "2026-01-07", t1)
    act(carol, "read", "2026-01-07", t2)
    act(dan, "read", "2026-01-08", t2)
    act(bob, "reply", "2026-01-08", t1)
    act(alice, "reply", "2026-01-08", t2)
    MemberFollow.objects.create(follower=carol, followed=alice)
    MemberFollow.objects.create(follower=dan, followed=alice)
    MemberFollow.objects.create(follower=carol, followed=bob)
    return {
        "alice": alice,
        "erin": erin,
        "bob": bob,
        "carol": carol,
        "dan": dan,
        "board": board,
        "t0": t0,
        "t1": t1,
        "t2": t2,
    }
