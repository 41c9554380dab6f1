"""A small content log for the content and reading analyses, worked by hand in their tests.

Window: Mon 2026-03-02 … Sun 2026-03-08 (Asia/Shanghai). Boards B1, B2.

Topics (all published unless said):
  t1 B1 ugc by a, 03-02 10:00 — replies: a (own) 10:10, b 10:30 → first reply after 1800 s
  t2 B1 pgc by s, 03-02 12:00 — reply: c 03-03 14:00 → 93600 s (26 h)
  t3 B2 ugc by b, 03-03 09:00 — reply: b (own) 09:30 → unanswered
  t4 B2 ugc by a, 03-04 08:00 — reply: c 10:00 → 7200 s
  t5 B1 ugc by a, 03-05 20:00, hidden — left out
  t6 B2 pgc by s, 02-20 (before the window), no reply
  t7 B1 ugc by c, 03-06 22:00, no reply → unanswered

Reads (member, topic, day hour, dwell s, depth %):
  r1 b t1 Mon 03-02 21h  40 s depth 80, then a dwell row 21h +20 s depth 100 → 60 s, 100 %
  r2 c t2 Tue 03-03 21h 100 s, no depth
  r3 a t2 Wed 03-04 08h   5 s depth 30
  r4 c t3 Sat 03-07 21h 200 s depth 60
  r5 b t6 Sun 03-08 23h 700 s depth 100
  r6 d t6 Mon 03-09 00:30 (after the window in Shanghai; Sun 16:30 in UTC)

Interactions (topic, reply, like, share) in the window: a 4 (t1, own reply, t4, t5),
b 3 (reply t1, t3, own reply), c 3 (reply t2, reply t4, t7), d 2 (like, share; three likes
received do not count), s 1 (t2) → engaged: a, b, c of 5 active members.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from hearth.accounts.models import User
from hearth.analytics.models import Activity
from hearth.community.models import Board, Topic
from tests.analytics.conftest import ZONE, at


@dataclass(frozen=True)
class ContentLog:
    b1: Board
    b2: Board
    topics: dict[str, Topic]
    members: dict[str, User]


@pytest.fixture
def content_log(member: Callable[..., User], act: Callable[..., Activity]) -> ContentLog:
    a, b, c, d, s = (member(n, "2026-02-01") for n in ("a", "b", "c", "d", "s"))
    b1 = Board.objects.create(name="B1", slug="b1")
    b2 = Board.objects.create(name="B2", slug="b2")

    def topic(board: Board, author: User, day: str, hour: int, **fields: Any) -> Topic:
        made = Topic.objects.create(
            board=board, author=author, title="t", body="b", created_at=at(day, hour), **fields
        )
        act(author, "topic", day, hour, board_id=board.pk, topic_id=made.pk)
        return made

    t1 = topic(b1, a, "2026-03-02", 10)
    t2 = topic(b1, s, "2026-03-02", 12, kind="pgc")
    t3 = topic(b2, b, "2026-03-03", 9)
    t4 = topic(b2, a, "2026-03-04", 8)
    t5 = topic(b1, a, "2026-03-05", 20, status="hidden")
    t6 = topic(b2, s, "2026-02-20", 9, kind="pgc")
    t7 = topic(b1, c, "2026-03-06", 22)

    def reply(who: User, t: Topic, day: str, hour: int, minute: int = 0) -> None:
        Activity.objects.create(
            member_id=who.pk,
            action="reply",
            board_id=t.board_id,
            topic_id=t.pk,
            occurred_at=at(day, hour) + dt.timedelta(minutes=minute),
        )

    reply(a, t1, "2026-03-02", 10, 10)
    reply(b, t1, "2026-03-02", 10, 30)
    reply(c, t2, "2026-03-03", 14)
    reply(b, t3, "2026-03-03", 9, 30)
    reply(c, t4, "2026-03-04", 10)

    def read(who: User, t: Topic, day: str, hour: int, dwell: float, **fields: Any) -> None:
        act(who, "read", day, hour, board_id=t.board_id, topic_id=t.pk, value=dwell, **fields)

    read(b, t1, "2026-03-02", 21, 40, properties={"depth": 80})
    dwell = {"board_id": b1.pk, "topic_id": t1.pk, "value": 20, "properties": {"depth": 100}}
    act(b, "dwell", "2026-03-02", 21, **dwell)
    read(c, t2, "2026-03-03", 21, 100)
    read(a, t2, "2026-03-04", 8, 5, properties={"depth": 30})
    read(c, t3, "2026-03-07", 21, 200, properties={"depth": 60})
    read(b, t6, "2026-03-08", 23, 700, properties={"depth": 100})
    Activity.objects.create(
        member_id=d.pk,
        action="read",
        board_id=b2.pk,
        topic_id=t6.pk,
        value=3,
        occurred_at=dt.datetime(2026, 3, 9, 0, 30, tzinfo=ZONE),
    )
    act(d, "like", "2026-03-05", topic_id=t1.pk)
    act(d, "share", "2026-03-06", topic_id=t1.pk)
    act(d, "like", "2026-03-10", topic_id=t1.pk)  # after the window
    for _ in range(3):
        act(d, "like_received", "2026-03-05")
    topics = {"t1": t1, "t2": t2, "t3": t3, "t4": t4, "t5": t5, "t6": t6, "t7": t7}
    return ContentLog(b1, b2, topics, {"a": a, "b": b, "c": c, "d": d, "s": s})
