"""One word or variant checked with the lexicon's own rules, as form-ready messages."""

from __future__ import annotations

import re

from hearth.moderation.text.lexicon import Entry, validate

_ROW = 900_001  # a row number no real message contains, to find and cut the "Row n:" prefix


def without_row(message: str) -> str:
    """``"Row 900001: the term is empty."`` → ``"the term is empty."`` (any language)."""
    match = re.match(rf"^[^:：]*{_ROW}[^:：]*[:：]\s*", message)
    text = message[match.end() :] if match else message
    return text[:1].upper() + text[1:]


def term_errors(term: str) -> list[str]:
    """Why ``term`` cannot be a watched word (or a variant), or nothing."""
    _word, errors = validate(Entry(term, "custom", "flag", 1), _ROW)
    return [without_row(error.message) for error in errors]
