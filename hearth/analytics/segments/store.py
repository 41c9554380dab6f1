"""The store a segment is evaluated on: the one given, or the configured one brought up to date."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import duckdb
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from hearth.analytics.segments.definition import SegmentError
from hearth.analytics.store.engine import Engine
from hearth.analytics.store.locate import open_store
from hearth.analytics.store.sync import store_sync

T = TypeVar("T")


def on_store(work: Callable[[Engine], T], engine: Engine | None = None) -> T:
    """``work(engine)``; without an engine, on the configured store after a sync.

    A failure of the store is a :class:`SegmentError` (the savepoint keeps a
    failed PostgreSQL statement from spoiling the caller's transaction).
    """
    if engine is not None:
        return work(engine)
    try:
        with transaction.atomic(), open_store() as store:
            store_sync(store)
            return work(store)
    except (DatabaseError, duckdb.Error) as exc:
        raise SegmentError(
            _("The analytics store could not evaluate the segment (%(error)s).")
            % {"error": type(exc).__name__}
        ) from exc
