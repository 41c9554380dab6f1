"""Report periods: ISO weeks and months, the one before, the latest complete one, bad input."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.utils import translation

from hearth.reporting.periods import (
    PeriodError,
    latest_complete,
    period_of,
    period_parse,
    period_starting,
)

D = dt.date


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("label", "start", "end"),
    [
        ("2026-W47", D(2026, 11, 16), D(2026, 11, 22)),
        ("2026-w01", D(2025, 12, 29), D(2026, 1, 4)),  # week 1 holds the year's first Thursday
        ("2026W5", D(2026, 1, 26), D(2026, 2, 1)),
        ("2026-W53", D(2026, 12, 28), D(2027, 1, 3)),  # 2026 has 53 ISO weeks
    ],
)
def test_weeks(label: str, start: dt.date, end: dt.date) -> None:
    found = period_parse("weekly", label)
    assert (found.start, found.end, found.days) == (start, end, 7)
    assert found.label == f"{start.isocalendar()[0]}-W{start.isocalendar()[1]:02d}"


def test_months_and_their_labels() -> None:
    nov = period_parse("monthly", "2026-11")
    assert (nov.start, nov.end, nov.days, nov.label) == (
        D(2026, 11, 1),
        D(2026, 11, 30),
        30,
        "2026-11",
    )
    feb = period_parse("monthly", " 2028-2 ")
    assert (feb.end, feb.label) == (D(2028, 2, 29), "2028-02")  # a leap year
    assert period_parse("weekly", "2026-W01").label == "2026-W01"


def test_the_period_before_and_what_it_is_compared_with() -> None:
    week = period_parse("weekly", "2026-W01")
    assert week.previous().label == "2025-W52"
    assert week.comparison() == (D(2025, 12, 22), D(2025, 12, 28))
    march = period_parse("monthly", "2026-03")
    assert (march.previous().start, march.previous().end) == (D(2026, 2, 1), D(2026, 2, 28))
    assert march.comparison() == (D(2026, 1, 29), D(2026, 2, 28))  # 31 days before
    assert period_parse("monthly", "2026-01").previous().label == "2025-12"


def test_the_latest_complete_period() -> None:
    # Monday 2026-12-07: the week before ended yesterday
    assert latest_complete("weekly", D(2026, 12, 7)).label == "2026-W49"
    assert latest_complete("weekly", D(2026, 12, 13)).label == "2026-W49"  # Sunday: not over
    assert latest_complete("weekly", D(2026, 12, 14)).label == "2026-W50"
    assert latest_complete("monthly", D(2026, 12, 1)).label == "2026-11"
    assert latest_complete("monthly", D(2027, 1, 31)).label == "2026-12"
    assert period_of("weekly", D(2026, 11, 22)).label == "2026-W47"


@pytest.mark.parametrize(
    ("kind", "label", "message"),
    [
        ("weekly", "2026-W60", "2026 has no week 60 (ISO weeks run from 1 to 52 or 53)."),
        ("weekly", "2025-W53", "2025 has no week 53"),
        ("weekly", "2026-W00", "2026 has no week 0"),
        ("weekly", "2026-11", "2026-11 is not a week: write the ISO week as 2026-W47."),
        ("monthly", "2026-13", "2026-13 is not a month: months run from 01 to 12."),
        ("monthly", "2026-00", "2026-00 is not a month"),
        ("monthly", "November", "November is not a month: write it as 2026-11."),
        ("daily", "2026-11-01", "Unknown report type: daily. Use weekly or monthly."),
    ],
)
def test_bad_periods(kind: str, label: str, message: str) -> None:
    with pytest.raises(PeriodError) as caught:
        period_parse(kind, label)
    assert message in str(caught.value)


def test_a_period_that_has_not_ended_is_refused() -> None:
    assert period_parse("weekly", "2026-W49", today=D(2026, 12, 7)).end == D(2026, 12, 6)
    with pytest.raises(PeriodError) as caught:
        period_parse("weekly", "2026-W50", today=D(2026, 12, 13))
    assert str(caught.value) == (
        "2026-W50 has not ended yet (it ends on 2026-12-13): reports cover complete periods only."
    )
    with pytest.raises(PeriodError):
        period_parse("monthly", "2026-12", today=D(2026, 12, 31))
    assert period_parse("monthly", "2026-12", today=D(2027, 1, 1)).label == "2026-12"


def test_a_report_starts_where_its_period_does() -> None:
    assert period_starting("weekly", D(2026, 11, 16)).label == "2026-W47"
    assert period_starting("monthly", D(2026, 11, 1)).label == "2026-11"
    with pytest.raises(PeriodError) as caught:
        period_starting("weekly", D(2026, 11, 17))
    assert "2026-11-17" in str(caught.value)
