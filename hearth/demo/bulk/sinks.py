"""Where the large data set goes: a SQLite file or a PostgreSQL database, loaded in bulk.

Both sinks drop the secondary indexes of the loaded tables before the load and
recreate them after it (the schema ends exactly as the migrations made it);
SQLite is filled with ``executemany`` in one transaction with journaling and
syncing off, PostgreSQL with ``COPY … FROM STDIN`` and its triggers (foreign-key
checks) disabled during the load.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import psycopg


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    not_null: bool
    has_default: bool


def filler(column: Column) -> Any:
    """A value for a NOT NULL column the generator does not know (added by a later app)."""
    kind = column.type.lower()
    if "json" in kind:
        return "{}"
    if any(word in kind for word in ("int", "bool", "real", "double", "numeric", "decimal")):
        return 0
    if "time" in kind or "date" in kind:
        return "1970-01-01"
    return ""


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class Sink(Protocol):
    """A database being filled: introspection, the load, and the finishing touches."""

    is_postgres: bool

    def columns(self, table: str) -> list[Column]: ...

    def begin(self, tables: Sequence[str]) -> None: ...

    def write(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int: ...

    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    def finish(self) -> None: ...


class SQLiteSink:
    is_postgres = False

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, isolation_level=None)
        for pragma in (
            "journal_mode=OFF",
            "synchronous=OFF",
            "locking_mode=EXCLUSIVE",
            "temp_store=MEMORY",
            "cache_size=-1000000",
            "foreign_keys=OFF",
        ):
            self.db.execute(f"PRAGMA {pragma}")
        self.indexes: list[str] = []

    def columns(self, table: str) -> list[Column]:
        rows = self.db.execute(f"PRAGMA table_info({_ident(table)})").fetchall()
        return [Column(r[1], r[2], bool(r[3]), r[4] is not None or bool(r[5])) for r in rows]

    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.db.execute(sql, tuple(params)).fetchall()

    def begin(self, tables: Sequence[str]) -> None:
        marks = ", ".join("?" * len(tables))
        query = f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})"  # noqa: S608 (placeholders only)
        found = self.db.execute(query, tuple(tables)).fetchall()
        for name, sql in found:
            self.indexes.append(sql)
            self.db.execute(f"DROP INDEX {_ident(name)}")
        self.db.execute("BEGIN")

    def write(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        names = ", ".join(_ident(c) for c in columns)
        marks = ", ".join("?" * len(columns))
        cursor = self.db.executemany(
            f"INSERT INTO {_ident(table)} ({names}) VALUES ({marks})",  # noqa: S608 (schema names)
            rows,
        )
        return cursor.rowcount

    def finish(self) -> None:
        self.db.execute("COMMIT")
        # SQLite sorts fastest for CREATE INDEX with a small page cache and a file temp store.
        self.db.execute("PRAGMA cache_size=-2000")
        self.db.execute("PRAGMA temp_store=FILE")
        for sql in self.indexes:
            self.db.execute(sql)
        self.db.execute("PRAGMA analysis_limit=1000")
        self.db.execute("ANALYZE")
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.close()


class PostgresSink:
    is_postgres = True

    def __init__(self, url: str) -> None:
        self.db = psycopg.connect(url, autocommit=False)
        self.indexes: list[str] = []
        self.tables: list[str] = []
        self.triggers_off = False

    def columns(self, table: str) -> list[Column]:
        rows = self.fetch(
            "SELECT column_name, data_type, is_nullable, column_default, is_identity "
            "FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = %s ORDER BY ordinal_position",
            (table,),
        )
        return [
            Column(name, kind, nullable == "NO", default is not None or identity == "YES")
            for name, kind, nullable, default, identity in rows
        ]

    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.db.cursor() as cursor:
            cursor.execute(sql.encode(), tuple(params))
            return cursor.fetchall() if cursor.description else []

    def begin(self, tables: Sequence[str]) -> None:
        self.tables = list(tables)
        found = self.fetch(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i "
            "WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s) "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            (list(tables),),
        )
        with self.db.cursor() as cursor:
            for name, sql in found:
                self.indexes.append(sql)
                cursor.execute(f"DROP INDEX {_ident(name)}".encode())
            try:
                with self.db.transaction():
                    for table in tables:
                        cursor.execute(f"ALTER TABLE {_ident(table)} DISABLE TRIGGER ALL".encode())
                self.triggers_off = True
            except psycopg.Error:  # not a superuser: load with the checks on
                self.triggers_off = False

    def write(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        names = ", ".join(_ident(c) for c in columns)
        count = 0
        with (
            self.db.cursor() as cursor,
            cursor.copy(f"COPY {_ident(table)} ({names}) FROM STDIN".encode()) as copy,
        ):
            for row in rows:
                copy.write_row(row)
                count += 1
        return count

    def finish(self) -> None:
        with self.db.cursor() as cursor:
            if self.triggers_off:
                for table in self.tables:
                    cursor.execute(f"ALTER TABLE {_ident(table)} ENABLE TRIGGER ALL".encode())
            for sql in self.indexes:
                cursor.execute(sql.encode())
            for table in self.tables:
                sequence = self.fetch("SELECT pg_get_serial_sequence(%s, 'id')", (table,))
                if sequence and sequence[0][0]:
                    cursor.execute(
                        f"SELECT setval(%s, COALESCE((SELECT MAX(id) FROM {_ident(table)}), 0) + 1, false)".encode(),  # noqa: S608
                        (sequence[0][0],),
                    )
        self.db.commit()
        self.db.autocommit = True
        with self.db.cursor() as cursor:
            cursor.execute(b"ANALYZE")
        self.db.close()
