"""The second engine: the same logical tables in the PostgreSQL database Django uses.

Tables are named ``analytics_store_<table>``; rows arrive by COPY. This is
the engine a PostgreSQL deployment can use instead of the DuckDB file, and
the proof that the analyses are not tied to DuckDB.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
from django.db import connections
from sqlglot import exp

from hearth.analytics.store.engine import Result, create_statements, drop_statement, render
from hearth.analytics.store.schema import TABLES

PREFIX = "analytics_store_"


class PostgresEngine:
    dialect = "postgres"
    name = "postgres"

    def __init__(self, alias: str = "default") -> None:
        self.alias = alias
        if connections[alias].vendor != "postgresql":
            raise ValueError("the PostgreSQL analytics engine needs a PostgreSQL database")
        self.tables = {name: f"{PREFIX}{name}" for name in TABLES}

    def physical(self, table: str) -> str:
        return self.tables[table]

    def sql(self, tree: exp.Expression) -> str:
        return render(tree, dialect=self.dialect, tables=self.tables)

    def run(self, tree: exp.Expression) -> Result:
        with connections[self.alias].cursor() as cursor:
            cursor.execute(self.sql(tree))
            if cursor.description is None:  # a statement without rows
                return Result((), [])
            columns = tuple(d[0] for d in cursor.description)
            return Result(columns, list(cursor.fetchall()))

    def load(self, table: str, batch: pa.Table) -> None:
        if not batch.num_rows:
            return
        names = [c.name for c in TABLES[table]]
        copy = exp.Copy(  # COPY t (a, b) FROM STDIN
            this=exp.Schema(
                this=exp.to_table(self.physical(table)),
                expressions=[exp.to_identifier(n) for n in names],
            ),
            kind=True,
            files=[exp.var("STDIN")],
        )
        rows: list[list[Any]] = [batch.column(n).to_pylist() for n in names]
        with connections[self.alias].cursor() as cursor:
            raw: Any = cursor.cursor  # psycopg's own cursor, for COPY
            with raw.copy(copy.sql(dialect=self.dialect)) as stream:
                for row in zip(*rows, strict=True):
                    stream.write_row(row)

    def create(self) -> None:
        with connections[self.alias].cursor() as cursor:
            for statement in create_statements(self.tables):
                cursor.execute(statement.sql(dialect=self.dialect))

    def drop(self) -> None:
        with connections[self.alias].cursor() as cursor:
            for name in TABLES:
                cursor.execute(drop_statement(self.physical(name)).sql(dialect=self.dialect))
