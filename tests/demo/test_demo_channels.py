"""Acceptance: on the default demo, the channel quality table and the budget advice find the
planted channel effects (effects.py, effects 3 and 8)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from hearth.accounts.models import User
from hearth.demo.build import DEMO_USERNAME
from hearth.demo.effects import BEST_RETAINING, CHANNEL_KEYS, WINDOW_DAYS, WORST_RETAINING
from hearth.demo.spend import BOOTHS, CAC, PAID_SOCIAL
from hearth.growth.budget import GROW, REDUCE, budget_advise, budget_channels
from hearth.growth.models import Spend, SpendKind
from hearth.growth.quality import Period, QualityTable, channel_quality
from tests.demo.conftest import DemoWorld

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]  # one build a module


@pytest.fixture(scope="module")
def table(demo_world: DemoWorld, django_db_blocker: object) -> QualityTable:
    """The table over the demo's whole window (every member, measured up to yesterday)."""
    yesterday = demo_world.today - dt.timedelta(days=1)
    period = Period(
        start=demo_world.today - dt.timedelta(days=WINDOW_DAYS - 1), end=yesterday, as_of=yesterday
    )
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        return channel_quality(period=period)


def test_quality_table_retention_follows_the_planted_channels(table: QualityTable) -> None:
    rows = {row.key: row for row in table.rows}
    assert set(CHANNEL_KEYS) <= set(rows)
    active = {key: rows[key].still_active_rate or 0.0 for key in CHANNEL_KEYS}
    d7 = {key: rows[key].rate(7) or 0.0 for key in CHANNEL_KEYS}
    for best in BEST_RETAINING:
        for worst in WORST_RETAINING:
            assert active[best] > 2 * active[worst], (best, worst, active)
            assert d7[best] > 2 * d7[worst], (best, worst, d7)
    # the two worst channels are the bottom two of all channels at day 30
    assert set(sorted(active, key=active.__getitem__)[:2]) == set(WORST_RETAINING), active
    assert all(not rows[key].small for key in CHANNEL_KEYS)  # ≥ 30 sign-ups each


def test_quality_table_costs_follow_the_planted_spend(table: QualityTable) -> None:
    rows = {row.key: row for row in table.rows}
    assert rows["seo"].spend == 0
    assert rows["seo"].cac is None
    for key, (cac, _kind) in CAC.items():
        assert rows[key].cac == pytest.approx(cac, rel=0.15), key
    cost = {key: rows[key].cost_per_active for key in CAC}
    ranked = sorted(cost, key=lambda k: cost[k] or 0.0)
    assert set(ranked[-2:]) == {"douyin", PAID_SOCIAL}
    booths = Spend.objects.filter(channel__key="offline", kind=SpendKind.BOOTH)
    assert set(booths.values_list("campaign__name", flat=True)) == set(BOOTHS)


def test_budget_advice_reduces_volume_without_quality(table: QualityTable) -> None:
    advice = budget_advise(budget_channels(table))
    flags = {line.base.key: line.flag for line in advice.lines}
    assert flags["douyin"] == REDUCE
    assert flags[PAID_SOCIAL] == REDUCE
    assert [k for k, f in flags.items() if f == REDUCE] == sorted(["douyin", PAID_SOCIAL])
    assert flags["referral"] == GROW
    assert "seo" in {c.key for c in advice.free}
    lines = {line.base.key: line for line in advice.lines}
    assert lines["douyin"].change == pytest.approx(-0.5)
    assert "douyin" not in [c.key for c in advice.free]
    assert sum(line.planned for line in advice.lines) == pytest.approx(advice.total)
    assert advice.plan.retained > advice.keep.retained  # the reallocation keeps more members
    assert "→" in lines["douyin"].reason


def test_the_pages_on_the_demo(demo_world: DemoWorld, client: Client) -> None:
    """The quality table and the advice render on 3,000 members; douyin is flagged in the HTML."""
    client.force_login(User.objects.get(username=DEMO_USERNAME))
    yesterday = demo_world.today - dt.timedelta(days=1)
    window = {"start": yesterday - dt.timedelta(days=WINDOW_DAYS - 2), "end": yesterday}
    quality = client.get("/ops/growth/quality/", window)
    assert quality.status_code == 200
    assert 'data-channel="paid_social"' in quality.content.decode()
    budget = client.get("/ops/growth/budget/", window)
    html = budget.content.decode()
    assert budget.status_code == 200
    assert 'data-channel="douyin" data-flag="reduce"' in html
    assert 'data-channel="paid_social" data-flag="reduce"' in html
