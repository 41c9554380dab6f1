"""The store's ``topics`` table: what content analyses need to know about each topic.

Board, author, kind (UGC written by members, PGC by staff), status and creation
time. The activity log says what members did to a topic; this table says what
the topic is, so reads can be split by the kind of content read and topics can
be timed to their first reply. Each sync appends the topics created since the
last one (a watermark on the primary key); every ``FULL_EVERY`` (15 minutes)
a sync replaces the table, picking up status and kind changes.
"""

from __future__ import annotations

import time
import zoneinfo
from typing import Any

from django.conf import settings
from sqlglot import exp

from hearth.analytics.store.engine import Engine, arrow_batch
from hearth.analytics.store.schema import TOPICS
from hearth.analytics.store.state import state_get, state_set

BATCH = 50_000
FULL_EVERY = 15 * 60  # seconds: a topic's status or kind changes without a new row


def topics_refresh(engine: Engine, *, full: bool = False, new_rows: bool = True) -> int:
    """Copy new topics into the store (all of them with ``full``, on a new store, or when the
    last full copy is ``FULL_EVERY`` old); returns the rows copied. Without ``new_rows`` (the
    sync copied no activity, so no topic was posted) only a due full copy runs."""
    from hearth.community.models import Topic

    state = state_get(engine, "topics", "topics_at")
    watermark = state.get("topics", 0)
    full = full or time.time() - state.get("topics_at", 0) >= FULL_EVERY  # also: never copied
    if not full and not new_rows:
        return 0
    if full:
        engine.run(exp.delete("topics"))
        watermark = 0
    zone = _zone()
    names = [c.name for c in TOPICS]
    buffer: dict[str, list[Any]] = {name: [] for name in names}
    query = (
        Topic.objects.filter(pk__gt=watermark)
        .order_by("pk")
        .values_list("pk", "board_id", "author_id", "kind", "status", "created_at")
    )
    total = 0
    for pk, board, author, kind, status, created in query.iterator(chunk_size=BATCH):
        for name, value in zip(names[:-1], (pk, board, author, kind, status, created), strict=True):
            buffer[name].append(value)
        buffer["created_day"].append(created.astimezone(zone).date())
        watermark = pk
        if len(buffer["topic_id"]) >= BATCH:
            total += _flush(engine, buffer)
    total += _flush(engine, buffer)
    values = {"topics": watermark}
    if full:
        values["topics_at"] = int(time.time())
    state_set(engine, values)
    return total


def _flush(engine: Engine, buffer: dict[str, list[Any]]) -> int:
    count = len(buffer["topic_id"])
    if count:
        engine.load("topics", arrow_batch("topics", buffer))
        for values in buffer.values():
            values.clear()
    return count


def _zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)
