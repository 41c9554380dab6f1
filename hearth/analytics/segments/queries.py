"""Segments as query objects: who is in a segment, and how many, over the store's tables.

The tree is ``SELECT member_id FROM members WHERE …``: attribute lists and join
dates filter ``members``; each behaviour row is ``member_id IN (…)`` (did) or
``NOT IN`` (did not) over ``member_days`` (built-in actions and ``active``:
their bits in the day's mask) or ``activity`` (counts of an action, custom
events). Values enter the tree as literals, never as SQL text.
"""

from __future__ import annotations

import datetime as dt

from sqlglot import exp

from hearth.analytics.definitions import ACTION_BITS, action_mask
from hearth.analytics.queries.base import AnalyticsQuery
from hearth.analytics.queries.sources import date_literal, number
from hearth.analytics.segments.definition import (
    ACTIVE,
    TEXT_ATTRIBUTES,
    Behaviour,
    SegmentDefinition,
)
from hearth.analytics.store.engine import Result


def _text(value: str) -> exp.Expression:
    return exp.Literal.string(value)


def _days_between(day: exp.Expression, since: dt.date | None, today: dt.date) -> exp.Expression:
    if since is None:
        return exp.LTE(this=day, expression=date_literal(today))
    return day.between(date_literal(since), date_literal(today))


def _from_member_days(row: Behaviour, *, today: dt.date, mask: int, times: int) -> exp.Select:
    """Members whose day masks hold ``mask`` on at least ``times`` days of the row's window."""
    hit = exp.BitwiseAnd(this=exp.column("mask"), expression=number(mask)).neq(0)
    where = exp.and_(hit, _days_between(exp.column("day"), row.since(today), today))
    if times == 1:
        return exp.select("member_id").from_("member_days").where(where)
    days = exp.select("member_id", "day").distinct().from_("member_days").where(where)
    return (
        exp.select("member_id")
        .from_(days.subquery("d"))
        .group_by("member_id")
        .having(exp.GTE(this=exp.func("COUNT", exp.Star()), expression=number(times)))
    )


def _from_activity(row: Behaviour, *, today: dt.date, times: int) -> exp.Select:
    """Members with at least ``times`` rows of the row's action in its window."""
    where = exp.and_(
        exp.column("action").eq(_text(row.action)),
        exp.column("member_id").is_(exp.null()).not_(),
        _days_between(exp.column("day"), row.since(today), today),
    )
    query = exp.select("member_id").from_("activity").where(where)
    if times == 1:
        return query
    return query.group_by("member_id").having(
        exp.GTE(this=exp.func("COUNT", exp.Star()), expression=number(times))
    )


def behaviour_members(row: Behaviour, *, today: dt.date, active: frozenset[str]) -> exp.Select:
    """Members who did the row's action (at least ``times`` for ``did``; once for ``did_not``)."""
    times = row.times if row.kind == "did" else 1
    if row.action == ACTIVE:
        return _from_member_days(row, today=today, mask=action_mask(active), times=times)
    if row.action in ACTION_BITS and times == 1:
        return _from_member_days(row, today=today, mask=ACTION_BITS[row.action], times=1)
    return _from_activity(row, today=today, times=times)


def segment_conditions(
    definition: SegmentDefinition, *, today: dt.date, active: frozenset[str], table: str = "m"
) -> list[exp.Expression]:
    """The definition's conditions on ``members`` (aliased ``table``)."""
    conditions: list[exp.Expression] = []
    for name in TEXT_ATTRIBUTES:
        values = getattr(definition, name)
        if values:
            stored = exp.Coalesce(
                this=exp.column(name, table=table), expressions=[exp.Literal.string("")]
            )
            conditions.append(stored.isin(*[_text(v) for v in values]))
    if definition.level:
        conditions.append(
            exp.column("level", table=table).isin(*[number(v) for v in definition.level])
        )
    joined = exp.column("joined_day", table=table)
    if definition.joined_from:
        conditions.append(exp.GTE(this=joined, expression=date_literal(definition.joined_from)))
    if definition.joined_to:
        conditions.append(exp.LTE(this=joined, expression=date_literal(definition.joined_to)))
    since = definition.joined_since(today)
    if since is not None:
        conditions.append(exp.GTE(this=joined, expression=date_literal(since)))
    member = exp.column("member_id", table=table)
    for row in definition.behaviour:
        found = member.isin(query=behaviour_members(row, today=today, active=active))
        conditions.append(found if row.kind == "did" else exp.Not(this=found))
    return conditions


def segment_select(
    definition: SegmentDefinition, *, today: dt.date, active: frozenset[str]
) -> exp.Select:
    """``SELECT m.member_id FROM members AS m WHERE <the definition>``."""
    conditions = segment_conditions(definition, today=today, active=active)
    query = exp.select(exp.column("member_id", table="m")).from_("members AS m")
    return query.where(exp.and_(*conditions)) if conditions else query


class _SegmentQuery:
    """The parameters every segment query shares."""

    def __init__(
        self, definition: SegmentDefinition, *, today: dt.date, active: frozenset[str]
    ) -> None:
        self.definition, self.today, self.active = definition, today, active

    def cache_key(self) -> str:
        return f"{self.definition.key()}|{self.today}|{','.join(sorted(self.active))}"

    def select(self) -> exp.Select:
        return segment_select(self.definition, today=self.today, active=self.active)


class SegmentMembers(_SegmentQuery, AnalyticsQuery[list[int]]):
    """The ids of a segment's members, in id order."""

    name = "segment_members"

    def to_query(self) -> exp.Expression:
        return self.select().order_by(exp.column("member_id", table="m"))

    def shape(self, result: Result) -> list[int]:
        return [int(row[0]) for row in result.rows]


class SegmentCount(_SegmentQuery, AnalyticsQuery[int]):
    """How many members a segment has."""

    name = "segment_count"

    def to_query(self) -> exp.Expression:
        return exp.select(exp.func("COUNT", exp.Star()).as_("members")).from_(
            self.select().subquery("s")
        )

    def shape(self, result: Result) -> int:
        return int(result.rows[0][0]) if result.rows else 0


class SegmentSample(_SegmentQuery, AnalyticsQuery[list[int]]):
    """The ids of the segment's ``limit`` newest members (latest join first)."""

    name = "segment_sample"

    def __init__(
        self,
        definition: SegmentDefinition,
        *,
        today: dt.date,
        active: frozenset[str],
        limit: int = 50,
    ) -> None:
        super().__init__(definition, today=today, active=active)
        self.limit = limit

    def cache_key(self) -> str:
        return f"{super().cache_key()}|{self.limit}"

    def to_query(self) -> exp.Expression:
        newest = [
            exp.Ordered(this=exp.column("joined_at", table="m"), desc=True),
            exp.Ordered(this=exp.column("member_id", table="m"), desc=True),
        ]
        return self.select().order_by(*newest).limit(self.limit)

    def shape(self, result: Result) -> list[int]:
        return [int(row[0]) for row in result.rows]
