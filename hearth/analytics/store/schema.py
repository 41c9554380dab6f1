"""The store's logical tables. Analyses name these; each engine maps them to its own tables.

* ``activity`` — the activity log's rows (see :class:`hearth.analytics.models.Activity`),
  with ``day`` cut in the community's time zone;
* ``members`` — one row per member: join time and day, current attributes;
* ``member_days`` — rollup: one row per member, day and batch, ``mask`` the OR
  of the bits of the actions that day (:data:`~hearth.analytics.definitions.ACTION_BITS`).
  A member-day may appear more than once (one row per sync batch); analyses
  count distinct members, so that never matters, and a rebuild compacts it;
* ``topics`` — one row per topic: board, author, kind (``ugc``/``pgc``), status and
  creation time (:mod:`hearth.analytics.store.topics` keeps it: new topics every
  sync, all of them again every 15 minutes for status and kind changes);
* ``results`` — the analyses' answers kept per day, period or cohort for the
  community's own settings (``rollups``), refreshed from the first day a sync
  touched;
* ``sync_state`` — watermarks of the incremental sync, and the schema's version.

``activity.depth`` is a read's depth (percent of the topic reached) from the
row's ``properties``, on ``read`` and ``dwell`` rows that carry one.

:data:`SCHEMA_VERSION` changes whenever a table does: a store of another
version rebuilds itself from the activity log on its next sync.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = 2  # 2: activity.depth and the topics table


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # DuckDB / PostgreSQL common spelling


ACTIVITY = (
    Column("id", "BIGINT"),
    Column("occurred_at", "TIMESTAMPTZ"),
    Column("day", "DATE"),
    Column("member_id", "BIGINT"),
    Column("visitor", "VARCHAR"),
    Column("action", "VARCHAR"),
    Column("board_id", "INTEGER"),
    Column("topic_id", "BIGINT"),
    Column("value", "DOUBLE PRECISION"),
    Column("source", "VARCHAR"),
    Column("channel", "VARCHAR"),
    Column("region", "VARCHAR"),
    Column("age_band", "VARCHAR"),
    Column("gender", "VARCHAR"),
    Column("level", "SMALLINT"),
    Column("device", "VARCHAR"),
    Column("depth", "SMALLINT"),
)

MEMBERS = (
    Column("member_id", "BIGINT"),
    Column("joined_at", "TIMESTAMPTZ"),
    Column("joined_day", "DATE"),
    Column("channel", "VARCHAR"),
    Column("region", "VARCHAR"),
    Column("age_band", "VARCHAR"),
    Column("gender", "VARCHAR"),
    Column("level", "SMALLINT"),
)

MEMBER_DAYS = (
    Column("member_id", "BIGINT"),
    Column("day", "DATE"),
    Column("mask", "INTEGER"),
)

TOPICS = (
    Column("topic_id", "BIGINT"),
    Column("board_id", "INTEGER"),
    Column("author_id", "BIGINT"),
    Column("kind", "VARCHAR"),
    Column("status", "VARCHAR"),
    Column("created_at", "TIMESTAMPTZ"),
    Column("created_day", "DATE"),
)

RESULTS = (  # materialised results of the analyses (see hearth.analytics.store.rollups)
    Column("name", "VARCHAR"),
    Column("at", "DATE"),
    Column("grp", "VARCHAR"),
    Column("n", "INTEGER"),
    Column("value", "DOUBLE PRECISION"),
)

SYNC_STATE = (
    Column("name", "VARCHAR"),
    Column("value", "BIGINT"),
)

TABLES: dict[str, tuple[Column, ...]] = {
    "activity": ACTIVITY,
    "members": MEMBERS,
    "member_days": MEMBER_DAYS,
    "topics": TOPICS,
    "results": RESULTS,
    "sync_state": SYNC_STATE,
}
