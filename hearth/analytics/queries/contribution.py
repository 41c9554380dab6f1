"""Contribution analysis: which segments made a change, against what they would have been.

Used by the board drill-down (a board's reads against the community's
change) and by anomaly explanations (a metric's day against its expected
value). Each segment (e.g. region 广东) has a count *now* and a count *then*;
had it followed the whole, it would be ``then × (1 + growth)`` now. Its
*gap* is what it is now minus that; an attribute's segments share the
attribute's total gap. Attributes with a single value explain nothing and are
dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlglot import exp


@dataclass(frozen=True)
class Contribution:
    dimension: str
    value: str
    current: int
    previous: int
    expected: float  # previous × (1 + the whole's change)
    share: float | None  # of the attribute's total gap

    @property
    def change(self) -> int:
        return self.current - self.previous

    @property
    def gap(self) -> float:
        return round(self.current - self.expected, 2)


def count_if(condition: exp.Expression | exp.Condition) -> exp.Expression:
    return exp.Sum(
        this=exp.Case().when(condition, exp.Literal.number(1)).else_(exp.Literal.number(0))
    )


def count_distinct_if(
    condition: exp.Expression | exp.Condition, value: exp.Expression
) -> exp.Expression:
    case = exp.Case().when(condition, value).else_(exp.null())
    return exp.Count(this=exp.Distinct(expressions=[case]))


def segment_counts(
    source: exp.Expression | str,
    *,
    dimensions: Sequence[str],
    now: exp.Expression | exp.Condition,
    then: exp.Expression | exp.Condition,
    where: exp.Expression | exp.Condition,
    distinct: exp.Expression | None = None,
) -> exp.Expression:
    """``(dimension, value, current, previous)`` of each value of each attribute: the rows of
    ``source`` matching ``where`` and ``now``, or ``then`` (or their distinct ``distinct``)."""

    def counted(condition: exp.Expression | exp.Condition) -> exp.Expression:
        return count_if(condition) if distinct is None else count_distinct_if(condition, distinct)

    parts = [
        exp.select(
            exp.Literal.string(dimension).as_("dimension"),
            exp.Coalesce(
                this=exp.cast(exp.column(dimension), "VARCHAR"),
                expressions=[exp.Literal.string("")],
            ).as_("value"),
            counted(now).as_("current"),
            counted(then).as_("previous"),
        )
        .from_(source)
        .where(where)
        .group_by(exp.column(dimension))
        for dimension in dimensions
    ]
    union: exp.Expression = parts[0]
    for part in parts[1:]:
        union = exp.union(union, part, distinct=False)
    return union


def contributions(rows: Iterable[Sequence[Any]], growth: float) -> list[Contribution]:
    """Each segment's contribution, the biggest shortfall first (``growth``: the whole's change)."""
    counted = [(str(d), str(v), int(c or 0), int(p or 0)) for d, v, c, p in rows]
    values: dict[str, int] = {}
    for dimension, *_counts in counted:
        values[dimension] = values.get(dimension, 0) + 1
    counted = [row for row in counted if values[row[0]] > 1]  # one value explains nothing
    gaps: dict[str, float] = {}
    for dimension, _value, current, previous in counted:
        gaps[dimension] = gaps.get(dimension, 0.0) + current - previous * (1 + growth)
    found = [
        Contribution(
            dimension=d,
            value=v,
            current=c,
            previous=p,
            expected=round(p * (1 + growth), 2),
            share=round((c - p * (1 + growth)) / gaps[d], 4) if gaps[d] else None,
        )
        for d, v, c, p in counted
    ]
    return sorted(found, key=lambda x: (x.gap, x.dimension, x.value))
