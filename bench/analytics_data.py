"""The data of ``bench/analytics.py``: the synthetic community in a DuckDB store, and its
copy in SQLite for the baseline.

Members join over the days (more of them later), each active on a
heavy-tailed number of days with about 2.5 actions a day. Every member has a
``sign_up`` row when they join, 60 % complete their profile minutes later and
60 % of those follow three boards (the onboarding), and a few take custom events (``course_enrolled``, ``course_completed``).
Topics are the ``topic`` rows (UGC, by their author) plus about 10 % staff
topics (PGC); reads, likes, replies and shares go to a topic already created,
recent ones more often, on the topic's board. A read carries its reading time
(``value``, seconds) and, three times in four, its depth; one read in six has
a later ``dwell`` row the same day. Deterministic (seed).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from pathlib import Path
from typing import Any

SEED = 20261201
END = dt.date(2026, 11, 30)
ACTIONS = [
    "read",
    "like",
    "reply",
    "topic",
    "share",
    "follow",
    "visit",
    "course_enrolled",
    "course_completed",
]
ACTION_P = [0.56, 0.13, 0.1, 0.02, 0.03, 0.04, 0.1, 0.015, 0.005]
# every action the bench writes is the member's own: all count as active (the default set)
GENERATED = [*ACTIONS, "sign_up", "profile_complete", "dwell"]
CHANNELS = ["seo", "wechat", "weibo", "douyin", "referral", "content", "offline", "paid_social"]
REGIONS = ["北京", "上海", "广东", "浙江", "江苏", "四川", "湖北", "山东", "河南", "福建"]
BANDS = ["18-24", "25-30", "31-40", "41+", ""]
GENDERS = ["f", "m", ""]
CHUNK = 50_000
OFFSET_S = 8 * 3600  # Asia/Shanghai: the community's days
STAFF = 20  # staff authors of PGC topics (ids after the members')
PGC_SHARE = 0.1
ON_TOPICS = ("read", "like", "reply", "share")


def generate(path: Path, members: int, days: int) -> dict[str, int]:
    """Write the synthetic store to ``path``; returns its row counts."""
    import numpy as np

    from hearth.analytics.store.duck import DuckDBEngine

    engine = DuckDBEngine(path)
    engine.drop()
    engine.create()
    rng = np.random.default_rng(SEED)
    next_id = 1
    for first in range(0, members, CHUNK):
        n = min(CHUNK, members - first)
        member_table, activity = _chunk(rng, first, n, days, next_id)
        engine.load("members", member_table)
        engine.load("activity", activity)
        next_id += activity.num_rows
    connection = engine._connection
    _topics(connection, rng, members, days)
    _link(connection)
    found = connection.execute(
        "SELECT (SELECT COUNT(*) FROM members), (SELECT COUNT(*) FROM activity)"
    ).fetchall()[0]
    engine.close()
    return {"members": int(found[0]), "actions": int(found[1])} if found else {}


def _table(name: str, columns: dict[str, Any]) -> Any:
    import pyarrow as pa

    from hearth.analytics.store.engine import ARROW_TYPES
    from hearth.analytics.store.schema import TABLES

    arrays = {}
    for column in TABLES[name]:
        value = columns[column.name]
        kind = ARROW_TYPES[column.type]
        arrays[column.name] = value if isinstance(value, pa.Array) else pa.array(value, kind)
    return pa.table(arrays, schema=pa.schema([(c.name, ARROW_TYPES[c.type]) for c in TABLES[name]]))


def _chunk(rng: Any, first: int, n: int, days: int, next_id: int) -> tuple[Any, Any]:
    """One chunk of members and their actions (as Arrow tables)."""
    import numpy as np
    import pyarrow as pa

    start = END - dt.timedelta(days=days - 1)
    epoch = np.datetime64(start.isoformat(), "D")
    ids = np.arange(first + 1, first + n + 1, dtype=np.int64)
    joined = np.minimum((days * np.sqrt(rng.random(n))).astype(np.int64), days - 1)
    channel = rng.integers(0, len(CHANNELS), n)
    region = rng.integers(0, len(REGIONS), n)
    band = rng.integers(0, len(BANDS), n)
    gender = rng.integers(0, len(GENDERS), n)
    level = rng.integers(1, 8, n).astype(np.int16)
    joined_day = epoch + joined
    joined_at = joined_day.astype("datetime64[us]") + np.timedelta64(2, "h")
    attributes = {
        "channel": np.array(CHANNELS)[channel],
        "region": np.array(REGIONS)[region],
        "age_band": np.array(BANDS)[band],
        "gender": np.array(GENDERS)[gender],
        "level": level,
    }
    member_table = _table(
        "members",
        {
            "member_id": ids,
            "joined_at": pa.array(joined_at, pa.timestamp("us", tz="UTC")),
            "joined_day": pa.array(joined_day, pa.date32()),
            **attributes,
        },
    )
    # active days: heavy-tailed count within the member's remaining span
    span = days - joined
    wanted = np.maximum(np.minimum((rng.pareto(1.3, n) + 1) * 9, span).astype(np.int64), 1)
    owner = np.repeat(np.arange(n), wanted)
    offset = (rng.random(len(owner)) ** 1.6 * span[owner]).astype(np.int64)
    per_day = 1 + rng.poisson(1.1, len(owner))
    row_owner = np.repeat(owner, per_day)
    row_day = np.repeat(joined[owner] + offset, per_day)
    action = np.array(ACTIONS)[rng.choice(len(ACTIONS), len(row_owner), p=ACTION_P)]
    seconds = rng.integers(0, 86_400, len(row_owner))
    # on the day they join, members act after their onboarding (from 11:00)
    seconds = np.where(row_day == joined[row_owner], 39_600 + seconds * 46_800 // 86_400, seconds)
    local = (epoch + row_day).astype("datetime64[s]") + seconds
    # onboarding: sign-up at 10:00 local; 60 % complete their profile minutes later, and
    # 60 % of those then follow three boards
    signed_up = joined_at.astype("datetime64[s]") + np.timedelta64(OFFSET_S, "s")
    completes = np.flatnonzero(rng.random(n) < 0.6)
    wait = np.minimum(rng.exponential(600, len(completes)), 3000).astype("timedelta64[s]")
    completed_at = signed_up[completes] + wait
    follows = completes[rng.random(len(completes)) < 0.6]
    followed_at = np.repeat(signed_up[follows] + np.timedelta64(3000, "s"), 3) + np.tile(
        np.array([60, 120, 180], dtype="timedelta64[s]"), len(follows)
    )
    row_owner = np.concatenate([row_owner, np.arange(n), completes, np.repeat(follows, 3)])
    action = np.concatenate(
        [
            action,
            np.full(n, "sign_up"),
            np.full(len(completes), "profile_complete"),
            np.full(3 * len(follows), "follow"),
        ]
    )
    local = np.concatenate([local, signed_up, completed_at, followed_at])
    count = len(row_owner)
    reads = action == "read"
    dwell = np.minimum(np.exp(rng.normal(np.log(40), 1.0, count)), 3600).round(1)
    depth = np.minimum(100, 100 * (1 - np.exp(-dwell / 90)) + rng.normal(0, 8, count))
    has_depth = reads & (rng.random(count) < 0.75)
    columns: dict[str, Any] = {
        "id": np.arange(next_id, next_id + count, dtype=np.int64),
        "occurred_at": (local - np.timedelta64(OFFSET_S, "s")).astype("datetime64[us]"),
        "day": local.astype("datetime64[D]"),
        "member_id": ids[row_owner],
        "visitor": pa.array([""] * count, pa.string()),
        "action": action,
        "board_id": rng.integers(1, 11, count).astype(np.int32),
        "topic_id": pa.nulls(count, pa.int64()),
        "value": np.where(reads, dwell, 0.0),
        "source": pa.array([""] * count, pa.string()),
        **{k: v[row_owner] for k, v in attributes.items()},
        "device": pa.array([""] * count, pa.string()),
        "depth": pa.array(np.clip(depth, 0, 100).astype(np.int16), pa.int16(), mask=~has_depth),
    }
    columns["occurred_at"] = pa.array(columns["occurred_at"], pa.timestamp("us", tz="UTC"))
    return member_table, _table("activity", columns)


def _topics(connection: Any, rng: Any, members: int, days: int) -> None:
    """``topics``: the UGC of the ``topic`` rows and staff PGC, numbered in creation order;
    ``topic_source`` maps a ``topic`` row's id to its topic."""
    import numpy as np
    import pyarrow as pa

    found = connection.execute("SELECT COUNT(*) FROM activity WHERE action = 'topic'").fetchall()[0]
    pgc = max(1, round(int(found[0]) * PGC_SHARE / (1 - PGC_SHARE)))
    start = END - dt.timedelta(days=days - 1)
    seconds = rng.integers(0, days * 86_400, pgc)
    local = np.datetime64(start.isoformat(), "s") + seconds
    staff = pa.table(
        {
            "created_at": pa.array(
                (local - np.timedelta64(OFFSET_S, "s")).astype("datetime64[us]"),
                pa.timestamp("us", tz="UTC"),
            ),
            "created_day": pa.array(local.astype("datetime64[D]"), pa.date32()),
            "board_id": pa.array(rng.integers(1, 11, pgc).astype(np.int32)),
            "author_id": pa.array(members + 1 + rng.integers(0, STAFF, pgc)),
        }
    )
    connection.register("staff_topics", staff)
    connection.execute(
        """
        CREATE TEMP TABLE topic_source AS
        SELECT ROW_NUMBER() OVER (ORDER BY created_at, src) AS topic_id, * FROM (
            SELECT occurred_at AS created_at, day AS created_day, board_id,
                   member_id AS author_id, 'ugc' AS kind, id AS src
            FROM activity WHERE action = 'topic'
            UNION ALL
            SELECT created_at, created_day, board_id, author_id, 'pgc', NULL FROM staff_topics
        )
        """
    )
    connection.unregister("staff_topics")
    connection.execute(
        """
        INSERT INTO topics
        SELECT topic_id, board_id, author_id, kind,
               CASE WHEN hash(topic_id) % 100 < 3 THEN 'hidden' ELSE 'published' END,
               created_at, created_day
        FROM topic_source
        """
    )


