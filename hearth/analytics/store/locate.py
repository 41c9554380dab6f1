"""Where the store lives and how a process opens it.

DuckDB lets one process at a time open a file for writing, so every use of
the store (a sync, a page's query, a command) opens it under an exclusive
file lock and closes it after; analyses take well under a second, so
processes simply take turns. With ``HEARTH_ANALYTICS_ENGINE=postgres`` the
store is tables in the PostgreSQL database and no lock is needed.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from hearth.analytics.store.engine import Engine


def store_path() -> Path:
    return Path(settings.HEARTH_VAR_DIR) / "analytics" / "store.duckdb"


@contextmanager
def open_store() -> Iterator[Engine]:
    """The configured engine, open for this block (created on first use)."""
    if settings.HEARTH_ANALYTICS_ENGINE == "postgres":
        from hearth.analytics.store.postgres import PostgresEngine

        engine = PostgresEngine()
        engine.create()
        yield engine
        return
    from hearth.analytics.store.duck import DuckDBEngine

    path = store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.with_suffix(".lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        duck = DuckDBEngine(path)
        try:
            duck.create()
            yield duck
        finally:
            duck.close()
            fcntl.flock(lock, fcntl.LOCK_UN)
