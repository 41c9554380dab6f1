"""What an analytics engine offers: render a syntax tree in its dialect, run it, load rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import pyarrow as pa
from sqlglot import exp

from hearth.analytics.store.schema import TABLES, Column


@dataclass(frozen=True)
class Result:
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


class Engine(Protocol):
    """An engine holding the store's logical tables (:mod:`hearth.analytics.store.schema`)."""

    dialect: str
    name: str

    def physical(self, table: str) -> str: ...

    def run(self, tree: exp.Expression) -> Result: ...

    def load(self, table: str, batch: pa.Table) -> None: ...

    def create(self) -> None: ...

    def drop(self) -> None: ...


def render(tree: exp.Expression, *, dialect: str, tables: Mapping[str, str]) -> str:
    """SQL for ``tree`` in ``dialect``, logical table names replaced by the engine's."""
    mapped = exp.replace_tables(tree.copy(), dict(tables))
    for comment_holder in mapped.find_all(exp.Table):
        comment_holder.comments = None  # replace_tables notes the old name; noise in logs
    return mapped.sql(dialect=dialect)


def create_statements(tables: Mapping[str, str]) -> list[exp.Expression]:
    """``CREATE TABLE IF NOT EXISTS`` for every logical table, under its physical name."""
    return [
        exp.Create(
            this=exp.Schema(
                this=exp.to_table(tables[name]),
                expressions=[_column_def(column) for column in columns],
            ),
            kind="TABLE",
            exists=True,
        )
        for name, columns in TABLES.items()
    ]


def drop_statement(table: str) -> exp.Drop:
    return exp.Drop(tables=[exp.to_table(table)], kind="TABLE", exists=True)


def _column_def(column: Column) -> exp.ColumnDef:
    return exp.ColumnDef(this=exp.to_identifier(column.name), kind=exp.DataType.build(column.type))


ARROW_TYPES: dict[str, pa.DataType] = {
    "BIGINT": pa.int64(),
    "INTEGER": pa.int32(),
    "SMALLINT": pa.int16(),
    "DOUBLE PRECISION": pa.float64(),
    "VARCHAR": pa.string(),
    "DATE": pa.date32(),
    "TIMESTAMPTZ": pa.timestamp("us", tz="UTC"),
}


def arrow_batch(table: str, columns: Mapping[str, Sequence[Any]]) -> pa.Table:
    """A typed Arrow table of the logical ``table``'s columns (every column must be given)."""
    schema = pa.schema([(c.name, ARROW_TYPES[c.type]) for c in TABLES[table]])
    return pa.table(
        {c.name: pa.array(columns[c.name], type=ARROW_TYPES[c.type]) for c in TABLES[table]},
        schema=schema,
    )
