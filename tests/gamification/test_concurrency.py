"""Many workers replaying the same events at once: no lost and no doubled awards (PostgreSQL)."""

from __future__ import annotations

import random
import threading
from typing import Any

import pytest
from django.db import connection, connections
from django.db.models import Count

from hearth.gamification.models import PointEntry
from hearth.gamification.selectors import balance_for, ledger_sum_for
from hearth.gamification.services import points_award, points_reverse

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.timeout_slow,
]


def _run_workers(count: int, work: Any) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(count)

    def run(n: int) -> None:
        try:
            barrier.wait()
            work(n)
        except BaseException as exc:  # reported to the test below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_concurrent_replays_neither_lose_nor_double(make_member: Any, rule: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL (SQLite serialises writers)")
    members = [make_member() for _ in range(3)]
    rule("reply_created", points=2, cycle="unlimited")
    rule("like_received", points=1, cycle="daily", cap=7)
    events = [(m.pk, "reply_created", f"reply:{n}") for m in members for n in range(20)]
    events += [(m.pk, "like_received", f"like:{n}") for m in members for n in range(15)]

    def work(n: int) -> None:
        mine = events[:]
        random.Random(n).shuffle(mine)
        for member_id, action, source in mine:
            points_award(member=member_id, action=action, source_key=source)

    assert _run_workers(8, work) == []
    for member in members:
        awards = PointEntry.objects.filter(member=member)
        assert awards.filter(action="reply_created").count() == 20  # none lost
        assert awards.filter(action="like_received").count() == 7  # cap held
        assert balance_for(member_id=member.pk) == ledger_sum_for(member_id=member.pk)
        assert balance_for(member_id=member.pk).lifetime == 47
    doubled = PointEntry.objects.values("idempotency_key").annotate(n=Count("id")).filter(n__gt=1)
    assert not doubled.exists()


def test_concurrent_reversals_compensate_once(make_member: Any, rule: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL (SQLite serialises writers)")
    member = make_member()
    rule("topic_created", points=5, cycle="unlimited")
    for n in range(10):
        points_award(member=member, action="topic_created", source_key=f"topic:{n}")

    def work(n: int) -> None:
        for k in random.Random(n).sample(range(10), 10):
            points_reverse(source_key=f"topic:{k}")

    assert _run_workers(6, work) == []
    assert PointEntry.objects.filter(member=member, kind="reversal").count() == 10
    assert balance_for(member_id=member.pk) == ledger_sum_for(member_id=member.pk)
    assert balance_for(member_id=member.pk).spendable == 0
