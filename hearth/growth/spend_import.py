"""Import spend from a CSV or XLSX file: every row checked first, then all saved or none.

Columns (a header row names them, in any order; Chinese headers work too):
``channel`` (the channel's key), ``from``, ``to`` (dates, YYYY-MM-DD),
``amount`` (yuan), ``type`` (a :class:`~hearth.growth.models.SpendKind`
value, default ``media``), ``campaign`` (a campaign's name, optional),
``note`` (optional). A bad row stops the import; the error names the row
(as a spreadsheet numbers it, the header being row 1), the field and why.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.growth.models import Channel
from hearth.growth.spend import SpendFields, SpendInput, spend_bulk_create, spend_check

MAX_ROWS = 5000
MAX_BYTES = 2 * 1024 * 1024
HEADERS: dict[str, str] = {
    "channel": "channel",
    "渠道": "channel",
    "from": "period_start",
    "开始": "period_start",
    "to": "period_end",
    "结束": "period_end",
    "amount": "amount",
    "金额": "amount",
    "type": "kind",
    "类型": "kind",
    "campaign": "campaign",
    "推广活动": "campaign",
    "note": "note",
    "备注": "note",
}
REQUIRED = ("channel", "period_start", "period_end", "amount")
FIELD_COLUMNS = {
    "channel": "channel",
    "period_start": "from",
    "period_end": "to",
    "amount": "amount",
    "kind": "type",
    "campaign": "campaign",
    "note": "note",
}


class SpendImportError(ValidationError):
    """The file cannot be imported; ``messages`` lists every bad row."""


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip()[:10])


def _rows_csv(content: bytes) -> list[list[Any]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("gb18030", errors="strict")
    return [row for row in csv.reader(io.StringIO(text))]


def _rows_xlsx(content: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    sheet = book.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def file_rows(content: bytes, filename: str) -> list[list[Any]]:
    """The file's rows (header first); a file that cannot be read raises SpendImportError."""
    if len(content) > MAX_BYTES:
        raise SpendImportError(_("The file is larger than 2 MB."))
    try:
        if filename.lower().endswith(".xlsx"):
            return _rows_xlsx(content)
        return _rows_csv(content)
    except (ValueError, KeyError, OSError, UnicodeDecodeError, csv.Error) as exc:
        raise SpendImportError(
            _("The file could not be read as CSV or XLSX (%(error)s).")
            % {"error": type(exc).__name__}
        ) from exc
    except Exception as exc:  # openpyxl raises its own errors on a damaged workbook
        raise SpendImportError(_("The file could not be read as CSV or XLSX.")) from exc


def _header(row: Iterable[Any]) -> list[str | None]:
    names = [HEADERS.get(str(cell or "").strip().lower()) for cell in row]
    missing = [FIELD_COLUMNS[f] for f in REQUIRED if f not in names]
    if missing:
        raise SpendImportError(
            _("The header row lacks the column(s): %(columns)s.") % {"columns": ", ".join(missing)}
        )
    return names


def _row_input(names: list[str | None], row: list[Any]) -> SpendInput:
    values: dict[str, Any] = {}
    for name, cell in zip(names, row, strict=False):
        if name:
            values[name] = cell
    problems: dict[str, str] = {}
    dates: dict[str, dt.date | None] = {}
    for field in ("period_start", "period_end"):
        try:
            dates[field] = _date(values.get(field))
        except ValueError:
            dates[field] = None
            problems[field] = _("“%(value)s” is not a date (YYYY-MM-DD).") % {
                "value": values.get(field)
            }
    if problems:
        raise ValidationError(problems)
    amount = values.get("amount")
    return SpendInput(
        channel=str(values.get("channel") or "").strip(),
        period_start=dates["period_start"],
        period_end=dates["period_end"],
        amount=None if amount is None else str(amount),
        kind=str(values.get("kind") or "media").strip().lower(),
        campaign=str(values.get("campaign") or "").strip(),
        note=str(values.get("note") or "").strip(),
    )


def spend_rows_check(rows: list[list[Any]]) -> list[SpendFields]:
    """Every data row checked; SpendImportError lists each bad row, its field and why."""
    if not rows:
        raise SpendImportError(_("The file is empty."))
    names = _header(rows[0])
    channels = {c.key: c for c in Channel.objects.all()}
    checked: list[SpendFields] = []
    errors: list[str] = []
    data = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(c not in (None, "") for c in r)]
    if not data:
        raise SpendImportError(_("The file has no spend rows under its header."))
    if len(data) > MAX_ROWS:
        raise SpendImportError(_("Import at most %(n)d rows at a time.") % {"n": MAX_ROWS})
    for number, row in data:
        try:
            checked.append(spend_check(_row_input(names, row), channels=channels))
        except ValidationError as error:
            for field, messages in sorted(error.message_dict.items()):
                errors.append(
                    _("Row %(row)d, %(column)s: %(message)s")
                    % {
                        "row": number,
                        "column": FIELD_COLUMNS.get(field, field),
                        "message": messages[0],
                    }
                )
    if errors:
        raise SpendImportError(errors)
    return checked


def spend_import(*, actor: User | None, content: bytes, filename: str) -> int:
    """Import the file's spend rows, all or none; the number of rows saved."""
    rows = spend_rows_check(file_rows(content, filename))
    return spend_bulk_create(actor=actor, rows=rows)