def _link(connection: Any) -> None:
    """Point the rows at topics (an earlier topic, recent ones more often, and its board),
    add the ``dwell`` rows, and store the log in time order, as it is appended."""
    from hearth.analytics.store.schema import ACTIVITY

    names = [c.name for c in ACTIVITY]
    on_topics = ", ".join(f"'{a}'" for a in ON_TOPICS)
    picked = {
        "topic_id": "CASE WHEN a.action = 'topic' THEN own.topic_id "
        f"WHEN a.action IN ({on_topics}) AND k.topic_id IS NOT NULL THEN GREATEST(1, "
        "k.topic_id - CAST(FLOOR(k.topic_id * POW((hash(a.id) % 1000003) / 1000003.0, 4)) "
        "AS BIGINT)) END"
    }
    first = ", ".join(f"{picked.get(n, 'a.' + n)} AS {n}" for n in names)
    connection.execute(
        f"""
        CREATE TEMP TABLE picked AS SELECT {first}
        FROM activity a
        ASOF LEFT JOIN (SELECT topic_id, created_at FROM topic_source) k
            ON a.occurred_at >= k.created_at
        LEFT JOIN topic_source own ON own.src = a.id
        """
    )
    connection.execute("DROP TABLE activity")
    boards = {"board_id": "COALESCE(t.board_id, p.board_id)"}
    linked = ", ".join(f"{boards.get(n, 'p.' + n)} AS {n}" for n in names)
    extra = "(60 + hash(id) % 900)"
    dwell = {
        "id": "(SELECT MAX(id) FROM picked) + ROW_NUMBER() OVER (ORDER BY id)",
        "occurred_at": f"occurred_at + TO_SECONDS({extra})",
        "action": "'dwell'",
        "value": f"CAST({extra} AS DOUBLE)",
        "depth": "CASE WHEN depth IS NULL THEN NULL ELSE LEAST(100, depth + 15) END",
    }
    dwells = ", ".join(f"{dwell.get(n, n)} AS {n}" for n in names)
    same_day = (
        f"(CAST(epoch(occurred_at) AS BIGINT) + {OFFSET_S} + {extra}) // 86400 "
        "= day - DATE '1970-01-01'"
    )
    connection.execute(
        f"""
        CREATE TABLE activity AS
        SELECT * FROM (
            SELECT {linked} FROM picked p LEFT JOIN topics t ON t.topic_id = p.topic_id
            UNION ALL
            SELECT {dwells} FROM picked
            WHERE action = 'read' AND topic_id IS NOT NULL AND hash(id) % 6 = 0 AND {same_day}
        ) ORDER BY occurred_at
        """
    )
    connection.execute("DROP TABLE picked")


