"""Store an imported list's words fast: one parametrised INSERT, run for batches of rows.

``bulk_create`` spends most of a 65,000-word import preparing each field of
each model instance; the rows here are already checked, so they go to the
database as plain parameters (``executemany``). Table and column names come
from the model's metadata, never from input; every value is a parameter.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection

from hearth.moderation.models import WatchedWord
from hearth.moderation.words.rows import CheckedWord

_FIELDS = ("word_list", "term", "category", "action", "severity", "board", "tags", "message",
           "hit_count")  # fmt: skip
_BATCH = 5000


def _statement() -> str:
    meta = WatchedWord._meta
    quote = connection.ops.quote_name
    column = {field.name: str(field.column) for field in meta.concrete_fields}
    columns = ", ".join(quote(column[name]) for name in _FIELDS)
    marks = ", ".join(["%s"] * len(_FIELDS))
    return f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608 (model metadata only)


def words_insert(word_list_id: int, words: Sequence[CheckedWord]) -> None:
    """Insert ``words`` into the list (inside the caller's transaction)."""
    tags_field = WatchedWord._meta.get_field("tags")
    prepared: dict[tuple[str, ...], Any] = {}

    def tags(value: tuple[str, ...]) -> Any:
        if value not in prepared:
            prepared[value] = tags_field.get_db_prep_save(list(value), connection)
        return prepared[value]

    sql = _statement()
    with connection.cursor() as cursor:
        for start in range(0, len(words), _BATCH):
            batch = words[start : start + _BATCH]
            rows = [
                (word_list_id, w.term, w.category, w.action, w.severity, w.board_id,
                 tags(w.tags), w.message, 0)
                for w in batch
            ]  # fmt: skip
            cursor.executemany(sql, rows)
