"""Plain multi-row inserts for the demo's largest tables (no model instances, no RETURNING)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any

from django.db import connection, models

from hearth.community.services import text

BATCH = 5000


def batched(rows: Iterable[tuple[Any, ...]], size: int) -> Iterable[list[tuple[Any, ...]]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def db_datetime(value: dt.datetime) -> Any:
    """An aware datetime as the database stores it (UTC text on SQLite)."""
    return connection.ops.adapt_datetimefield_value(value)


def db_date(value: dt.date) -> Any:
    return connection.ops.adapt_datefield_value(value)


def insert_rows(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[tuple[Any, ...]]
) -> int:
    """INSERT ``rows`` (values already adapted) into ``model``'s table in batches."""
    quote = connection.ops.quote_name
    names = []
    for name in fields:
        field = model._meta.get_field(name)
        assert isinstance(field, models.Field)
        names.append(quote(field.column))
    columns = ", ".join(names)
    placeholders = ", ".join(["%s"] * len(fields))
    # Table and column names come from the model's metadata, never from input.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    count = 0
    with connection.cursor() as cursor:
        for batch in batched(rows, BATCH):
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


class Renderer:
    """Markdown to HTML through hearth's renderer, paragraph by paragraph with a cache.

    The demo's texts are blank-line separated blocks (paragraphs and lists), whose
    rendering is the concatenation of the blocks' renderings; many blocks repeat.
    """

    def __init__(self) -> None:
        self.cache: dict[str, str] = {}

    def __call__(self, body: str, mentioned: dict[str, int] | None = None) -> str:
        if mentioned:
            return text.render(body, mentioned)
        out = []
        for block in body.split("\n\n"):
            html = self.cache.get(block)
            if html is None:
                html = self.cache[block] = text.render(block, {})
            out.append(html)
        return "".join(out)