# ---------------------------------------------------------------- the SQLite copy


SQLITE_TABLES = {
    "members": (
        "member_id INTEGER PRIMARY KEY, joined_day TEXT, channel TEXT",
        "SELECT member_id, CAST(joined_day AS VARCHAR), channel FROM members",
    ),
    "activity": (
        "member_id INTEGER, occurred_at TEXT, day TEXT, action TEXT, board_id INTEGER, "
        "topic_id INTEGER, value REAL, depth INTEGER",
        # as Django stores a datetime in SQLite: UTC, ISO with a space
        "SELECT member_id, strftime(occurred_at, '%Y-%m-%d %H:%M:%S.%f'), CAST(day AS VARCHAR), "
        "action, board_id, topic_id, value, depth FROM activity",
    ),
    "topics": (
        "topic_id INTEGER PRIMARY KEY, board_id INTEGER, author_id INTEGER, kind TEXT, "
        "status TEXT, created_at TEXT, created_day TEXT",
        "SELECT topic_id, board_id, author_id, kind, status, "
        "strftime(created_at, '%Y-%m-%d %H:%M:%S.%f'), CAST(created_day AS VARCHAR) FROM topics",
    ),
}
# the indexes Django's models give the activity log (occurred_at, member, action), on days
SQLITE_INDEXES = (
    "CREATE INDEX activity_day ON activity (day)",
    "CREATE INDEX activity_action ON activity (action, day)",
    "CREATE INDEX activity_member ON activity (member_id, day)",  # last: marks a complete copy
)


