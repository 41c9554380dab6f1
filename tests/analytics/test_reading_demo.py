"""The reading heatmap recovers the demo's planted rhythm (see ``hearth.demo.effects``):
evenings (20–23 h) are the busiest hours and weekends carry about 1.4× a weekday's reads.

The reads come straight from the demo's simulation (1,500 members over 13 whole weeks, in
memory) into the store, so that every weekday occurs equally often.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from django.conf import settings

from hearth.analytics.definitions import DEFAULT_ACTIVE
from hearth.analytics.queries.params import Window
from hearth.analytics.queries.reading import ReadingHeatmap
from hearth.analytics.store.engine import Engine, arrow_batch
from hearth.analytics.store.schema import ACTIVITY
from hearth.demo import effects
from hearth.demo.banks import THEME_BANKS
from hearth.demo.spec import simulate, spec_for

DAYS = 91
NOW = dt.datetime(2026, 6, 14, 23, 59, tzinfo=ZoneInfo("Asia/Shanghai"))  # a Sunday night


def _load_reads(engine: Engine) -> Window:
    spec = spec_for(bank=THEME_BANKS["tech"], seed=11, members=1500, now=NOW, days=DAYS)
    reads = simulate(spec).reads
    epochs = spec.window.epochs(reads["t"])
    zone = ZoneInfo(settings.TIME_ZONE)
    when = [dt.datetime.fromtimestamp(int(s), tz=dt.UTC) for s in epochs]
    n = len(when)
    columns = {c.name: [None] * n for c in ACTIVITY}
    columns.update(
        id=list(range(1, n + 1)),
        occurred_at=when,
        day=[w.astimezone(zone).date() for w in when],
        member_id=(reads["member"] + 1).tolist(),
        action=["read"] * n,
        topic_id=(reads["topic"] + 1).tolist(),
        value=reads["dwell"].astype(np.float64).tolist(),
        level=[0] * n,
    )
    engine.create()
    engine.load("activity", arrow_batch("activity", columns))
    return Window(
        start=spec.window.start,
        end=spec.window.today,
        actions=DEFAULT_ACTIVE,
        tz=settings.TIME_ZONE,
    )


@pytest.mark.django_db
def test_the_heatmap_finds_the_evening_peak_and_the_busier_weekend(engine: Engine) -> None:
    window = _load_reads(engine)
    assert window.days == DAYS  # 13 whole weeks, from a Monday
    assert window.start.weekday() == 0
    heat = ReadingHeatmap(window).calculate(engine)
    assert heat.total > 20_000
    assert heat.days == [13] * 7
    assert heat.peak_hour in (20, 21, 22, 23)
    evening = heat.share(effects.EVENING_HOURS)
    assert evening is not None
    assert abs(evening - effects.EVENING_SHARE) < 0.04
    totals = heat.hour_totals()
    assert sum(totals[20:24]) > 3 * sum(totals[8:12]) / 2  # evenings beat mornings
    assert totals[4] < 0.01 * heat.total  # the small hours are quiet
    ratio = heat.weekend_ratio
    assert ratio is not None
    assert abs(ratio - effects.WEEKEND_RATIO) <= 0.2
