"""Retention of the recent weekly cohorts."""

from __future__ import annotations

import datetime as dt

from hearth.analytics.queries.params import window
from hearth.analytics.queries.retention import Retention
from hearth.reporting.builder.context import Context
from hearth.reporting.sections import CohortRow

COHORTS = 8
FOLLOWED = 12  # weeks the store's rollup keeps per cohort (only those already seen are shown)


def cohort_rows(ctx: Context) -> list[CohortRow]:
    """The members who joined in each of the 8 weeks up to the period's end, and the share of
    them active in week 0, 1, 2 … after (weeks that have ended by the period's end only)."""
    end = ctx.period.end
    last_monday = end - dt.timedelta(days=end.weekday())
    first = last_monday - dt.timedelta(weeks=COHORTS - 1)
    found = Retention(window(start=first, end=end), period="week", periods=FOLLOWED).run(ctx.engine)
    rows: list[CohortRow] = []
    for cohort in found:
        monday = dt.date.fromisoformat(cohort.name)
        seen = sum(1 for n in range(FOLLOWED + 1) if monday + dt.timedelta(weeks=n, days=6) <= end)
        rows.append(CohortRow(name=cohort.name, size=cohort.size, rates=cohort.rates[:seen]))
    return rows
