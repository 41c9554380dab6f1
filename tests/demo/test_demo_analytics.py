"""The analytics recover the demo's planted effects (see ``hearth.demo.effects``)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any

import pytest

from hearth.analytics.queries.boards import BoardDrilldown, BoardHealth, community_change
from hearth.analytics.queries.funnel import ONBOARDING, Funnel
from hearth.analytics.queries.params import Window
from hearth.analytics.queries.retention import Retention
from hearth.analytics.store.duck import DuckDBEngine
from hearth.analytics.store.sync import store_sync
from hearth.community.models import Board
from hearth.demo.effects import CHANNELS, DECLINE_WEEKS, DECLINES

from .conftest import DemoWorld

pytestmark = pytest.mark.django_db

# the effects' own definition of an action (hearth.demo.effects): no follows, visits or sign-ups
ACTIONS = frozenset({"read", "like", "reply", "topic", "share"})
TZ = "Asia/Shanghai"


@pytest.fixture(scope="module")
def store(demo_world: DemoWorld, django_db_blocker: Any) -> Iterator[DuckDBEngine]:
    """The demo's activity log (the build backfilled it) in a store of this module's own."""
    engine = DuckDBEngine()
    with django_db_blocker.unblock():
        store_sync(engine)
    yield engine
    engine.close()


def test_the_declining_board_and_the_age_band_behind_it(
    demo_world: DemoWorld, store: DuckDBEngine
) -> None:
    decline = DECLINES["tech"]
    weeks = dt.timedelta(weeks=DECLINE_WEEKS)
    window = Window(
        start=demo_world.today - weeks + dt.timedelta(days=1),
        end=demo_world.today,
        actions=frozenset({"read"}),
        tz=TZ,
    )
    rows = BoardHealth(window).calculate(store)
    trend = community_change(rows)
    slugs = dict(Board.objects.values_list("pk", "slug"))
    assert [slugs[r.board_id] for r in rows if r.declining(trend)] == [decline.board_slug]
    board = next(r for r in rows if slugs[r.board_id] == decline.board_slug)
    why = BoardDrilldown(window, board_id=board.board_id).calculate(store)
    top = why[0]
    assert (top.dimension, top.value) == ("age_band", decline.band)
    assert top.gap < 0
    bands = [c for c in why if c.dimension == "age_band"]
    assert bands[0].value == decline.band  # the band ranks first within its attribute too


def test_channels_retain_in_the_planted_order(demo_world: DemoWorld, store: DuckDBEngine) -> None:
    window = Window(
        start=demo_world.today - dt.timedelta(days=180),
        end=demo_world.today - dt.timedelta(days=31),
        actions=ACTIONS,
        tz=TZ,
    )
    cohorts = Retention(
        window, period="day", periods=30, mode="on_or_after", cohort_by="channel"
    ).calculate(store)
    rate = {c.name: c.rates[8] for c in cohorts}  # active on day 8 or later
    expected = sorted(CHANNELS, key=lambda c: c.active_8_30, reverse=True)
    best, worst = {c.key for c in expected[:2]}, {c.key for c in expected[-2:]}
    assert min(rate[c] for c in best) > max(rate[c] for c in worst)
    measured = sorted(rate, key=rate.__getitem__, reverse=True)
    assert set(measured[:3]) >= best or set(measured[:2]) == best
    assert set(measured[-2:]) == worst


def test_the_first_week_drop_off_is_at_the_board_follow_step(
    demo_world: DemoWorld, store: DuckDBEngine
) -> None:
    window = Window(
        start=demo_world.today - dt.timedelta(days=180),
        end=demo_world.today - dt.timedelta(days=8),
        actions=ACTIONS,
        tz=TZ,
    )
    steps = Funnel(window, steps=ONBOARDING, within_days=7).calculate(store)
    assert [s.action for s in steps] == [
        "sign_up",
        "profile_complete",
        "follow",
        "read",
        "like",
        "reply",
        "topic",
    ]
    assert steps[0].members > 1000
    assert 0.8 < steps[1].of_previous < 0.95  # PROFILE_RATE: 0.88 complete their profile
    worst = min(steps[1:], key=lambda s: s.of_previous)
    assert (worst.action, worst.times) == ("follow", 3)
    assert all(s.members <= p.members for p, s in itertools.pairwise(steps))
