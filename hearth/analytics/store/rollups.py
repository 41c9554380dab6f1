"""Materialised results: the common analyses kept per day, period or cohort, refreshed by sync.

For the community's own definitions (its active actions, its time zone) the
store keeps, in ``results``:

* DAU, WAU and MAU of every day (``active:1`` / ``active:7`` / ``active:30``);
* weekly lifecycle counts of every week (``lifecycle:week``);
* retention cells per join day and cohort for weekly retention over 12 weeks
  and daily retention over 30 days by channel — cells add up over join days,
  so any range of cohorts is a sum.

Each is computed by the analysis itself (its raw query) over a window, so a
materialised answer is the answer. A sync refreshes only what its new rows can
change: days from the first new day on, the weeks from its week on, and the
cohorts that joined early enough to be still followed. Analyses read them when
their parameters match and the window ends before the refreshed day; otherwise
they compute from the member-days as usual.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from sqlglot import exp

from hearth.analytics.definitions import action_mask
from hearth.analytics.queries.params import Window
from hearth.analytics.queries.sources import as_date, date_literal
from hearth.analytics.store.engine import Engine, arrow_batch
from hearth.analytics.store.state import state_get, state_set

Rows = list[tuple[dt.date, str, int, float]]


@dataclass(frozen=True)
class Rollup:
    name: str
    lookback: Callable[[dt.date], dt.date]  # first day a change on ``day`` can alter
    compute: Callable[[Engine, Window], Rows]
    keep_days: int | None = None  # only the last days are kept (older ones are computed)


def _active(days: int) -> Callable[[Engine, Window], Rows]:
    def compute(engine: Engine, window: Window) -> Rows:
        from hearth.analytics.queries.active import ActiveMembers

        points = ActiveMembers(window, days=days).calculate(engine, raw=True)
        return [(p.day, "", 0, float(p.value)) for p in points]

    return compute


def _lifecycle(engine: Engine, window: Window) -> Rows:
    from hearth.analytics.queries.lifecycle import STATUSES, Lifecycle

    rows: Rows = []
    for row in Lifecycle(window, period="week").calculate(engine, raw=True):
        rows += [
            (row.start, status, row.period, float(getattr(row, status))) for status in STATUSES
        ]
    return rows


def _retention(period: str, periods: int, cohort_by: str) -> Callable[[Engine, Window], Rows]:
    def compute(engine: Engine, window: Window) -> Rows:
        from hearth.analytics.queries.retention import Retention

        query = Retention(window, period=period, periods=periods, cohort_by=cohort_by, cells=True)
        result = engine.run(query.to_query())
        return [
            (as_date(joined), str(cohort), int(n), float(members))
            for cohort, joined, n, members in result.rows
        ]

    return compute


BOARD_WINDOW = 30  # days: board health of the last 30 days against the 30 before
BOARD_KEEP = 35


def _board_fields() -> list[str]:
    """BoardRow's counted fields, in their order (after ``board_id``)."""
    import dataclasses

    from hearth.analytics.queries.boards import BoardRow

    return [f.name for f in dataclasses.fields(BoardRow)][1:]


def _board_health(engine: Engine, window: Window) -> Rows:
    """Board health of the 30 days ending each day of ``window``."""
    from hearth.analytics.queries.boards import BoardHealth

    rows: Rows = []
    end = window.start
    while end <= window.end:
        span = Window(
            start=end - dt.timedelta(days=BOARD_WINDOW - 1),
            end=end,
            actions=window.actions,
            tz=window.tz,
        )
        for board in BoardHealth(span).calculate(engine, raw=True):
            rows += [
                (end, str(board.board_id), i, float(getattr(board, name)))
                for i, name in enumerate(_board_fields())
            ]
        end += dt.timedelta(days=1)
    return rows


def _week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


ROLLUPS = (
    Rollup("active:1", lambda day: day, _active(1)),
    Rollup("active:7", lambda day: day, _active(7)),
    Rollup("active:30", lambda day: day, _active(30)),
    Rollup("lifecycle:week", _week_start, _lifecycle),
    Rollup(
        "retention:week:12:n_period:joined",
        lambda day: _week_start(day) - dt.timedelta(weeks=12),
        _retention("week", 12, "joined"),
    ),
    Rollup(
        "retention:day:30:n_period:channel",
        lambda day: day - dt.timedelta(days=30),
        _retention("day", 30, "channel"),
    ),
    Rollup("board_health:30", lambda day: day, _board_health, keep_days=BOARD_KEEP),
)
NAMES = {r.name for r in ROLLUPS}


