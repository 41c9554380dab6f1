"""Anomaly detection: the method on hand-made series, then the service on a real log, both engines.

The hand-made series starts Monday M0 = 2026-01-05; weekdays Mon…Sun are
100 (Mondays vary: 100, 98, 102, 100, 96, 104, 100 in weeks 0…6), 100, 100,
200, 100, 40, 40.

* Monday of week 7 (M0 + 49) is planted at 160. Its six earlier Mondays are
  100, 104, 96, 100, 102, 98: median 100, absolute deviations 0 0 2 2 4 4,
  MAD 2, spread 1.4826 × 2 = 2.9652 (above 2 % of 100); the 7 days before it
  are all at their weekday's median, so the level is 1. Expected 100, band
  100 ± 3 × 2.9652 = 91.1044…108.8956, score 60 / 2.9652 = 20.23.
* Thursday of week 8 (M0 + 59) is planted at 120. Thursdays were all 200:
  MAD 0, so the spread is 2 % of 200 = 4; among the 7 days before it only
  Monday (100 against a median of 101, after the spike) is off, so the level
  is still 1. Expected 200, band 188…212, score −80 / 4 = −20.

These two are read as ratios (``counts=False``: no Poisson floor). As counts,
the spread is at least √expected: √100 = 10 for the Monday (band 70…130,
score 60 / 10 = 6) and √200 = 14.1421 for the Thursday (band 157.5736…242.4264,
score −80 / 14.1421 = −5.66); both are still flagged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from hearth.analytics.anomalies import anomalies_detect, anomaly_acknowledge, anomaly_dismiss
from hearth.analytics.anomalies.explain import explanation
from hearth.analytics.anomalies.method import expectation, is_anomaly
from hearth.analytics.anomalies.selectors import anomaly_list
from hearth.analytics.definitions import DEFAULT_ACTIVE
from hearth.analytics.metrics import custom_metric_create, metric_definition
from hearth.analytics.models import Activity, AnomalyAlert
from hearth.analytics.queries.params import QueryError
from hearth.analytics.store.engine import Engine
from hearth.analytics.store.sync import store_sync
from tests.analytics.conftest import at

M0 = dt.date(2026, 1, 5)
WEEK = (100.0, 100.0, 100.0, 200.0, 100.0, 40.0, 40.0)
MONDAYS = (100.0, 98.0, 102.0, 100.0, 96.0, 104.0, 100.0)
SPIKE, DROP = M0 + dt.timedelta(days=49), M0 + dt.timedelta(days=59)


def seasonal(weeks: int = 10, **planted: float) -> dict[dt.date, float | None]:
    series: dict[dt.date, float | None] = {}
    for i in range(7 * weeks):
        day = M0 + dt.timedelta(days=i)
        week, weekday = divmod(i, 7)
        value = MONDAYS[week] if weekday == 0 and week < len(MONDAYS) else WEEK[weekday]
        series[day] = planted.get(day.isoformat(), value)
    return series


def flagged(
    series: dict[dt.date, float | None], min_change: float = 10, *, counts: bool = False
) -> list[dt.date]:
    found = []
    for day, value in series.items():
        expected = expectation(series, day, counts=counts)
        if value is not None and expected and is_anomaly(value, expected, min_change=min_change):
            found.append(day)
    return found


def test_a_planted_spike_and_drop_are_found_with_their_band() -> None:
    series = seasonal(**{SPIKE.isoformat(): 160, DROP.isoformat(): 120})
    assert flagged(series) == [SPIKE, DROP]
    spike = expectation(series, SPIKE, counts=False)
    assert spike is not None
    assert (spike.expected, spike.spread, spike.level) == (100, 2.9652, 1)
    assert spike.band() == pytest.approx((91.1044, 108.8956))
    assert spike.score(160) == 20.23
    drop = expectation(series, DROP, counts=False)
    assert drop is not None
    assert (drop.expected, drop.spread, drop.level, drop.band()) == (200, 4, 1, (188, 212))
    assert drop.score(120) == -20


def test_counts_vary_at_least_as_a_poisson_count_does() -> None:
    series = seasonal(**{SPIKE.isoformat(): 160, DROP.isoformat(): 120})
    assert flagged(series, counts=True) == [SPIKE, DROP]
    spike, drop = expectation(series, SPIKE), expectation(series, DROP)
    assert spike is not None
    assert drop is not None
    assert (spike.spread, spike.band(), spike.score(160)) == (10, (70, 130), 6)
    assert drop.spread == 14.1421
    assert drop.band() == pytest.approx((157.5737, 242.4263))
    assert drop.score(120) == -5.66
    # 125 on the Monday is 25 above a count of about 100: ordinary noise
    assert flagged(seasonal(**{SPIKE.isoformat(): 125}), counts=True) == []
    assert flagged(seasonal(**{SPIKE.isoformat(): 125})) == [SPIKE]


def test_day_to_day_noise_widens_the_band() -> None:
    """Every weekday's six values agree (MAD 0), but the 28 days before the Monday each
    stray 10 % from their weekday, alternately up and down on consecutive weeks."""
    series: dict[dt.date, float | None] = {}
    for i in range(7 * 10):
        day = M0 + dt.timedelta(days=i)
        series[day] = 100.0
    for i in range(21, 49):  # weeks 3…6: alternately 110 and 90 each day
        series[M0 + dt.timedelta(days=i)] = 110.0 if i % 2 else 90.0
    found = expectation(series, SPIKE, counts=False)
    assert found is not None
    # each of the 28 days is 110 or 90 against a weekday median near 100 (or 95/105 where
    # the weekday's six values are split): the noise is about 10 % of expected
    assert found.spread >= 9
    assert not is_anomaly(120.0, found, min_change=10)
    assert is_anomaly(150.0, found, min_change=10)


def test_a_seasonal_series_raises_nothing() -> None:
    series = seasonal()
    assert flagged(series) == []
    assert expectation(series, M0 + dt.timedelta(days=27)) is None  # 3 weeks of history only
    saturday = expectation(series, M0 + dt.timedelta(days=54))
    assert saturday is not None
    assert saturday.expected == 40  # weekends are low, and expected to be


def test_a_higher_level_raises_the_expectation() -> None:
    series = seasonal()
    for i in range(42, 49):  # the whole of week 6 at 150 %
        day = M0 + dt.timedelta(days=i)
        value = series[day]
        assert value is not None
        series[day] = value * 1.5
    found = expectation(series, SPIKE)
    assert found is not None
    # Mondays 150 (week 6), 104, 96, 100, 102, 98: median 101, × 1.5
    assert (found.level, found.expected) == (1.5, 151.5)


def test_tiny_numbers_raise_nothing() -> None:
    series = {M0 + dt.timedelta(days=i): 3.0 if i % 7 < 5 else 2.0 for i in range(56)}
    series[M0 + dt.timedelta(days=49)] = 9.0  # a Monday: usually 3
    assert flagged(series, counts=True) == []
    assert flagged(series, min_change=1) == [M0 + dt.timedelta(days=49)]


# --- the service on a real log ----------------------------------------------------------
# Eight weeks from Monday 2025-11-03: six members of 上海 and 北京 (channel seo) read 30 times
# on weekdays and 12 times at weekends; on Monday 2025-12-22 two members from 广东 (weibo)
# read 40 times more: 70 reads where 30 were expected (spread √30 = 5.4772, a count's noise).

START = dt.date(2025, 11, 3)
PEAK = dt.date(2025, 12, 22)


@pytest.fixture
def log(engine: Engine, member: Callable[..., Any]) -> Engine:
    planted_reads(member)
    store_sync(engine)
    return engine


def planted_reads(member: Callable[..., Any]) -> None:
    regulars = [member(f"r{i}", "2025-10-01") for i in range(6)]
    visitors = [member(f"g{i}", "2025-10-01") for i in range(2)]
    rows = []
    for offset in range(56):
        day = START + dt.timedelta(days=offset)
        readers = regulars if day.weekday() < 5 else regulars[:3]
        for user in readers:
            for hour in range(10, 15 if day.weekday() < 5 else 14):
                rows.append(_read(user, day, hour, "上海" if user.pk % 2 else "北京", "seo"))
    for user in visitors:
        rows += [_read(user, PEAK, 8 + i % 12, "广东", "weibo") for i in range(20)]
    Activity.objects.bulk_create(rows)


def _read(user: Any, day: dt.date, hour: int, region: str, channel: str) -> Activity:
    return Activity(
        member_id=user.pk,
        action="read",
        occurred_at=at(day.isoformat(), hour),
        region=region,
        channel=channel,
    )


def detect(engine: Engine) -> Any:
    return anomalies_detect(start=dt.date(2025, 12, 15), end=dt.date(2025, 12, 28), engine=engine)


def test_the_service_finds_the_spike_and_names_the_segment(log: Engine) -> None:
    report = detect(log)
    assert [(a.metric, a.day) for a in report.alerts] == [("reads", PEAK)]
    alert = AnomalyAlert.objects.get()
    assert (alert.value, alert.expected, alert.low, alert.high) == (70, 30, 13.5684, 46.4316)
    assert alert.score == round(40 / 5.4772, 2)
    top = {(e["dimension"], e["value"]) for e in alert.explanation[:2]}
    assert top == {("region", "广东"), ("channel", "weibo")}
    first = alert.explanation[0]
    assert (first["current"], first["expected"], first["gap"], first["share"]) == (40, 0, 40, 1)
    # 14 days × 6 key metrics, each with enough history
    assert report.checked == 14 * 6


def test_detection_is_idempotent_and_decisions_stay(log: Engine, member: Any) -> None:
    detect(log)
    detect(log)
    alert = AnomalyAlert.objects.get()
    staff = member("staff", "2025-10-01")
    anomaly_dismiss(alert=alert, by=staff)
    stale = AnomalyAlert.objects.create(
        metric="reads", day=dt.date(2025, 12, 16), value=1, expected=1, low=0, high=2, score=5
    )
    report = detect(log)
    assert (report.kept, report.withdrawn, report.alerts) == (1, 1, [])
    alert.refresh_from_db()
    assert alert.status == "dismissed"  # never re-opened
    assert not AnomalyAlert.objects.filter(pk=stale.pk).exists()  # the data no longer show it
    assert list(anomaly_list(status="open")) == []


def test_acknowledging_and_listing(db: None, member: Any) -> None:
    staff = member("staff", "2025-10-01")
    older = AnomalyAlert.objects.create(
        metric="reads", day=dt.date(2025, 12, 1), value=9, expected=1, low=0, high=2, score=9
    )
    newer = AnomalyAlert.objects.create(
        metric="dau", day=dt.date(2025, 12, 2), value=9, expected=1, low=0, high=2, score=9
    )
    anomaly_acknowledge(alert=newer, by=staff)
    assert list(anomaly_list()) == [older, newer]  # open first
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="already"):
        anomaly_acknowledge(alert=newer, by=staff)
    assert anomaly_dismiss(alert=newer, by=staff).status == "dismissed"


def test_bad_ranges_are_refused(db: None) -> None:
    with pytest.raises(QueryError, match="after the end date"):
        anomalies_detect(start=dt.date(2026, 1, 2), end=dt.date(2026, 1, 1))
    with pytest.raises(QueryError, match="Unknown metric"):
        anomalies_detect(start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 1), metrics=["nope"])


def test_custom_metrics_are_watched_too(log: Engine) -> None:
    custom_metric_create(key="reading", name="阅读次数", numerator="read")
    custom_metric_create(key="read_members", name="阅读人数", numerator="read", unit="members")
    report = detect(log)
    assert sorted((a.metric, a.day) for a in report.alerts) == [
        ("reading", PEAK),
        ("reads", PEAK),
    ]  # two more readers (8 against 6) is under the minimum change
    assert report.checked == 14 * 8
    reading = AnomalyAlert.objects.get(metric="reading")
    assert reading.explanation[0]["value"] == "广东"


def test_explanations_of_members_metrics(log: Engine) -> None:
    baseline = [PEAK - dt.timedelta(days=7 * k) for k in range(1, 7)]
    active = sorted(DEFAULT_ACTIVE)
    dau = explanation(
        log, metric_definition("dau"), day=PEAK, baseline=baseline, expected=6, active=active
    )
    # 8 readers against 6 expected: the two from 广东 (weibo); 上海 and 北京 kept their 3 each
    assert {(e["dimension"], e["value"], e["current"], e["gap"]) for e in dau[:2]} == {
        ("region", "广东", 2, 2),
        ("channel", "weibo", 2, 2),
    }
    joined = explanation(
        log,
        metric_definition("new_members"),
        day=PEAK,
        baseline=baseline,
        expected=0,
        active=active,
    )
    assert joined == []  # nobody joined on those days
