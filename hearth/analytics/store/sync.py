"""Bringing the store up to date with the activity log: incremental, in batches, rollups included.

Each sync copies the log's rows past the watermark (their ``day`` cut in the
community's time zone), ORs their action bits into ``member_days`` for those
rows only, and refreshes ``members`` (join day and current attributes).
``rebuild`` drops everything and syncs from the first row, compacting
``member_days`` to one row per member and day.
"""

from __future__ import annotations

import datetime as dt
import time
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from sqlglot import exp

from hearth.accounts.models import User, age_band_for
from hearth.analytics.definitions import ACTION_BITS, CUSTOM_BIT
from hearth.analytics.models import Activity
from hearth.analytics.store.engine import Engine, arrow_batch
from hearth.analytics.store.schema import ACTIVITY, MEMBERS, SCHEMA_VERSION
from hearth.analytics.store.state import state_get, state_set
from hearth.analytics.store.topics import topics_refresh
from hearth.gamification.selectors import level_positions

BATCH = 50_000
LOG_COLUMNS = [c.name for c in ACTIVITY if c.name != "day"]
LOG_FIELDS = {"depth": "properties__depth"}  # store columns read from the log's properties
DEPTH_ACTIONS = frozenset({"read", "dwell"})


@dataclass(frozen=True)
class SyncReport:
    activity_rows: int
    members: int
    seconds: float
    watermark: int
    rollups_seconds: float = 0.0


def community_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def store_sync(engine: Engine, *, batch: int = BATCH) -> SyncReport:
    """Copy new activity rows and refresh the members; returns what was done."""
    started = time.perf_counter()
    engine.create()
    schema_upgrade(engine)
    watermark = _watermark(engine)
    zone = community_zone()
    copied = 0
    touched: list[dt.date] = []
    for rows in _log_batches(watermark, batch):
        first, last = rows[0][0], rows[-1][0]
        columns: dict[str, list[Any]] = {name: [] for name in LOG_COLUMNS}
        for row in rows:
            for name, value in zip(LOG_COLUMNS, row, strict=True):
                columns[name].append(value)
        columns["day"] = [at.astimezone(zone).date() for at in columns["occurred_at"]]
        touched += [min(columns["day"]), max(columns["day"])]
        columns["level"] = [int(v or 0) for v in columns["level"]]
        columns["depth"] = [
            read_depth(a, d) for a, d in zip(columns["action"], columns["depth"], strict=True)
        ]
        engine.load("activity", arrow_batch("activity", columns))
        _roll_up(engine, first, last)
        watermark = last
        state_set(engine, {"activity": watermark})
        copied += len(rows)
    members = members_refresh(engine) if copied or _members_stale(engine) else 0
    topics_refresh(engine, new_rows=bool(copied))
    rollups = _refresh_rollups(engine, touched)
    return SyncReport(
        copied, members, round(time.perf_counter() - started, 3), watermark, round(rollups, 3)
    )


MEMBERS_EVERY = 15 * 60  # seconds: attributes (region, level …) change without an action


def _members_stale(engine: Engine) -> bool:
    found = state_get(engine, "members_at")
    return not found or time.time() - found["members_at"] >= MEMBERS_EVERY


def _refresh_rollups(engine: Engine, touched: list[dt.date]) -> float:
    """Refresh the materialised results from the first day the new rows touched (or, with no
    new rows, from the last refreshed day when a new day has begun)."""
    from hearth.analytics.store.rollups import rollup_state, rollups_refresh

    state = rollup_state(engine)
    until = max([today(), *touched])
    if touched:
        return rollups_refresh(engine, since=min(touched) if state else None, until=until)
    if state is not None and state.until < until:
        return rollups_refresh(engine, since=state.until, until=until)
    return 0.0


def store_rebuild(engine: Engine) -> SyncReport:
    engine.drop()
    return store_sync(engine)


def _log_batches(after: int, size: int) -> Iterator[list[tuple[Any, ...]]]:
    while True:
        rows = list(
            Activity.objects.filter(pk__gt=after)
            .order_by("pk")
            .values_list("pk", *[LOG_FIELDS.get(n, n) for n in LOG_COLUMNS[1:]])[:size]
        )
        if not rows:
            return
        yield rows
        after = rows[-1][0]


def read_depth(action: str, value: object) -> int | None:
    """A read's depth from the row's properties: a whole percent on read/dwell rows, else None."""
    if action not in DEPTH_ACTIONS or isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if 0 <= value <= 100 else None


def schema_upgrade(engine: Engine) -> None:
    """A store written under another :data:`SCHEMA_VERSION` is emptied, so that this sync
    rebuilds it from the activity log (the log is the truth; the store is derived)."""
    if state_get(engine, "schema").get("schema") == SCHEMA_VERSION:
        return
    engine.drop()
    engine.create()
    state_set(engine, {"schema": SCHEMA_VERSION})


def action_bit_expression() -> exp.Expression:
    """``CASE action WHEN 'visit' THEN 1 … ELSE <custom bit> END`` as a syntax tree."""
    case = exp.Case(this=exp.column("action"))
    for action, bit in ACTION_BITS.items():
        case = case.when(exp.Literal.string(action), exp.Literal.number(bit))
    return case.else_(exp.Literal.number(CUSTOM_BIT))


def _roll_up(engine: Engine, first: int, last: int) -> None:
    """OR the action bits of activity rows ``first``…``last`` into ``member_days``."""
    rows = (
        exp.select(
            exp.column("member_id"),
            exp.column("day"),
            exp.func("BIT_OR", action_bit_expression()).as_("mask"),
        )
        .from_("activity")
        .where(
            exp.and_(
                exp.column("id").between(exp.Literal.number(first), exp.Literal.number(last)),
                exp.column("member_id").is_(exp.null()).not_(),
            )
        )
        .group_by("member_id", "day")
    )
    engine.run(exp.insert(rows, "member_days", columns=["member_id", "day", "mask"]))


def members_refresh(engine: Engine) -> int:
    """Replace ``members`` with every member's join time and current attributes."""
    engine.run(exp.delete("members"))
    first_level, positions = level_positions()
    levels = dict(positions)
    zone = community_zone()
    names = [c.name for c in MEMBERS]
    total = 0
    query = User.objects.order_by("pk").values_list(
        "pk", "date_joined", "channel", "province", "birth_year", "gender"
    )
    buffer: dict[str, list[Any]] = {name: [] for name in names}
    for pk, joined, channel, province, birth_year, gender in query.iterator(chunk_size=BATCH):
        buffer["member_id"].append(pk)
        buffer["joined_at"].append(joined)
        buffer["joined_day"].append(joined.astimezone(zone).date())
        buffer["channel"].append(channel)
        buffer["region"].append(province)
        buffer["age_band"].append(age_band_for(birth_year))
        buffer["gender"].append(gender)
        buffer["level"].append(levels.get(pk, first_level))
        if len(buffer["member_id"]) >= BATCH:
            total += _flush_members(engine, buffer)
    total += _flush_members(engine, buffer)
    state_set(engine, {"members_at": int(time.time())})
    return total


def _flush_members(engine: Engine, buffer: dict[str, list[Any]]) -> int:
    count = len(buffer["member_id"])
    if count:
        engine.load("members", arrow_batch("members", buffer))
        for values in buffer.values():
            values.clear()
    return count


def _watermark(engine: Engine) -> int:
    return state_get(engine, "activity").get("activity", 0)


def today() -> dt.date:
    return dt.datetime.now(community_zone()).date()
