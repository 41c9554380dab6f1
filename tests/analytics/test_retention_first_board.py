"""Retention with cohorts by the board of the first post, on every engine, counted by hand.

p joined Mon 01-05: reply on board 2 01-05 10:00, topic on board 1 01-05 11:00, read 01-13
q joined Mon 01-05: topic on board 1 01-06
r joined Tue 01-06: topic on board 1 01-20 (its first post, in week 2)
s joined Tue 01-06: a read 01-06, never posts (in no cohort)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from hearth.accounts.models import User
from hearth.analytics.definitions import DEFAULT_ACTIVE
from hearth.analytics.queries.params import Window
from hearth.analytics.queries.retention import Retention
from hearth.analytics.store.engine import Engine
from hearth.analytics.store.rollups import rollup_covers
from hearth.analytics.store.sync import store_sync


@pytest.fixture
def posters(engine: Engine, member: Callable[..., User], act: Callable[..., Any]) -> Engine:
    p = member("p", "2026-01-05")
    q = member("q", "2026-01-05")
    r = member("r", "2026-01-06")
    s = member("s", "2026-01-06")
    act(p, "reply", "2026-01-05", hour=10, board_id=2)
    act(p, "topic", "2026-01-05", hour=11, board_id=1)
    act(p, "read", "2026-01-13", board_id=1)
    act(q, "topic", "2026-01-06", board_id=1)
    act(r, "topic", "2026-01-20", board_id=1)
    act(s, "read", "2026-01-06", board_id=2)
    store_sync(engine)
    return engine


def test_cohorts_by_the_board_of_the_first_post(posters: Engine) -> None:
    window = Window(
        start=dt.date(2026, 1, 5),
        end=dt.date(2026, 1, 11),
        actions=DEFAULT_ACTIVE,
        tz="Asia/Shanghai",
    )
    query = Retention(window, period="week", periods=12, cohort_by="first_board")
    cohorts = {c.name: (c.size, c.retained[:3]) for c in query.calculate(posters)}
    assert cohorts == {
        "1": (2, [1, 0, 1]),  # q and r: q in week 0, r (first post) in week 2
        "2": (1, [1, 1, 0]),  # p: replied on board 2 first; read in week 1
    }
    # the join-period cohorts of the same shape are materialised; this one is computed
    assert query.from_rollup(posters) is None
    assert not rollup_covers(posters, query.rollup_name, window)
    assert query.calculate(posters) == query.compute(posters)
    on_or_after = Retention(
        window, period="week", periods=2, mode="on_or_after", cohort_by="first_board"
    ).calculate(posters)
    assert {c.name: c.retained for c in on_or_after} == {"1": [2, 1, 1], "2": [1, 1, 0]}
