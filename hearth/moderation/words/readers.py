"""Read lexicon files: plain text, CSV with a header, JSON. Every row keeps its line number.

- Plain text (``.txt``, ``.dic``, no extension …): one term per line; a line
  may hold several terms separated by ``,`` ``，`` ``、`` ``;`` ``；`` ``|`` or tabs
  (a line with brackets or backslashes is one term: it is checked as a pattern).
- CSV: a header naming the columns (``term`` is required; ``category``,
  ``action``, ``severity``, ``tags``, ``board``, ``message`` are optional, in
  any order); tags are separated by ``;`` or ``|``; ``board`` is a board slug.
- JSON: see ``read_json``.

Fields a file does not give come from the caller's ``Defaults``.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import PurePath

from django.utils.translation import gettext as _

from hearth.moderation.text.lexicon import RowError
from hearth.moderation.words.decode import decode
from hearth.moderation.words.read_json import read_json
from hearth.moderation.words.rows import Defaults, ImportFailed, WordRow
from hearth.moderation.words.text import clean, split_tags

CSV_COLUMNS = ("term", "category", "action", "severity", "tags", "board", "message")
FORMATS = ("txt", "csv", "json")
_SEPARATORS = re.compile(r"[,，、;；|\t]")
_REGEX_SYNTAX = re.compile(r"[()\[\]{}\\]")


def format_for(filename: str) -> str:
    """The format a file name suggests: ``csv``, ``json``, else plain text."""
    suffix = PurePath(filename).suffix.lower().lstrip(".")
    return suffix if suffix in ("csv", "json") else "txt"


def read_rows(
    data: bytes, filename: str, *, defaults: Defaults, fmt: str = ""
) -> tuple[list[WordRow], list[RowError]]:
    """Every term in the file, and the rows that cannot be read.

    Raises ``ImportFailed`` when the file as a whole cannot be read (not text,
    malformed JSON, no CSV header) or holds no term.
    """
    text = decode(data)
    fmt = fmt or format_for(filename)
    errors: list[RowError] = []
    if fmt == "csv":
        rows, errors = read_csv(text, defaults)
    elif fmt == "json":
        rows, errors = read_json(text, defaults)
    else:
        rows = read_text(text, defaults)
    if not rows and not errors:
        raise ImportFailed([RowError(1, _("Row 1: the file is empty: it holds no terms."))])
    return rows, errors


def read_text(text: str, defaults: Defaults) -> list[WordRow]:
    rows: list[WordRow] = []
    for number, line in enumerate(text.split("\n"), start=1):
        # A line with regex syntax stays whole, so its error shows the pattern as written.
        parts = [line] if _REGEX_SYNTAX.search(line) else _SEPARATORS.split(line)
        for part in parts:
            term = clean(part)
            if term:
                rows.append(
                    WordRow(number, term, defaults.category, defaults.action, defaults.severity)
                )
    return rows


def _header(record: list[str], row: int) -> tuple[list[str] | None, list[RowError]]:
    names = [clean(cell).lower() for cell in record]
    if "term" not in names:
        message = _(
            "Row %(row)d: the first row must name the columns, e.g. %(columns)s "
            "(only “term” is required)."
        ) % {"row": row, "columns": ",".join(CSV_COLUMNS[:6])}
        return None, [RowError(row, message)]
    errors = [
        RowError(
            row,
            _("Row %(row)d: unknown column %(name)r (expected %(columns)s).")
            % {"row": row, "name": name, "columns": ", ".join(CSV_COLUMNS)},
        )
        for name in names
        if name not in CSV_COLUMNS
    ]
    errors += [
        RowError(
            row, _("Row %(row)d: the column %(name)r appears twice.") % {"row": row, "name": n}
        )
        for n in sorted({name for name in names if names.count(name) > 1})
    ]
    return (None, errors) if errors else (names, [])


_FORMULA_GUARD = re.compile(r"^'(?=[=+\-@])")


def _csv_row(cells: dict[str, str], row: int, defaults: Defaults) -> WordRow:
    def cell(name: str) -> str:
        # The export quotes cells a spreadsheet would run as formulas ("'=…"); unquote them.
        return _FORMULA_GUARD.sub("", clean(cells.get(name, "")))

    return WordRow(
        row=row,
        term=cell("term"),
        category=cell("category").lower() or defaults.category,
        action=cell("action").lower() or defaults.action,
        severity=cell("severity") or defaults.severity,
        tags=split_tags(cells.get("tags", "")),
        board=cell("board"),
        message=cell("message"),
    )


def read_csv(text: str, defaults: Defaults) -> tuple[list[WordRow], list[RowError]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    rows: list[WordRow] = []
    errors: list[RowError] = []
    while True:
        start = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            message = _("Row %(row)d: the CSV cannot be read (%(error)s).")
            errors.append(RowError(start, message % {"row": start, "error": error}))
            break
        if not any(cell.strip() for cell in record):
            continue
        if header is None:
            header, header_errors = _header(record, start)
            if header is None:
                raise ImportFailed(header_errors)
            continue
        if len(record) != len(header):
            message = _(
                "Row %(row)d: expected %(expected)d columns (%(columns)s), found %(found)d."
            )
            errors.append(
                RowError(
                    start,
                    message
                    % {
                        "row": start,
                        "expected": len(header),
                        "columns": ",".join(header),
                        "found": len(record),
                    },
                )
            )
            continue
        rows.append(_csv_row(dict(zip(header, record, strict=True)), start, defaults))
    return rows, errors
