"""Cockpit tables as downloads: CSV (UTF-8 with a byte-order mark, so Excel reads Chinese) and XLSX.

A page describes its table once (:class:`Table`: typed columns, rows of plain
values); the same description renders the HTML table's numbers and both
files. Text cells that a spreadsheet would read as a formula (``=``, ``+``,
``-``, ``@`` …) are written with a leading apostrophe: channel names come
from visitors' URLs.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Literal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from hearth.analytics.queries.params import Window

Cell = str | int | float | dt.date | None
Kind = Literal["text", "int", "number", "percent", "date"]
EXPORT_FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_NUMBER_FORMATS = {"int": "#,##0", "number": "#,##0.##", "percent": "0.0%", "date": "yyyy-mm-dd"}


@dataclass(frozen=True)
class Column:
    label: str
    kind: Kind = "text"


@dataclass(frozen=True)
class Table:
    """One exportable table: ``slug`` names the file, ``title`` the sheet."""

    slug: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]

    @property
    def headers(self) -> list[str]:
        return [c.label for c in self.columns]

    def cell_rows(self) -> list[list[tuple[Cell, Column]]]:
        """Each row's values beside their columns (what an HTML table needs)."""
        return [list(zip(row, self.columns, strict=True)) for row in self.rows]


def safe_text(value: str) -> str:
    """``value``, with an apostrophe in front when a spreadsheet would run it as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _csv_value(value: Cell, column: Column) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return safe_text(value)
    if column.kind == "int":
        return int(value)
    return value


def table_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_text(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([_csv_value(v, c) for v, c in zip(row, table.columns, strict=True)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _sheet_title(title: str) -> str:
    return _SHEET_FORBIDDEN.sub(" ", title).strip()[:31] or "Sheet"


def table_xlsx(table: Table) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = _sheet_title(table.title)
    sheet.append([safe_text(h) for h in table.headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([safe_text(v) if isinstance(v, str) else v for v in row])
    for index, column in enumerate(table.columns, start=1):
        number_format = _NUMBER_FORMATS.get(column.kind)
        letter = get_column_letter(index)
        width = max([len(column.label) * 2] + [len(str(r[index - 1] or "")) for r in table.rows])
        sheet.column_dimensions[letter].width = min(max(width + 2, 10), 40)
        if number_format is None:
            continue
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            cell.number_format = number_format
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def range_stem(window: Window) -> str:
    """A range of days in a download's name: ``2026-01-01_2026-01-31``."""
    return f"{window.start.isoformat()}_{window.end.isoformat()}"


def table_response(table: Table, export_format: str, *, stem: str) -> HttpResponse:
    """The table as a download; ``stem`` is the file name without extension (ASCII)."""
    if export_format == "xlsx":
        response = HttpResponse(table_xlsx(table), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(table_csv(table), content_type="text/csv; charset=utf-8")
        export_format = "csv"
    response["Content-Disposition"] = f'attachment; filename="{stem}.{export_format}"'
    return response
