"""The goal maths against answers worked out by hand (the working is in the comments)."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from hearth.goals import progress as m

D = dt.date.fromisoformat


def days_from(start: str, values: list[float | None]) -> dict[dt.date, float | None]:
    first = D(start)
    return {first + dt.timedelta(days=i): v for i, v in enumerate(values)}


def inputs(**over: object) -> m.Inputs:
    base: dict[str, object] = {
        "kind": "count",
        "start": D("2026-01-01"),
        "deadline": D("2026-01-10"),
        "today": D("2026-01-08"),
        "baseline": 20.0,
        "target": 30.0,
        "on_track_at": 0.95,
        "at_risk_below": 0.7,
    }
    base.update(over)
    return m.Inputs(**base)  # type: ignore[arg-type]


# (0,1) (1,3) (2,2) (3,4): x̄ 1.5, ȳ 2.5, Sxx 5, Sxy 4 → slope 0.8, intercept 1.3;
# fitted 1.3 2.1 2.9 3.7, residuals −.3 .9 −.9 .3, RSS 1.8, s = √(1.8/2) = √0.9
FOUR = [(0.0, 1.0), (1.0, 3.0), (2.0, 2.0), (3.0, 4.0)]


def test_line_fit_by_hand() -> None:
    fit = m.line_fit(FOUR)
    assert fit is not None
    assert fit.slope == pytest.approx(0.8)
    assert fit.intercept == pytest.approx(1.3)
    assert fit.x_mean == pytest.approx(1.5)
    assert fit.sxx == pytest.approx(5.0)
    assert fit.sd == pytest.approx(math.sqrt(0.9))
    assert m.line_fit(FOUR[:2]) is None  # no residual left to measure the noise
    assert m.line_fit([(1.0, 1.0), (1.0, 2.0), (1.0, 3.0)]) is None  # one x: no slope


def test_t_quantiles() -> None:
    assert m.t90(2) == 1.886
    assert m.t90(11) == 1.372  # between table rows: the lower df (wider band)
    assert m.t90(500) == 1.2816
    with pytest.raises(ValueError, match="df"):
        m.t90(0)


def test_level_forecast_band_by_hand() -> None:
    fit = m.line_fit(FOUR)
    assert fit is not None
    band = m.level_forecast(fit, 5)
    # ŷ(5) = 1.3 + 0.8·5 = 5.3; 1/n + (x−x̄)²/Sxx = 0.25 + 3.5²/5 = 2.7
    # half = t(2) · s · √(1 + 2.7) = 1.886 · 0.948683 · 1.923538 = 3.441627
    assert band.value == pytest.approx(5.3)
    assert band.high - band.value == pytest.approx(3.441627, abs=1e-5)
    assert band.value - band.low == pytest.approx(3.441627, abs=1e-5)
    nearer = m.level_forecast(fit, 4)
    assert nearer.high - nearer.low < band.high - band.low  # widens with the horizon


def test_count_forecast_sums_the_line_over_the_days_left() -> None:
    fit = m.line_fit(FOUR)
    assert fit is not None
    band = m.count_forecast(fit, 10.0, 4, 5)
    # two days (x 4 and 5), middle 4.5: ŷ(4.5) = 1.3 + 3.6 = 4.9 → 10 + 2·4.9 = 19.8
    # spread(4.5) = 0.25 + 3²/5 = 2.05; half = 1.886 · √0.9 · √(2 + 4·2.05) = 5.714297
    assert band.value == pytest.approx(19.8)
    assert band.high == pytest.approx(19.8 + 5.714297, abs=1e-5)
    assert band.low == pytest.approx(19.8 - 5.714297, abs=1e-5)
    assert m.count_forecast(fit, 10.0, 4, 3) == m.Band(10.0, 10.0, 10.0)  # no day left


def test_a_count_forecast_never_falls_below_the_actual() -> None:
    falling = m.line_fit([(0.0, 9.0), (1.0, 5.0), (2.0, 1.0)])  # y = 9 − 4x, exact
    assert falling is not None
    band = m.count_forecast(falling, 15.0, 3, 6)  # the line is below 0 there
    assert band == m.Band(15.0, 15.0, 15.0)


def test_targets_and_baselines() -> None:
    assert m.target_of("relative", 0.3, 200.0) == pytest.approx(260.0)
    assert m.target_of("relative", -0.2, 50.0) == pytest.approx(40.0)
    assert m.target_of("relative", 0.3, None) is None
    assert m.target_of("absolute", 500.0, 200.0) == 500.0
    assert m.baseline_of("count", [3.0, None, 4.0, 0.0]) == 7.0  # the comparable period's sum
    assert m.baseline_of("gauge", [3.0, None, 4.0, 5.0]) == 4.0  # the mean of known days
    assert m.baseline_of("ratio", [None, None]) is None


def test_elapsed_counts_complete_days_only() -> None:
    start, deadline = D("2026-01-01"), D("2026-01-10")
    assert m.total_days(start, deadline) == 10
    assert m.elapsed_days(start, deadline, D("2025-12-20")) == 0
    assert m.elapsed_days(start, deadline, start) == 0  # the first day is not over yet
    assert m.elapsed_days(start, deadline, D("2026-01-02")) == 1
    assert m.elapsed_days(start, deadline, D("2026-01-10")) == 9
    assert m.elapsed_days(start, deadline, D("2026-01-11")) == 10
    assert m.elapsed_days(start, deadline, D("2026-03-01")) == 10


def test_expected_pace() -> None:
    # a count goes from 0 to the target; a level from the baseline to the target
    assert m.expected_at("count", 20.0, 30.0, 0.7) == pytest.approx(21.0)
    assert m.expected_at("gauge", 100.0, 130.0, 10 / 31) == pytest.approx(100 + 30 * 10 / 31)
    assert m.expected_at("gauge", 100.0, 80.0, 0.5) == pytest.approx(90.0)  # a decrease
    assert m.expected_at("gauge", None, None, 0.5) is None


@pytest.mark.parametrize(
    ("attainment", "status"),
    [
        (1.3, "on_track"),
        (0.95, "on_track"),  # the threshold itself is on track
        (0.9499, "behind"),
        (0.7, "behind"),
        (0.6999, "at_risk"),
        (-0.5, "at_risk"),
        (None, "pending"),
    ],
)
def test_status_thresholds(attainment: float | None, status: str) -> None:
    assert m.status_of(attainment, on_track_at=0.95, at_risk_below=0.7) == status


def test_attainment_of_a_decrease_goal() -> None:
    # from 100 down to 80, forecast 85: (85 − 100) / (80 − 100) = 0.75 of the way
    assert m.attainment_of(85.0, 100.0, 80.0) == pytest.approx(0.75)
    assert m.attainment_of(85.0, 80.0, 80.0) is None


# A count goal of 10 days (01-01…01-10) on 01-08: days 0…6 complete with 2 4 3 5 4 6 5.
# actual = 29; x̄ = 3, ȳ = 29/7, Sxx = 28, Sxy = −6 −8 −3 +0 +4 +12 +15 = 14 → slope 0.5,
# intercept 29/7 − 1.5 = 2.642857. Days left x 7, 8, 9 (middle 8): ŷ(8) = 6.642857,
# forecast = 29 + 3 · 6.642857 = 48.928571.
# Residuals −.642857 / +.857143 alternating (4 and 3 of them): RSS = 3.857143, s = √(RSS/5);
# spread(8) = 1/7 + 25/28 = 1.035714; half = 1.476 · s · √(3 + 9 · 1.035714) = 4.550558.
COUNT_DAYS = days_from("2026-01-01", [2, 4, 3, 5, 4, 6, 5])


def test_count_goal_by_hand() -> None:
    result = m.progress(inputs(), COUNT_DAYS)
    assert (result.elapsed, result.total) == (7, 10)
    assert result.actual == 29.0
    assert result.expected == pytest.approx(21.0)  # 30 · 7/10
    assert result.forecast is not None
    assert result.forecast.value == pytest.approx(48.928571, abs=1e-5)
    assert result.forecast.high - result.forecast.value == pytest.approx(4.550558, abs=1e-5)
    assert result.forecast.value - result.forecast.low == pytest.approx(4.550558, abs=1e-5)
    assert len(result.path) == 3  # one forecast per day left, the last at the deadline
    assert result.path[0].value == pytest.approx(29 + (2.642857 + 0.5 * 7), abs=1e-5)
    assert result.attainment == pytest.approx((48.928571 - 20) / 10, abs=1e-5)
    assert result.status == "on_track"


@pytest.mark.parametrize(
    ("target", "status"),
    [
        (50.0, "on_track"),  # 28.93 / 30 = 0.964
        (55.0, "behind"),  # 28.93 / 35 = 0.827
        (100.0, "at_risk"),  # 28.93 / 80 = 0.362
    ],
)
def test_count_goal_status_follows_the_target(target: float, status: str) -> None:
    assert m.progress(inputs(target=target), COUNT_DAYS).status == status


def test_thresholds_are_the_configured_ones() -> None:
    strict = inputs(target=50.0, on_track_at=1.0, at_risk_below=0.97)
    assert m.progress(strict, COUNT_DAYS).status == "at_risk"  # 0.964 < 0.97


def test_level_goal_by_hand() -> None:
    # DAU over 31 days, baseline 100, +30 % → 130. On 01-11, 10 days: 100, 102, … 118.
    daily = days_from("2026-01-01", [100 + 2 * x for x in range(10)])
    result = m.progress(
        inputs(
            kind="gauge",
            deadline=D("2026-01-31"),
            today=D("2026-01-11"),
            baseline=100.0,
            target=130.0,
        ),
        daily,
    )
    assert result.actual == pytest.approx(112.0)  # mean of the last 7: 106 … 118
    assert result.expected == pytest.approx(100 + 30 * 10 / 31)
    assert result.forecast is not None
    assert result.forecast.value == pytest.approx(160.0)  # the line at the deadline, x = 30
    assert result.forecast.low == pytest.approx(160.0)  # an exact line: no band
    assert result.attainment == pytest.approx(2.0)  # (160 − 100) / (130 − 100)
    assert result.status == "on_track"


def test_a_level_goal_early_borrows_the_days_before_and_is_pending() -> None:
    # 3 days into the period: the trend also uses the 28 days before (x −28 … −1)
    daily = days_from("2025-12-04", [50.0] * 28 + [80.0, 80.0, 80.0])
    points = m.trend_points(daily, D("2026-01-01"), 3)
    assert len(points) == 31
    assert points[0] == (-28.0, 50.0)
    assert points[-1] == (2.0, 80.0)
    result = m.progress(
        inputs(
            kind="gauge",
            deadline=D("2026-01-31"),
            today=D("2026-01-04"),
            baseline=50.0,
            target=65.0,
        ),
        daily,
    )
    assert result.actual == pytest.approx(80.0)  # fewer than 7 days: the mean of those there are
    assert result.forecast is not None  # shown, but not yet a status
    assert result.status == "pending"
    # with 7 days the history is no longer used
    assert len(m.trend_points(daily, D("2026-01-01"), 7)) == 3  # only 3 of the 7 have values


def test_no_data_no_forecast() -> None:
    result = m.progress(inputs(today=D("2026-01-01")), {})
    assert result.actual is None
    assert result.forecast is None
    assert result.status == "pending"


def test_after_the_deadline_achieved_or_missed() -> None:
    ten = days_from("2026-01-01", [3] * 10)  # 30 in all
    assert m.progress(inputs(today=D("2026-01-11")), ten).status == "achieved"  # target 30
    missed = m.progress(inputs(today=D("2026-02-01"), target=31.0), ten)
    assert missed.status == "missed"
    assert missed.forecast == m.Band(30.0, 30.0, 30.0)


def test_a_decrease_goal_is_achieved_going_down() -> None:
    # a level from 100 down to 80; the last 7 days average 78
    daily = days_from("2026-01-01", [90.0, 90.0, 90.0] + [78.0] * 7)
    done = inputs(kind="gauge", today=D("2026-01-11"), baseline=100.0, target=80.0)
    assert m.progress(done, daily).status == "achieved"
    higher = days_from("2026-01-01", [90.0] * 10)
    assert m.progress(done, higher).status == "missed"
