"""JSON lexicons, with the line each entry starts on (for error messages).

Accepted shapes:

- a list of terms: ``["词一", "词二"]``;
- a list of objects: ``[{"term": "…", "category": "…", "action": "…",
  "severity": 3, "tags": ["…"], "board": "slug", "message": "…"}]`` where
  only ``term`` is required. Lists in the layout of dsojevic/profanity-list
  name their terms ``match`` instead: ``"a|b"`` lists alternatives and an
  ``*`` (the previous letter may repeat) is dropped;
- an object with such a list under ``"words"`` (what the export writes).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from hearth.moderation.text.lexicon import RowError
from hearth.moderation.words.rows import Defaults, ImportFailed, WordRow
from hearth.moderation.words.text import clean, split_tags

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def _skip(text: str, pos: int) -> int:
    match = _WHITESPACE.match(text, pos)
    return match.end() if match else pos


def _array_items(text: str, pos: int) -> Iterator[tuple[int, Any]]:
    """``(line, value)`` for each element of the (valid) array starting at ``text[pos]``."""
    pos = _skip(text, pos + 1)
    line, counted = 1, 0
    if text[pos] == "]":
        return
    while True:
        value, end = _DECODER.raw_decode(text, pos)
        line += text.count("\n", counted, pos)
        counted = pos
        yield line, value
        pos = _skip(text, end)
        if text[pos] != ",":
            return
        pos = _skip(text, pos + 1)


def _member_start(text: str, pos: int, wanted: str) -> int:
    """Where the value of the last ``wanted`` key of the (valid) object at ``pos`` starts."""
    found = -1
    pos = _skip(text, pos + 1)
    while text[pos] != "}":
        key, end = _DECODER.raw_decode(text, pos)
        pos = _skip(text, _skip(text, end) + 1)  # past the colon
        if key == wanted:
            found = pos
        _value, end = _DECODER.raw_decode(text, pos)
        pos = _skip(text, end)
        if text[pos] == ",":
            pos = _skip(text, pos + 1)
    return found


def read_json(text: str, defaults: Defaults) -> tuple[list[WordRow], list[RowError]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        message = _("Row %(row)d: the JSON cannot be read: %(error)s (column %(column)d).")
        row = error.lineno
        raise ImportFailed(
            [RowError(row, message % {"row": row, "error": error.msg, "column": error.colno})]
        ) from error
    start = _skip(text, 0)
    if isinstance(data, dict) and isinstance(data.get("words"), list):
        start = _member_start(text, start, "words")
    elif not isinstance(data, list):
        message = _("Row 1: expected a list of words, or an object with a “words” list.")
        raise ImportFailed([RowError(1, message)])
    rows: list[WordRow] = []
    errors: list[RowError] = []
    for line, item in _array_items(text, start):
        found, problem = _entry(item, line, defaults)
        rows.extend(found)
        if problem:
            errors.append(RowError(line, problem))
    return rows, errors


def _text_field(item: dict[str, Any], name: str, row: int) -> tuple[str, str | None]:
    value = item.get(name)
    if value is None:
        return "", None
    if not isinstance(value, str):
        message = _("Row %(row)d: “%(field)s” must be text, not %(value)r.")
        return "", message % {"row": row, "field": name, "value": value}
    return clean(value), None


def _tags(value: Any, row: int) -> tuple[tuple[str, ...], str | None]:
    if value is None:
        return (), None
    if isinstance(value, str):
        return split_tags(value), None
    if isinstance(value, list) and all(isinstance(tag, str) for tag in value):
        return split_tags(";".join(value)), None
    message = _("Row %(row)d: “tags” must be a list of texts, not %(value)r.")
    return (), message % {"row": row, "value": value}


def _terms(item: dict[str, Any], row: int) -> tuple[list[str], str | None]:
    for name in ("term", "word"):
        if name in item:
            term, error = _text_field(item, name, row)
            return [term], error
    if "match" in item:
        match, error = _text_field(item, "match", row)
        return [clean(part.replace("*", "")) for part in match.split("|")], error
    return [], _("Row %(row)d: the entry has no “term”.") % {"row": row}


def _entry(item: Any, row: int, defaults: Defaults) -> tuple[list[WordRow], str | None]:
    """The rows one JSON element stands for, or the reason it cannot be read."""
    if isinstance(item, str):
        term = clean(item)
        return [WordRow(row, term, defaults.category, defaults.action, defaults.severity)], None
    if not isinstance(item, dict):
        message = _("Row %(row)d: expected a term or an object with a “term”, not %(value)r.")
        return [], message % {"row": row, "value": item}
    terms, term_error = _terms(item, row)
    category, category_error = _text_field(item, "category", row)
    action, action_error = _text_field(item, "action", row)
    board, board_error = _text_field(item, "board", row)
    message, message_error = _text_field(item, "message", row)
    tags, tags_error = _tags(item.get("tags"), row)
    errors = [term_error, category_error, action_error, board_error, message_error, tags_error]
    problem = next((e for e in errors if e), None)
    if problem:
        return [], problem
    severity = item.get("severity")
    rows = [
        WordRow(
            row=row,
            term=term,
            category=category.lower() or defaults.category,
            action=action.lower() or defaults.action,
            severity=defaults.severity if severity is None or severity == "" else severity,
            tags=tags,
            board=board,
            message=message,
        )
        for term in terms
    ]
    return rows, None
