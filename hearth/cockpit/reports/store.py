"""The analytics store, brought up to date for one request.

Pages read the store at request time: open it (DuckDB under its file lock, or
PostgreSQL), copy the activity rows logged since the last sync (incremental,
nothing when no row is new), then run the analyses, whose results are cached
per store version.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import duckdb
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from hearth.analytics.queries.params import QueryError
from hearth.analytics.store.engine import Engine
from hearth.analytics.store.locate import open_store
from hearth.analytics.store.sync import store_sync

T = TypeVar("T")
log = logging.getLogger(__name__)


@contextmanager
def synced_store() -> Iterator[Engine]:
    with open_store() as engine:
        store_sync(engine)
        yield engine


def report_run(build: Callable[[Engine], T]) -> T:
    """``build(engine)`` on the synced store.

    Bad parameters raise :class:`QueryError` with the analysis' own message; a
    failure of the store itself is logged and raised as a :class:`QueryError`
    too, so that the page says so instead of failing. The savepoint keeps a
    PostgreSQL store's failed statement from spoiling the request's transaction.
    """
    try:
        with transaction.atomic(), synced_store() as engine:
            return build(engine)
    except (DatabaseError, duckdb.Error) as exc:
        log.exception("analytics store query failed")
        raise QueryError(
            _("The analytics store could not answer this question (%(error)s).")
            % {"error": type(exc).__name__}
        ) from exc
