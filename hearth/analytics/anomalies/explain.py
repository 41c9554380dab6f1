"""Why a metric's day was unusual: the segments whose change against their expected share
contributed most (the contribution analysis of :mod:`~hearth.analytics.queries.contribution`).

The rows behind a metric: its action's rows in the activity log (reads,
replies …; a custom metric's numerator), the active members' member-days
(DAU), or the members who joined (new members). Each segment — channel,
region, age band, gender, level, device, board — is counted on the day and
on the baseline days (the same weekdays the expectation used). Had each
segment kept its baseline share of the expected total, it would be
``baseline × expected ÷ baseline total`` on the day; its *gap* is the day's
count minus that, and the segments are ranked by gap in the anomaly's
direction (a spike: the biggest excess first; a drop: the biggest shortfall).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlglot import exp

from hearth.analytics.definitions import ACTION_BITS, CUSTOM, DIMENSIONS
from hearth.analytics.metrics import MetricDef
from hearth.analytics.queries.contribution import Contribution, contributions, segment_counts
from hearth.analytics.queries.sources import date_literal, number
from hearth.analytics.store.engine import Engine

ACTIVITY_DIMENSIONS = (*DIMENSIONS, "board")
MEMBER_DIMENSIONS = tuple(d for d in DIMENSIONS if d != "device")
TOP = 5


def _days_in(days: Sequence[dt.date]) -> exp.Expression:
    return exp.column("day").isin(*[date_literal(d) for d in days])


def _actions(actions: Sequence[str]) -> exp.Expression | exp.Condition:
    named = sorted(a for a in actions if a != CUSTOM)
    chosen: exp.Expression | exp.Condition | None = (
        exp.column("action").isin(*[exp.Literal.string(a) for a in named]) if named else None
    )
    if CUSTOM in actions:
        custom = exp.column("action").isin(*[exp.Literal.string(a) for a in ACTION_BITS]).not_()
        chosen = exp.or_(chosen, custom) if chosen is not None else custom
    assert chosen is not None
    return chosen


def _member_day() -> exp.Expression:
    """One number per member and day (for counting distinct member-days)."""
    since = exp.Sub(this=exp.column("day"), expression=date_literal(dt.date(2000, 1, 1)))
    return exp.Add(
        this=exp.Mul(this=exp.column("member_id"), expression=number(100_000)),
        expression=exp.Paren(this=since),
    )


def segments_query(
    metric: MetricDef, *, day: dt.date, baseline: Sequence[dt.date], active: Sequence[str]
) -> exp.Expression:
    """``(dimension, value, current, previous)``: each segment on ``day`` and the baseline days."""
    days = [day, *baseline]
    now, then = exp.column("day").eq(date_literal(day)), _days_in(baseline)
    if metric.key == "new_members":
        joined = exp.select(
            exp.column("joined_day").as_("day"), *[exp.column(d) for d in MEMBER_DIMENSIONS]
        ).from_("members")
        source = joined.subquery("m")
        return segment_counts(
            source, dimensions=MEMBER_DIMENSIONS, now=now, then=then, where=_days_in(days)
        )
    action = _actions(active) if not metric.source else exp.column("action").eq(metric.source)
    rows = (
        exp.select(
            "member_id",
            "day",
            *[exp.column(d) for d in DIMENSIONS],
            exp.column("board_id").as_("board"),
        )
        .from_("activity")
        .where(exp.and_(action, _days_in(days)))
    )
    members = not metric.source or metric.unit == "members"
    return segment_counts(
        rows.subquery("a"),
        dimensions=ACTIVITY_DIMENSIONS,
        now=now,
        then=then,
        where=exp.column("member_id").is_(exp.null()).not_() if members else exp.true(),
        distinct=_member_day() if members else None,
    )


def explanation(
    engine: Engine,
    metric: MetricDef,
    *,
    day: dt.date,
    baseline: Sequence[dt.date],
    expected: float,
    active: Sequence[str],
) -> list[dict[str, Any]]:
    """The segments that made most of the day's difference from ``expected``, ranked."""
    rows = engine.run(segments_query(metric, day=day, baseline=baseline, active=active)).rows
    if not rows:
        return []
    first = str(rows[0][0])
    now = sum(int(r[2] or 0) for r in rows if r[0] == first)
    before = sum(int(r[3] or 0) for r in rows if r[0] == first)
    if not before:
        return []
    # ratios: the numerator against its baseline mean; counts: against the expected total
    target = before / len(baseline) if metric.kind == "ratio" else expected
    found = contributions(rows, target / before - 1)
    spike = now >= target
    ranked = [c for c in (reversed(found) if spike else found) if (c.gap > 0) == spike and c.gap]
    return [_item(c) for c in ranked[:TOP]]


def _item(found: Contribution) -> dict[str, Any]:
    return {
        "dimension": found.dimension,
        "value": found.value,
        "current": found.current,
        "expected": found.expected,
        "gap": found.gap,
        "share": found.share,
    }
