"""Building blocks of the analyses' syntax trees: active member-days, periods, date arithmetic."""

from __future__ import annotations

import datetime as dt

from sqlglot import exp

from hearth.analytics.definitions import ACTION_BITS, CUSTOM, action_mask
from hearth.analytics.queries.params import Window
from hearth.analytics.store.sync import action_bit_expression


def date_literal(day: dt.date) -> exp.Expression:
    return exp.cast(exp.Literal.string(day.isoformat()), exp.DataType.Type.DATE)


def as_date(value: object) -> dt.date:
    """A day as engines return it (date, datetime or ISO text) as a ``date``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def number(value: int) -> exp.Expression:
    return exp.Literal.number(value)


def active_days(window: Window, *, since: dt.date, until: dt.date) -> exp.Select:
    """Distinct ``(member_id, day)`` on which a member was active, ``since``…``until``.

    From the ``member_days`` rollup when it can answer, else from ``activity``
    with days cut in the window's time zone.
    """
    day = exp.column("day")
    if window.uses_rollup:
        active = exp.BitwiseAnd(
            this=exp.column("mask"), expression=number(action_mask(window.actions))
        )
        return (
            exp.select("member_id", "day")
            .distinct()
            .from_("member_days")
            .where(exp.and_(active.neq(0), day.between(date_literal(since), date_literal(until))))
        )
    local_day = exp.cast(
        exp.AtTimeZone(this=exp.column("occurred_at"), zone=exp.Literal.string(window.tz)),
        exp.DataType.Type.DATE,
    )
    named = sorted(a for a in window.actions if a != CUSTOM)
    chosen: exp.Expression | exp.Condition | None = (
        exp.column("action").isin(*[exp.Literal.string(a) for a in named]) if named else None
    )
    if CUSTOM in window.actions:
        custom = exp.column("action").isin(*[exp.Literal.string(a) for a in ACTION_BITS]).not_()
        chosen = exp.or_(chosen, custom) if chosen is not None else custom
    inner = (
        exp.select(exp.column("member_id"), local_day.as_("day"))
        .from_("activity")
        .where(exp.and_(exp.column("member_id").is_(exp.null()).not_(), chosen))
    )
    return (
        exp.select("member_id", "day")
        .distinct()
        .from_(inner.subquery("a"))
        .where(day.between(date_literal(since), date_literal(until)))
    )


def period_start(value: exp.Expression, period: str) -> exp.Expression:
    """The first day of the day / ISO week / month holding ``value`` (a DATE)."""
    if period == "day":
        return value
    return exp.cast(
        exp.func("DATE_TRUNC", exp.Literal.string(period), value), exp.DataType.Type.DATE
    )


def period_of(day: dt.date, period: str) -> dt.date:
    """The first day of the day / ISO week / month holding ``day`` (``period_start`` in Python)."""
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day


def period_starts(start: dt.date, end: dt.date, period: str) -> list[dt.date]:
    """The first day of every period that holds a day from ``start`` to ``end``, in order."""
    found: list[dt.date] = []
    day = start
    while day <= end:
        first = period_of(day, period)
        if not found or found[-1] != first:
            found.append(first)
        day += dt.timedelta(days=1)
    return found


def period_index(value: exp.Expression, period: str) -> exp.Expression:
    """A whole number that grows by one per period (days since 1970, weeks, months)."""
    epoch = date_literal(dt.date(1970, 1, 5))  # a Monday: ISO weeks start there
    if period == "day":
        return exp.Sub(this=value, expression=epoch)
    if period == "week":
        return exp.IntDiv(
            this=exp.Paren(this=exp.Sub(this=period_start(value, "week"), expression=epoch)),
            expression=number(7),
        )
    year = exp.Extract(this=exp.var("YEAR"), expression=value)
    month = exp.Extract(this=exp.var("MONTH"), expression=value)
    return exp.Add(
        this=exp.Mul(this=exp.cast(year, "INT"), expression=number(12)),
        expression=exp.cast(month, "INT"),
    )


def bit_expression() -> exp.Expression:
    return action_bit_expression()
