"""The channel table: sign-ups per first-touch channel, their early retention and the spend."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _

from hearth.analytics.queries.params import window
from hearth.analytics.queries.retention import Retention
from hearth.analytics.queries.sources import as_date
from hearth.analytics.store.rollups import rollup_covers, rollup_rows
from hearth.growth.models import Channel
from hearth.growth.spend import spend_by_channel
from hearth.reporting.builder.context import Context
from hearth.reporting.sections import ChannelRow

DAYS = (7, 30)
QUALITY_COHORT_DAYS = 28  # d7 / d30 are measured over the sign-ups of 4 weeks old enough
# members by channel and join day, active on day 0…30 after joining: kept by every sync
ROLLUP = "retention:day:30:n_period:channel"


def _cells(ctx: Context, first: dt.date) -> list[tuple[dt.date, str, int, float]]:
    """``(join day, channel, n, members)`` of the members who joined ``first``…the period's
    end: ``n`` = -1 is their number, ``n`` ≥ 0 those active on the n-th day after joining."""
    query = Retention(
        window(start=first, end=ctx.period.end),
        period="day",
        periods=30,
        cohort_by="channel",
        cells=True,
    )
    if rollup_covers(ctx.engine, ROLLUP, query.window):
        rows = rollup_rows(ctx.engine, ROLLUP, first, ctx.period.end)
    else:
        rows = [(j, c, n, m) for c, j, n, m in ctx.engine.run(query.to_query()).rows]
    return [(as_date(at), str(grp), int(n), float(value)) for at, grp, n, value in rows]


def channel_rows(ctx: Context) -> list[ChannelRow]:
    """One row per channel with sign-ups (now or before) or spend, most sign-ups first.

    Sign-ups by first-touch channel, in the period and in the days compared with. d7 / d30
    (the growth app's channel quality rule): the share active on their 7th / 30th day, of
    the latest ``QUALITY_COHORT_DAYS`` days of sign-ups old enough by the day the report is
    built for (a week's own sign-ups are never 7 days old on the Monday after, so the
    latest measurable cohorts stand in) — None when there are none. Spend is prorated to
    the period's days.
    """
    first, _last = ctx.previous
    cohorts = {
        n: (
            ctx.as_of - dt.timedelta(days=n + QUALITY_COHORT_DAYS - 1),
            ctx.as_of - dt.timedelta(days=n),
        )
        for n in DAYS
    }
    signups: dict[str, int] = defaultdict(int)
    previous: dict[str, int] = defaultdict(int)
    eligible: dict[tuple[str, int], float] = defaultdict(float)
    retained: dict[tuple[str, int], float] = defaultdict(float)
    earliest = min(first, *(start for start, _end in cohorts.values()))
    for joined, channel, n, members in _cells(ctx, earliest):
        if n == -1:
            if ctx.period.start <= joined <= ctx.period.end:
                signups[channel] += int(members)
            elif first <= joined < ctx.period.start:
                previous[channel] += int(members)
            for days, (start, end) in cohorts.items():
                if start <= joined <= end:
                    eligible[(channel, days)] += members
        elif n in DAYS and cohorts[n][0] <= joined <= cohorts[n][1]:
            retained[(channel, n)] += members
    spend = spend_by_channel(start=ctx.period.start, end=ctx.period.end)
    names = dict(Channel.objects.values_list("key", "name"))

    def rate(channel: str, n: int) -> float | None:
        whole = eligible.get((channel, n), 0)
        return round(retained.get((channel, n), 0) / whole, 4) if whole else None

    rows: list[ChannelRow] = []
    for key in set(signups) | set(previous) | set(spend):
        cost = spend.get(key)
        rows.append(
            ChannelRow(
                key=key,
                name=names.get(key) or key or _("No channel"),
                signups=signups.get(key, 0),
                previous_signups=previous.get(key, 0),
                d7=rate(key, 7),
                d30=rate(key, 30),
                spend=float(cost) if cost is not None else None,
                cost_per_member=_per(cost, signups.get(key, 0)),
            )
        )
    rows.sort(key=lambda r: (-r["signups"], r["key"]))
    return rows


def _per(cost: Decimal | None, members: int) -> float | None:
    if cost is None or not members:
        return None
    return round(float(cost) / members, 2)