def sqlite_copy(path: Path, target: Path, actions: int) -> float | None:
    """The same actions, members and topics in SQLite; None when a complete copy from an
    earlier run is there."""
    import duckdb

    if _complete(target, actions):
        return None
    target.unlink(missing_ok=True)
    started = time.perf_counter()
    db = sqlite3.connect(target)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    source = duckdb.connect(str(path), read_only=True)
    source.execute("SET TimeZone = 'UTC'")
    for table, (columns, sql) in SQLITE_TABLES.items():
        db.execute(f"CREATE TABLE {table} ({columns})")
        marks = ",".join("?" * (columns.count(",") + 1))
        cursor = source.execute(sql)
        while rows := cursor.fetchmany(500_000):
            db.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    db.commit()
    for statement in SQLITE_INDEXES:
        db.execute(statement)
    db.commit()
    db.close()
    source.close()
    return time.perf_counter() - started


def _complete(target: Path, actions: int) -> bool:
    if not target.exists():
        return False
    with sqlite3.connect(target) as db:
        try:
            found = db.execute("SELECT COUNT(*) FROM activity").fetchone()
            indexed = db.execute(
                "SELECT COUNT(*) FROM sqlite_master WHERE name = 'activity_member'"
            ).fetchone()
        except sqlite3.Error:
            return False
    return bool(found and indexed and found[0] == actions and indexed[0])