@dataclass(frozen=True)
class RollupState:
    actions: str
    first: dt.date
    until: dt.date


def rollups_refresh(
    engine: Engine,
    *,
    since: dt.date | None,
    until: dt.date,
    actions: frozenset[str] | None = None,
) -> float:
    """Recompute every rollup from ``since`` (None: all history) to ``until``; seconds taken.

    ``actions`` defaults to the community's active set (the settings row)."""
    from hearth.analytics.selectors import active_actions

    started = time.perf_counter()
    actions = actions if actions is not None else frozenset(active_actions())
    key = str(action_mask(actions))
    state = rollup_state(engine)
    first = _first_day(engine)
    if first is None:
        return 0.0
    if state is None or state.actions != key or since is None or since < first:
        since = first
        engine.run(exp.delete("results"))
    for rollup in ROLLUPS:
        start = max(first, rollup.lookback(since))
        if rollup.keep_days is not None:
            start = max(start, until - dt.timedelta(days=rollup.keep_days - 1))
        window = Window(start=start, end=until, actions=actions, tz=settings.TIME_ZONE)
        rows = rollup.compute(engine, window)
        engine.run(
            exp.delete("results").where(
                exp.and_(
                    exp.column("name").eq(rollup.name),
                    exp.GTE(this=exp.column("at"), expression=date_literal(start)),
                )
            )
        )
        columns: dict[str, list[Any]] = {
            "name": [rollup.name] * len(rows),
            "at": [r[0] for r in rows],
            "grp": [r[1] for r in rows],
            "n": [r[2] for r in rows],
            "value": [r[3] for r in rows],
        }
        engine.load("results", arrow_batch("results", columns))
    _set_state(engine, RollupState(key, first, until))
    return time.perf_counter() - started


def rollup_state(engine: Engine) -> RollupState | None:
    found = state_get(engine, "rollup_actions", "rollup_first", "rollup_until")
    if len(found) < 3:
        return None
    return RollupState(
        str(found["rollup_actions"]),
        dt.date.fromordinal(int(found["rollup_first"])),
        dt.date.fromordinal(int(found["rollup_until"])),
    )


def rollup_covers(engine: Engine, name: str, window: Window) -> bool:
    """The rollup ``name`` answers for ``window`` (same definitions, refreshed past its end)."""
    if name not in NAMES or window.tz != settings.TIME_ZONE:
        return False
    state = rollup_state(engine)
    if state is None:
        return False
    kept = next(r.keep_days for r in ROLLUPS if r.name == name)
    return (
        state.actions == str(action_mask(window.actions))
        and window.end <= state.until
        and (
            kept is None
            or window.end >= max(state.first, state.until - dt.timedelta(days=kept - 1))
        )
        and _exact(window.actions)
    )


def rollup_rows(
    engine: Engine, name: str, start: dt.date, end: dt.date, *, summed: bool = False
) -> list[tuple[Any, ...]]:
    """``(at, grp, n, value)`` rows of ``name`` in [start, end]; ``summed``: (grp, n, Σ value)."""
    span = exp.and_(
        exp.column("name").eq(name),
        exp.column("at").between(date_literal(start), date_literal(end)),
    )
    if summed:
        query = (
            exp.select("grp", "n", exp.Sum(this=exp.column("value")).as_("value"))
            .from_("results")
            .where(span)
            .group_by("grp", "n")
        )
    else:
        query = exp.select("at", "grp", "n", "value").from_("results").where(span).order_by("at")
    return engine.run(query).rows


def _exact(actions: frozenset[str]) -> bool:
    """Rollups are kept by action bits: a named custom event is not one of them."""
    from hearth.analytics.definitions import ACTION_BITS, CUSTOM

    return all(a in ACTION_BITS or a == CUSTOM for a in actions)


def _first_day(engine: Engine) -> dt.date | None:
    found = engine.run(exp.select(exp.Min(this=exp.column("day"))).from_("member_days")).rows
    return as_date(found[0][0]) if found and found[0][0] is not None else None


def _set_state(engine: Engine, state: RollupState) -> None:
    state_set(
        engine,
        {
            "rollup_actions": int(state.actions),
            "rollup_first": state.first.toordinal(),
            "rollup_until": state.until.toordinal(),
        },
    )
