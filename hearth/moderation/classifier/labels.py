"""Reading labelled files and turning their label values into 0/1, with errors that name the row."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

POSITIVE_SPELLINGS = frozenset({"1", "true", "yes", "y", "spam", "offensive", "positive"})
NEGATIVE_SPELLINGS = frozenset({"0", "false", "no", "n", "ham", "safe", "clean", "negative"})


class TrainingError(ValueError):
    """Bad training input; the message names the file, column or row at fault."""


@dataclass(frozen=True)
class LabelledRows:
    texts: list[str]
    labels: list[str]
    row_numbers: list[int]  # line numbers in the file, for error messages
    groups: list[str] = field(default_factory=list)  # with a group column: one value per row


def read_labelled_file(
    path: Path,
    *,
    text_column: str | None,
    label_column: str | None,
    tsv: bool,
    group_column: str | None = None,
) -> LabelledRows:
    """Read a CSV with a header, or a headerless TSV of ``label<TAB>text`` (SMS spam) when ``tsv``.

    ``group_column`` (CSV only) names a column that sorts the rows into kinds of
    text (COLD's ``topic``); the model then learns one expert block per group.
    """
    if not path.is_file():
        raise TrainingError(_("No such file: %(path)s") % {"path": path})
    if tsv and group_column:
        raise TrainingError(_("A group column needs a CSV file with a header row."))
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            if tsv:
                return _read_tsv(handle)
            return _read_csv(
                handle,
                text_column=text_column,
                label_column=label_column,
                group_column=group_column,
            )
    except UnicodeDecodeError as exc:
        raise TrainingError(
            _("%(path)s is not UTF-8 text (byte %(at)d).") % {"path": path.name, "at": exc.start}
        ) from exc


def _read_csv(
    handle: Iterable[str],
    *,
    text_column: str | None,
    label_column: str | None,
    group_column: str | None,
) -> LabelledRows:
    reader = csv.DictReader(handle)
    columns = list(reader.fieldnames or [])
    text_key = _require_column(columns, _("text"), text_column)
    label_key = _require_column(columns, _("label"), label_column)
    group_key = _require_column(columns, _("group"), group_column) if group_column else None
    rows = LabelledRows([], [], [])
    try:
        for record in reader:
            rows.texts.append(record.get(text_key) or "")
            rows.labels.append(record.get(label_key) or "")
            rows.row_numbers.append(reader.line_num)
            if group_key is not None:
                rows.groups.append((record.get(group_key) or "").strip())
    except csv.Error as exc:
        raise TrainingError(
            _("Line %(row)d is not valid CSV: %(error)s") % {"row": reader.line_num, "error": exc}
        ) from exc
    return rows


def _require_column(columns: list[str], role: str, column: str | None) -> str:
    if not column or column not in columns:
        raise TrainingError(
            _("The %(role)s column %(column)r is not in the file (columns: %(columns)s).")
            % {"role": role, "column": column or "", "columns": ", ".join(columns)}
        )
    return column


def _read_tsv(handle: Iterable[str]) -> LabelledRows:
    rows = LabelledRows([], [], [])
    for number, line in enumerate(handle, start=1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        label, _tab, text = line.partition("\t")
        rows.labels.append(label)
        rows.texts.append(text)
        rows.row_numbers.append(number)
    return rows


def binary_labels(
    labels: Sequence[str], *, positive: str | None, row_numbers: Sequence[int]
) -> tuple[list[int], str, str]:
    """0/1 labels and the positive and negative values seen.

    With ``positive`` the column must hold that value and one other value (the
    negative one); without it, common spellings (1/0, true/false, spam/ham …).
    """
    values: list[int] = []
    negative: str | None = None
    for raw, number in zip(labels, row_numbers, strict=True):
        value = raw.strip()
        if not value:
            raise TrainingError(_("Row %(row)d has an empty label.") % {"row": number})
        if positive is not None:
            if value != positive and negative is None:
                negative = value
            _check_known(value in (positive, negative), value, number)
            values.append(1 if value == positive else 0)
            continue
        lowered = value.lower()
        _check_known(lowered in POSITIVE_SPELLINGS | NEGATIVE_SPELLINGS, value, number)
        values.append(1 if lowered in POSITIVE_SPELLINGS else 0)
    if len(set(values)) < 2:
        raise TrainingError(_("The labels hold fewer than 2 classes; both are needed to train."))
    seen_positive = positive or next(v for v, b in zip(labels, values, strict=True) if b)
    seen_negative = negative or next(v for v, b in zip(labels, values, strict=True) if not b)
    return values, seen_positive.strip(), seen_negative.strip()


def _check_known(known: bool, value: str, number: int) -> None:
    if not known:
        raise TrainingError(
            _(
                "Row %(row)d has an unknown label value %(value)r (pass --positive to name the "
                "positive value; the column may hold only two values)."
            )
            % {"row": number, "value": value}
        )
