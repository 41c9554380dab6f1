"""Write watched words as plain text, CSV or JSON, in the layouts the importer reads back."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from hearth.moderation.models import WatchedWord

CONTENT_TYPES = {
    "txt": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
CSV_HEADER = ("term", "category", "action", "severity", "tags", "board", "message")
_TXT_SEPARATORS = re.compile(r"[,，、;；|\t]")
_FORMULA_START = ("=", "+", "-", "@")


@dataclass(frozen=True)
class ExportedWord:
    term: str
    category: str
    action: str
    severity: int
    tags: tuple[str, ...]
    board: str  # slug, empty for every board
    message: str


def exported_words(words: QuerySet[WatchedWord]) -> Iterable[ExportedWord]:
    rows = words.order_by("term", "pk").values_list(
        "term", "category", "action", "severity", "tags", "board__slug", "message"
    )
    for term, category, action, severity, tags, board, message in rows.iterator(chunk_size=5000):
        yield ExportedWord(term, category, action, severity, tuple(tags), board or "", message)


def _csv_cell(value: str) -> str:
    """A cell a spreadsheet will not run as a formula (the importer drops the quote again)."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def as_text(words: Iterable[ExportedWord]) -> str:
    # A term that holds a separator would read back as two; a space matches the same.
    return "".join(f"{_TXT_SEPARATORS.sub(' ', w.term)}\n" for w in words)


def as_csv(words: Iterable[ExportedWord]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for w in words:
        writer.writerow(
            [
                _csv_cell(w.term),
                w.category,
                w.action,
                w.severity,
                ";".join(w.tags),
                w.board,
                _csv_cell(w.message),
            ]
        )
    return out.getvalue()


def as_json(words: Iterable[ExportedWord], *, name: str) -> str:
    document = {
        "name": name,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "words": [
            {
                "term": w.term,
                "category": w.category,
                "action": w.action,
                "severity": w.severity,
                "tags": list(w.tags),
                "board": w.board or None,
                "message": w.message,
            }
            for w in words
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def export_words(words: QuerySet[WatchedWord], fmt: str, *, name: str) -> bytes:
    """The words in ``fmt`` (``txt``, ``csv`` or ``json``) as UTF-8 bytes."""
    rows = exported_words(words)
    if fmt == "csv":
        return as_csv(rows).encode()
    if fmt == "json":
        return as_json(rows, name=name).encode()
    return as_text(rows).encode()
