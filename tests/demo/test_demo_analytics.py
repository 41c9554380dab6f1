"""The analytics recover the demo's planted effects (see ``hearth.demo.effects``)."""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from hearth.analytics.queries.boards import BoardDrilldown, BoardHealth, community_change
from hearth.analytics.queries.funnel import ONBOARDING, Funnel
from hearth.analytics.queries.params import Window
from hearth.analytics.queries.retention import Retention
from hearth.analytics.store.duck import DuckDBEngine
from hearth.analytics.store.sync import store_sync
from hearth.community.models import Board
from hearth.demo.effects import (
    ALERT_DAYS,
    CHANNELS,
    DECLINE_WEEKS,
    DECLINES,
    DEMO_METRIC_KEY,
    VIRAL_DAYS_AGO,
    VIRALS,
)

from .conftest import DemoWorld

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]  # one build a module

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


def _viral_board(demo_world: DemoWorld) -> tuple[dt.date, Board]:
    return demo_world.today - dt.timedelta(days=VIRAL_DAYS_AGO), Board.objects.get(
        slug=VIRALS["tech"].board_slug
    )


def test_the_viral_day_multiplies_one_board_s_reads_mostly_from_one_channel(
    demo_world: DemoWorld,
) -> None:
    from hearth.community.models import Read

    day, board = _viral_board(demo_world)
    reads = Read.objects.filter(topic__board=board)
    before = [reads.filter(day=day - dt.timedelta(days=7 * k)).count() for k in range(1, 7)]
    usual = statistics.median(before)
    on_day = reads.filter(day=day)
    assert 4.5 < on_day.count() / usual < 6.5
    channel = VIRALS["tech"].channel
    from_channel = on_day.filter(member__channel=channel).count()
    usual_from_channel = statistics.median(
        reads.filter(day=day - dt.timedelta(days=7 * k), member__channel=channel).count()
        for k in range(1, 7)
    )
    # most of the extra reads came through the channel
    assert from_channel - usual_from_channel > 0.5 * (on_day.count() - usual)


def test_the_viral_day_is_an_open_reads_alert_explained_by_its_board(
    demo_world: DemoWorld,
) -> None:
    from hearth.analytics.models import AlertStatus, AnomalyAlert

    day, board = _viral_board(demo_world)
    yesterday = demo_world.today - dt.timedelta(days=1)
    alerts = AnomalyAlert.objects.filter(day__gt=yesterday - dt.timedelta(days=ALERT_DAYS))
    assert not AnomalyAlert.objects.exclude(pk__in=alerts).exists()  # the last 30 complete days
    assert [a.day for a in alerts.filter(metric="reads")] == [day]  # the only reads alert
    alert = alerts.get(metric="reads")
    assert alert.status == AlertStatus.OPEN
    assert alert.value > alert.high
    assert alert.score > 3
    top = alert.explanation[0]
    assert (top["dimension"], str(top["value"])) == ("board", str(board.pk))
    assert top["gap"] > 0.5 * (alert.value - alert.expected)
    channels = [e for e in alert.explanation if e["dimension"] == "channel"]
    assert channels[0]["value"] == VIRALS["tech"].channel
    assert alert.explanation.index(channels[0]) <= 2
    shares = alerts.get(metric="shares", day=day)  # the topic was shared on, too
    shared = [e["value"] for e in shares.explanation if e["dimension"] == "channel"]
    assert shared[0] == VIRALS["tech"].channel


def test_the_demo_defines_a_reply_conversion_rate(
    demo_world: DemoWorld, store: DuckDBEngine
) -> None:
    from hearth.analytics.metrics import metric_series
    from hearth.analytics.models import CustomMetric
    from hearth.community.models import Read, Reply

    metric = CustomMetric.objects.get(key=DEMO_METRIC_KEY)
    assert (metric.name, metric.numerator, metric.denominator, metric.unit) == (
        "回复转化率",
        "reply",
        "read",
        "members",
    )
    window = Window(
        start=demo_world.today - dt.timedelta(days=30),
        end=demo_world.today - dt.timedelta(days=1),
        actions=ACTIONS,
        tz=TZ,
    )
    series = metric_series(key=DEMO_METRIC_KEY, window=window, period="day", engine=store)
    values = [p.value for p in series.points]
    assert len(values) == 30
    assert all(v is not None and 0 < v < 1 for v in values)
    assert series.value is not None
    assert 0 < series.value < 1
    day = demo_world.today - dt.timedelta(days=2)  # by hand: distinct repliers ÷ readers
    tz = ZoneInfo(TZ)
    repliers = {
        author
        for author, created in Reply.objects.values_list("author_id", "created_at")
        if created.astimezone(tz).date() == day
    }
    readers = set(Read.objects.filter(day=day).values_list("member_id", flat=True))
    point = next(p for p in series.points if p.start == day)
    assert (point.numerator, point.denominator) == (len(repliers), len(readers))
    assert point.value == pytest.approx(len(repliers) / len(readers), abs=1e-4)
