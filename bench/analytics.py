"""Benchmark: the analytics store at a million members against plain SQL on SQLite.

Run from the repository root::

    .venv/bin/python bench/analytics.py [--members 1000000] [--days 365] [--out var/bench]

1. **Data.** Generates (or reuses, when the file for these arguments exists)
   a synthetic community straight into a DuckDB store: ``--members`` members
   joining over ``--days`` days (more of them later), each active on a
   heavy-tailed number of days (about 20 on average) with about 2.5 actions a
   day (reads, likes, replies, topics, shares, follows, visits) on 10 boards,
   with channel, region, age band, gender and level. Deterministic (seed).
   Rows are stored in time order, as the activity log is appended.
2. **Rollups.** ``rollup_build_s`` is the time to build, from scratch over all
   actions, the member-day rollup and the materialised results (DAU/WAU/MAU
   per day, weekly lifecycle, retention cells; ``hearth.analytics.store.rollups``)
   that every sync maintains incrementally.
3. **Queries, cold.** Each analysis runs once in a fresh process (no cached
   results, a new DuckDB connection): DAU over 365 days, rolling MAU over
   365 days, weekly retention of 12 cohorts × 12 weeks, weekly lifecycle,
   the channel table (cohorts by channel, day 1/7/30) and board health
   (last 30 days against the 30 before). ``dashboard_s`` is the cockpit
   dashboard's queries (DAU/WAU/MAU and stickiness series, new members,
   reads, replies, topics and shares over 30 days, each with the window
   before) in one fresh process.
4. **Baseline**, in the same run: the same data copied into SQLite (the
   default database engine) and each analysis written as straightforward
   SQL over the raw actions (``COUNT(DISTINCT …) GROUP BY``, a range join for
   the rolling MAU, self-joins for lifecycle). The range join is measured on
   ``--mau-sample`` evenly spaced days and scaled to 365 (it takes hours in
   full); the JSON says so.

Prints one JSON object. Nothing is written outside ``--out``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")

SEED = 20261201
FORMAT = 2  # of the generated file: a new format is generated anew
END = dt.date(2026, 11, 30)
ACTIONS = ["read", "like", "reply", "topic", "share", "follow", "visit"]
ACTION_P = [0.58, 0.13, 0.1, 0.02, 0.03, 0.04, 0.1]
CHANNELS = ["seo", "wechat", "weibo", "douyin", "referral", "content", "offline", "paid_social"]
REGIONS = ["北京", "上海", "广东", "浙江", "江苏", "四川", "湖北", "山东", "河南", "福建"]
BANDS = ["18-24", "25-30", "31-40", "41+", ""]
GENDERS = ["f", "m", ""]
CHUNK = 50_000


def setup() -> None:
    import django

    django.setup()


# ---------------------------------------------------------------- generation


def generate(path: Path, members: int, days: int) -> dict[str, int]:
    """Write the synthetic store to ``path``; returns its row counts."""
    import numpy as np
    import pyarrow as pa

    from hearth.analytics.store.duck import DuckDBEngine
    from hearth.analytics.store.engine import arrow_batch

    engine = DuckDBEngine(path)
    engine.drop()
    engine.create()
    rng = np.random.default_rng(SEED)
    start = END - dt.timedelta(days=days - 1)
    epoch = np.datetime64(start.isoformat(), "D")
    next_id = 1
    actions_total = 0
    for first in range(0, members, CHUNK):
        n = min(CHUNK, members - first)
        ids = np.arange(first + 1, first + n + 1, dtype=np.int64)
        joined = np.minimum((days * np.sqrt(rng.random(n))).astype(np.int64), days - 1)
        channel = rng.integers(0, len(CHANNELS), n)
        region = rng.integers(0, len(REGIONS), n)
        band = rng.integers(0, len(BANDS), n)
        gender = rng.integers(0, len(GENDERS), n)
        level = rng.integers(1, 8, n).astype(np.int16)
        joined_day = epoch + joined
        joined_at = joined_day.astype("datetime64[us]") + np.timedelta64(2, "h")
        engine.load(
            "members",
            pa.table(
                {
                    "member_id": ids,
                    "joined_at": pa.array(joined_at, pa.timestamp("us", tz="UTC")),
                    "joined_day": pa.array(joined_day, pa.date32()),
                    "channel": pa.array(np.array(CHANNELS)[channel]),
                    "region": pa.array(np.array(REGIONS)[region]),
                    "age_band": pa.array(np.array(BANDS)[band]),
                    "gender": pa.array(np.array(GENDERS)[gender]),
                    "level": pa.array(level),
                }
            ),
        )
        # active days: heavy-tailed count within the member's remaining span
        span = days - joined
        wanted = np.minimum((rng.pareto(1.3, n) + 1) * 9, span).astype(np.int64)
        wanted = np.maximum(wanted, 1)
        owner = np.repeat(np.arange(n), wanted)
        offset = (rng.random(len(owner)) ** 1.6 * span[owner]).astype(np.int64)
        per_day = 1 + rng.poisson(1.1, len(owner))
        row_owner = np.repeat(owner, per_day)
        row_day = np.repeat(joined[owner] + offset, per_day)
        count = len(row_owner)
        action = rng.choice(len(ACTIONS), count, p=ACTION_P)
        seconds = rng.integers(0, 86_400, count)
        local = (epoch + row_day).astype("datetime64[s]") + seconds
        occurred = (local - np.timedelta64(8, "h")).astype("datetime64[us]")  # Asia/Shanghai
        columns: dict[str, Any] = {
            "id": np.arange(next_id, next_id + count, dtype=np.int64),
            "occurred_at": occurred,
            "day": (epoch + row_day),
            "member_id": ids[row_owner],
            "visitor": np.full(count, ""),
            "action": np.array(ACTIONS)[action],
            "board_id": rng.integers(1, 11, count).astype(np.int32),
            "topic_id": rng.integers(1, 1_000_000, count),
            "value": np.zeros(count),
            "source": np.full(count, ""),
            "channel": np.array(CHANNELS)[channel[row_owner]],
            "region": np.array(REGIONS)[region[row_owner]],
            "age_band": np.array(BANDS)[band[row_owner]],
            "gender": np.array(GENDERS)[gender[row_owner]],
            "level": level[row_owner],
            "device": np.full(count, ""),
        }
        batch = arrow_batch(
            "activity", {k: list(v) if k == "visitor" else v for k, v in columns.items()}
        )
        engine.load("activity", batch)
        next_id += count
        actions_total += count
    # the log is appended in time order in life: store the generated rows that way too
    engine._connection.execute(
        "CREATE TABLE ordered AS SELECT * FROM activity ORDER BY occurred_at"
    )
    engine._connection.execute("DROP TABLE activity")
    engine._connection.execute("ALTER TABLE ordered RENAME TO activity")
    found = engine._connection.execute("SELECT COUNT(*) FROM members").fetchone()
    engine.close()
    return {"members": int(found[0]) if found else 0, "actions": actions_total}


def rollup_build(path: Path) -> tuple[float, int]:
    """Seconds to build ``member_days`` from all actions, and its rows."""
    from sqlglot import exp

    from hearth.analytics.definitions import DEFAULT_ACTIVE
    from hearth.analytics.store.duck import DuckDBEngine
    from hearth.analytics.store.rollups import rollups_refresh
    from hearth.analytics.store.sync import _roll_up

    engine = DuckDBEngine(path)
    engine.run(exp.delete("member_days"))
    last = engine._connection.execute("SELECT MAX(id) FROM activity").fetchone()
    engine.run(exp.delete("sync_state"))
    started = time.perf_counter()
    _roll_up(engine, 1, int(last[0]) if last and last[0] else 0)
    rollups_refresh(engine, since=None, until=END, actions=DEFAULT_ACTIVE)  # from scratch
    seconds = time.perf_counter() - started
    rows = engine._connection.execute("SELECT COUNT(*) FROM member_days").fetchone()
    engine.close()
    return seconds, int(rows[0]) if rows else 0


# ---------------------------------------------------------------- the analyses


def analyses(days: int) -> dict[str, Any]:
    """The measured analyses, as (name → query object)."""
    from hearth.analytics.definitions import DEFAULT_ACTIVE
    from hearth.analytics.queries.active import ActiveMembers
    from hearth.analytics.queries.boards import BoardHealth
    from hearth.analytics.queries.lifecycle import Lifecycle
    from hearth.analytics.queries.params import Window
    from hearth.analytics.queries.retention import Retention

    def window(length: int, end: dt.date = END) -> Window:
        start = end - dt.timedelta(days=length - 1)
        return Window(start=start, end=end, actions=DEFAULT_ACTIVE, tz="Asia/Shanghai")

    cohorts = window(12 * 7, END - dt.timedelta(days=12 * 7))
    return {
        "dau_series_365d": ActiveMembers(window(days), days=1),
        "mau_rolling_365d": ActiveMembers(window(days), days=30),
        "retention_weekly_12": Retention(cohorts, period="week", periods=12),
        "lifecycle_weekly": Lifecycle(window(days), period="week"),
        "channel_table": Retention(
            window(90, END - dt.timedelta(days=31)), period="day", periods=30, cohort_by="channel"
        ),
        "board_health": BoardHealth(window(30)),
    }


def dashboard() -> list[Any]:
    from hearth.analytics.definitions import DEFAULT_ACTIVE
    from hearth.analytics.queries.active import ActiveMembers, Stickiness
    from hearth.analytics.queries.params import Window
    from hearth.analytics.queries.trends import Trend

    w = Window(
        start=END - dt.timedelta(days=29), end=END, actions=DEFAULT_ACTIVE, tz="Asia/Shanghai"
    )
    queries: list[Any] = [ActiveMembers.named(m, w) for m in ("dau", "wau", "mau")]
    queries.append(Stickiness(w))
    queries += [Trend(w, metric=m) for m in ("new_members", "read", "reply", "topic", "share")]
    queries.append(Trend(w, metric="active", breakdown="region"))
    return queries


def measure_cold(path: Path, which: str, days: int) -> dict[str, Any]:
    """Runs in a fresh process: one analysis (or the dashboard), no cache."""
    from hearth.analytics.store.duck import DuckDBEngine

    started = time.perf_counter()
    engine = DuckDBEngine(path)
    if which == "dashboard":
        for query in dashboard():
            query.calculate(engine)
    else:
        analyses(days)[which].calculate(engine)
    seconds = time.perf_counter() - started
    engine.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"s": round(seconds, 3), "rss_mb": round(rss, 1)}


def cold(path: Path, which: str, days: int) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--measure", str(path), which, "--days", str(days)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


# ---------------------------------------------------------------- the baseline


def sqlite_copy(path: Path, target: Path, actions: int) -> float | None:
    """The same actions and members in SQLite (ISO dates, as Django stores them); None when
    a complete copy from an earlier run is there."""
    import duckdb

    if target.exists():
        with sqlite3.connect(target) as db:
            try:
                found = db.execute("SELECT COUNT(*) FROM activity").fetchone()
                indexed = db.execute(
                    "SELECT COUNT(*) FROM sqlite_master WHERE name = 'activity_member'"
                ).fetchone()
            except sqlite3.Error:
                found = indexed = None
        if found and indexed and found[0] == actions and indexed[0]:
            return None
    target.unlink(missing_ok=True)
    started = time.perf_counter()
    db = sqlite3.connect(target)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("CREATE TABLE activity (member_id INTEGER, day TEXT, action TEXT, board_id INTEGER)")
    db.execute(
        "CREATE TABLE members (member_id INTEGER PRIMARY KEY, joined_day TEXT, channel TEXT)"
    )
    source = duckdb.connect(str(path), read_only=True)
    for table, sql, marks in (
        ("members", "SELECT member_id, CAST(joined_day AS VARCHAR), channel FROM members", 3),
        ("activity", "SELECT member_id, CAST(day AS VARCHAR), action, board_id FROM activity", 4),
    ):
        cursor = source.execute(sql)
        while rows := cursor.fetchmany(500_000):
            db.executemany(f"INSERT INTO {table} VALUES ({','.join('?' * marks)})", rows)
    db.commit()
    db.execute("CREATE INDEX activity_day ON activity (day)")
    db.execute("CREATE INDEX activity_member ON activity (member_id, day)")
    db.commit()
    db.close()
    source.close()
    return time.perf_counter() - started


def baseline_sql(days: int, mau_sample: int) -> dict[str, tuple[str, float]]:
    """Straightforward SQLite SQL per analysis, with the factor its time is scaled by."""
    end = END.isoformat()
    start = (END - dt.timedelta(days=days - 1)).isoformat()
    active = "action IN ('read','like','reply','topic','share','follow','visit')"
    step = max(1, days // mau_sample)
    sample = ",".join(
        f"('{(END - dt.timedelta(days=i)).isoformat()}')" for i in range(0, days, step)
    )
    sampled = len(range(0, days, step))
    cohort_end = (END - dt.timedelta(days=12 * 7)).isoformat()
    cohort_start = (END - dt.timedelta(days=24 * 7 - 1)).isoformat()
    week = "CAST((julianday({d}) - julianday('1970-01-05')) / 7 AS INTEGER)"
    return {
        "dau_series_365d": (
            f"SELECT day, COUNT(DISTINCT member_id) FROM activity WHERE {active} "
            f"AND day BETWEEN '{start}' AND '{end}' GROUP BY day",
            1.0,
        ),
        "mau_rolling_365d": (
            f"WITH days(d) AS (VALUES {sample}) SELECT d, COUNT(DISTINCT member_id) FROM days "
            f"JOIN activity ON activity.day BETWEEN date(d, '-29 days') AND d WHERE {active} "
            "GROUP BY d",
            days / sampled,
        ),
        "retention_weekly_12": (
            f"SELECT {week.format(d='m.joined_day')} AS c, "
            f"{week.format(d='a.day')} - {week.format(d='m.joined_day')} AS n, "
            "COUNT(DISTINCT a.member_id) FROM members m JOIN activity a ON a.member_id = m.member_id "
            f"WHERE m.joined_day BETWEEN '{cohort_start}' AND '{cohort_end}' AND a.{active} "
            "GROUP BY c, n HAVING n BETWEEN 0 AND 12",
            1.0,
        ),
        "lifecycle_weekly": (
            # member-weeks kept in a temporary table with an index, then this week against
            # the week before (new or resurrecting vs returning) and the week after (dormant)
            f"CREATE TEMP TABLE mw AS SELECT DISTINCT member_id, {week.format(d='day')} AS w "
            f"FROM activity WHERE {active};"
            "CREATE INDEX mw_member_week ON mw (member_id, w);"
            "SELECT cur.w, SUM(prev.member_id IS NOT NULL), SUM(prev.member_id IS NULL) "
            "FROM mw cur LEFT JOIN mw prev ON prev.member_id = cur.member_id AND prev.w = cur.w - 1 "
            "GROUP BY cur.w;"
            "SELECT cur.w + 1, COUNT(*) FROM mw cur LEFT JOIN mw nxt "
            "ON nxt.member_id = cur.member_id AND nxt.w = cur.w + 1 WHERE nxt.member_id IS NULL "
            "GROUP BY cur.w",
            1.0,
        ),
        "channel_table": (
            "SELECT m.channel, COUNT(DISTINCT m.member_id), "
            "COUNT(DISTINCT CASE WHEN a.day = date(m.joined_day, '+1 day') THEN a.member_id END), "
            "COUNT(DISTINCT CASE WHEN a.day = date(m.joined_day, '+7 days') THEN a.member_id END), "
            "COUNT(DISTINCT CASE WHEN a.day = date(m.joined_day, '+30 days') THEN a.member_id END) "
            "FROM members m LEFT JOIN activity a ON a.member_id = m.member_id "
            f"WHERE m.joined_day BETWEEN date('{end}', '-120 days') AND date('{end}', '-31 days') "
            "GROUP BY m.channel",
            1.0,
        ),
        "board_health": (
            "SELECT board_id, "
            f"SUM(CASE WHEN action = 'read' AND day > date('{end}', '-30 days') THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN action = 'read' AND day <= date('{end}', '-30 days') THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN action IN ('topic','reply') AND day > "
            f"date('{end}', '-30 days') THEN 1 ELSE 0 END), "
            f"COUNT(DISTINCT CASE WHEN day > date('{end}', '-30 days') THEN member_id END) "
            f"FROM activity WHERE day > date('{end}', '-60 days') GROUP BY board_id",
            1.0,
        ),
    }


def baseline(target: Path, days: int, mau_sample: int) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for name, (sql, scale) in baseline_sql(days, mau_sample).items():
        db = sqlite3.connect(target)
        started = time.perf_counter()
        for statement in sql.split(";"):
            db.execute(statement).fetchall()
        seconds = (time.perf_counter() - started) * scale
        db.close()
        found[name] = {"baseline_s": round(seconds, 2)}
        if scale != 1.0:
            found[name]["baseline_scaled_from_days"] = round(days / scale)
    return found


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--mau-sample", type=int, default=7)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--measure", nargs=2, metavar=("PATH", "WHICH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    setup()
    if args.measure:
        print(json.dumps(measure_cold(Path(args.measure[0]), args.measure[1], args.days)))
        return
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"analytics-v{FORMAT}-{args.members}-{args.days}.duckdb"
    generated_s = None
    if not path.exists():
        started = time.perf_counter()
        generate(path, args.members, args.days)
        generated_s = round(time.perf_counter() - started, 1)
    rollup_s, member_days = rollup_build(path)
    import duckdb

    with duckdb.connect(str(path), read_only=True) as db:
        counts = db.execute(
            "SELECT (SELECT COUNT(*) FROM members), (SELECT COUNT(*) FROM activity)"
        ).fetchone()
    members, actions = (int(v) for v in counts) if counts else (0, 0)
    queries = {name: cold(path, name, args.days) for name in analyses(args.days)}
    board = cold(path, "dashboard", args.days)
    result: dict[str, Any] = {
        "members": members,
        "actions": actions,
        "member_days": member_days,
        "dashboard_s": board["s"],
        "peak_rss_mb": max([board["rss_mb"], *(q["rss_mb"] for q in queries.values())]),
        "rollup_build_s": round(rollup_s, 2),
        "generated_s": generated_s,
        "queries": {name: {"s": q["s"]} for name, q in queries.items()},
        "engine": "duckdb (embedded file), cold: a fresh process per analysis",
    }
    if not args.no_baseline:
        target = args.out / f"analytics-{args.members}-{args.days}.sqlite3"
        copied = sqlite_copy(path, target, actions)
        result["baseline_copy_s"] = round(copied, 1) if copied is not None else "reused"
        for name, figures in baseline(target, args.days, args.mau_sample).items():
            entry = result["queries"][name]
            entry.update(figures)
            entry["speedup"] = round(figures["baseline_s"] / entry["s"], 1) if entry["s"] else None
        result["baseline"] = "straightforward SQL on SQLite over the same actions, same run"
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
