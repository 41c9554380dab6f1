"""The embedded engine: one DuckDB file per community under ``HEARTH_VAR_DIR/analytics``."""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import pyarrow as pa
from sqlglot import exp

from hearth.analytics.store.engine import Result, create_statements, drop_statement, render
from hearth.analytics.store.schema import TABLES


class DuckDBEngine:
    dialect = "duckdb"
    name = "duckdb"

    def __init__(self, path: Path | str = ":memory:", *, threads: int | None = None) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._connection = duckdb.connect(self.path)
        if threads:
            self._connection.execute(f"SET threads TO {int(threads)}")
        self._lock = threading.Lock()  # one connection; DuckDB cursors are not thread-safe
        self.tables = {name: name for name in TABLES}

    def physical(self, table: str) -> str:
        return self.tables[table]

    def sql(self, tree: exp.Expression) -> str:
        return render(tree, dialect=self.dialect, tables=self.tables)

    def run(self, tree: exp.Expression) -> Result:
        text = self.sql(tree)
        with self._lock:
            cursor = self._connection.execute(text)
            columns = tuple(d[0] for d in cursor.description or ())
            return Result(columns, cursor.fetchall())

    def load(self, table: str, batch: pa.Table) -> None:
        if not batch.num_rows:
            return
        with self._lock:
            self._connection.register("_hearth_batch", batch)
            try:
                insert = exp.insert(exp.select("*").from_("_hearth_batch"), self.physical(table))
                self._connection.execute(insert.sql(dialect=self.dialect))
            finally:
                self._connection.unregister("_hearth_batch")

    def create(self) -> None:
        with self._lock:
            for statement in create_statements(self.tables):
                self._connection.execute(statement.sql(dialect=self.dialect))

    def drop(self) -> None:
        with self._lock:
            for name in TABLES:
                statement = drop_statement(self.physical(name))
                self._connection.execute(statement.sql(dialect=self.dialect))

    def close(self) -> None:
        self._connection.close()
