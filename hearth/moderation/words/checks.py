"""Check read rows before anything is stored: the lexicon's own rules, lengths, boards, repeats."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _

from hearth.moderation.text.lexicon import Entry, RowError, validate
from hearth.moderation.text.normalise import fold
from hearth.moderation.words.rows import (
    MAX_MESSAGE_LENGTH,
    MAX_TAG_LENGTH,
    MAX_TERM_LENGTH,
    MAX_TERMS,
    CheckedRows,
    CheckedWord,
    ImportFailed,
    WordRow,
)


def _field_errors(row: WordRow, boards: Mapping[str, int]) -> list[str]:
    n = row.row
    errors = []
    if len(row.term) > MAX_TERM_LENGTH:
        errors.append(
            _("Row %(row)d: the term is longer than %(max)d characters.")
            % {"row": n, "max": MAX_TERM_LENGTH}
        )
    if len(row.message) > MAX_MESSAGE_LENGTH:
        errors.append(
            _("Row %(row)d: the message is longer than %(max)d characters.")
            % {"row": n, "max": MAX_MESSAGE_LENGTH}
        )
    errors.extend(
        _("Row %(row)d: the tag %(tag)r is longer than %(max)d characters.")
        % {"row": n, "tag": tag, "max": MAX_TAG_LENGTH}
        for tag in row.tags
        if len(tag) > MAX_TAG_LENGTH
    )
    if row.board and row.board.lower() not in boards:
        errors.append(
            _("Row %(row)d: no board has the slug %(board)r.") % {"row": n, "board": row.board}
        )
    return errors


def match_key(term: str) -> str:
    """What the lexicon matches on: the folded term without separators (``normalise(t).text``)."""
    folded = fold(term)
    return folded if folded.isalnum() else "".join(filter(str.isalnum, folded))


def check_rows(
    rows: list[WordRow],
    *,
    boards: Mapping[str, int],
    skip_duplicates: bool = False,
    errors: list[RowError] | None = None,
) -> CheckedRows:
    """The rows as words to store, or ``ImportFailed`` naming every bad row.

    Two rows are the same word when their terms normalise alike (case,
    full-width, traditional characters, separators) on the same board: a
    repeat is an error unless ``skip_duplicates`` keeps the first. ``errors``
    are the rows the reader could not read, reported with these.
    """
    if len(rows) > MAX_TERMS:
        too_many = rows[MAX_TERMS].row
        message = _(
            "Row %(row)d: the file holds more than %(max)d terms; split it into several lists."
        ) % {"row": too_many, "max": MAX_TERMS}
        raise ImportFailed([RowError(too_many, message)])
    errors = list(errors or [])
    skipped: list[RowError] = []
    seen: dict[tuple[str, int | None], WordRow] = {}
    words: list[CheckedWord] = []
    for row in rows:
        problems = _field_errors(row, boards)
        board_id = boards.get(row.board.lower()) if row.board else None
        entry = Entry(row.term, row.category, row.action, row.severity, board_id, row=row.row)
        word, lexicon_errors = validate(entry, row.row)
        errors.extend(RowError(row.row, message) for message in problems)
        errors.extend(lexicon_errors)
        if word is None or problems:
            continue
        key = (match_key(row.term), board_id)
        first = seen.get(key)
        if first is not None and first.row == row.row:
            continue  # one entry's own alternatives ("1 man 1 jar|1man1jar") spell one word
        if first is None:
            seen[key] = row
            words.append(
                CheckedWord(
                    row.row,
                    word.term,
                    word.category.value,
                    word.action.value,
                    word.severity,
                    row.tags,
                    board_id,
                    row.message,
                )
            )
            continue
        repeat = _(
            "Row %(row)d: %(term)r is the same word as %(first)r in row %(first_row)d "
            "(once case, width, traditional characters and separators are set aside)."
        ) % {"row": row.row, "term": row.term, "first": first.term, "first_row": first.row}
        (skipped if skip_duplicates else errors).append(RowError(row.row, repeat))
    if errors:
        raise ImportFailed(errors)
    return CheckedRows(words, skipped)
