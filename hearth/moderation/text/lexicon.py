"""Watched words: validate entries, compile them into one Aho-Corasick automaton, scan, censor.

Terms and their variants are normalised exactly like the scanned text (see
``normalise``), so one pass over the normalised text finds every hit, however
the word was spaced, spelt in traditional characters, full-width letters or
look-alikes. Terms made only of ASCII letters and digits must stand alone
(``ass`` does not fire inside ``glass``).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from hearth.moderation.text.normalise import (
    Normalised,
    Variants,
    ascii_bounded,
    is_ascii_word,
    normalise,
)


class Category(enum.StrEnum):
    VULGAR = "vulgar"
    ABUSE = "abuse"
    ADVERTISING = "advertising"
    INFRINGEMENT = "infringement"
    ILLEGAL = "illegal"
    CUSTOM = "custom"


class Action(enum.StrEnum):
    BLOCK = "block"
    HOLD = "hold"
    REPLACE = "replace"
    FLAG = "flag"


SEVERITY_MIN = 1
SEVERITY_MAX = 4
CENSOR_MARK = "***"

# Regex constructs that backtrack: a quantified group or class, ".*", "\d+" ...
_REGEX_LIKE = re.compile(r"\)[+*?{]|\][+*?{]|\.[+*]|\\[dwsDWSbB]|\(\?")


@dataclass(frozen=True, slots=True)
class Entry:
    """One watched word as entered or imported; ``row`` numbers it in error messages."""

    term: str
    category: str
    action: str
    severity: int
    board_id: int | None = None
    variants: tuple[str, ...] = ()
    row: int | None = None


@dataclass(frozen=True, slots=True)
class RowError:
    row: int
    message: str


class LexiconError(ValueError):
    """Invalid entries; nothing was compiled. ``errors`` names every bad row."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(error.message for error in self.errors))


@dataclass(frozen=True, slots=True)
class WatchedWord:
    term: str
    category: Category
    action: Action
    severity: int
    board_id: int | None


@dataclass(frozen=True, slots=True)
class Hit:
    """A watched word found in a text; ``start``/``end`` index the original text."""

    term: str
    category: Category
    action: Action
    severity: int
    start: int
    end: int
    matched: str


def _check_severity(raw: Any, row: int) -> tuple[int | None, str | None]:
    try:
        severity = int(raw)
    except (TypeError, ValueError):
        severity = None
    if severity is None or isinstance(raw, bool) or not SEVERITY_MIN <= severity <= SEVERITY_MAX:
        message = _(
            "Row %(row)d: severity must be a whole number from %(low)d to %(high)d, not %(value)r."
        )
        return None, message % {"row": row, "low": SEVERITY_MIN, "high": SEVERITY_MAX, "value": raw}
    return severity, None


def _check_term(term: str, row: int) -> str | None:
    if not term.strip():
        return _("Row %(row)d: the term is empty.") % {"row": row}
    if _REGEX_LIKE.search(term):
        return _(
            "Row %(row)d: %(term)r looks like a regular expression; regular expressions are "
            "not supported (they can backtrack without end). Enter the literal words instead."
        ) % {"row": row, "term": term}
    if not normalise(term).text:
        return _("Row %(row)d: %(term)r has no letters or digits to match.") % {
            "row": row,
            "term": term,
        }
    return None


def validate(entry: Entry, row: int) -> tuple[WatchedWord | None, list[RowError]]:
    """Check one entry; the compiled form, or the errors naming its row."""
    messages: list[str | None] = [_check_term(entry.term, row)]
    if entry.category not in Category._value2member_map_:
        messages.append(
            _("Row %(row)d: unknown category %(value)r (expected one of %(choices)s).")
            % {"row": row, "value": entry.category, "choices": ", ".join(Category)}
        )
    if entry.action not in Action._value2member_map_:
        messages.append(
            _("Row %(row)d: unknown action %(value)r (expected one of %(choices)s).")
            % {"row": row, "value": entry.action, "choices": ", ".join(Action)}
        )
    severity, severity_error = _check_severity(entry.severity, row)
    messages.append(severity_error)
    messages.extend(_check_term(v, row) for v in entry.variants)
    errors = [RowError(row, m) for m in messages if m]
    if errors or severity is None:
        return None, errors
    word = WatchedWord(
        entry.term.strip(), Category(entry.category), Action(entry.action), severity, entry.board_id
    )
    return word, []


@dataclass(frozen=True, slots=True)
class _Pattern:
    length: int
    ascii_word: bool
    words: tuple[WatchedWord, ...]


@dataclass
class Lexicon:
    """A compiled set of watched words. Build with ``Lexicon.compile``."""

    words: tuple[WatchedWord, ...]
    variants: Variants | None = None
    _automaton: Any = field(default=None, repr=False)

    @classmethod
    def compile(
        cls, entries: Iterable[Entry], *, variants: Mapping[str, str] | None = None
    ) -> Lexicon:
        """Validate every entry, then compile; raises ``LexiconError`` naming each bad row."""
        import ahocorasick

        errors: list[RowError] = []
        keyed: dict[str, list[WatchedWord]] = {}
        words: list[WatchedWord] = []
        for index, entry in enumerate(entries, start=1):
            word, row_errors = validate(entry, entry.row if entry.row is not None else index)
            errors.extend(row_errors)
            if word is None:
                continue
            words.append(word)
            for spelling in (entry.term, *entry.variants):
                bucket = keyed.setdefault(normalise(spelling).text, [])
                if word not in bucket:
                    bucket.append(word)
        if errors:
            raise LexiconError(errors)
        automaton = ahocorasick.Automaton()
        for key, matched_words in keyed.items():
            automaton.add_word(key, _Pattern(len(key), is_ascii_word(key), tuple(matched_words)))
        if keyed:
            automaton.make_automaton()
        compiled_variants = Variants(variants) if variants else None
        return cls(tuple(words), compiled_variants, automaton if keyed else None)

    def normalise(self, text: str) -> Normalised:
        return normalise(text, self.variants)

    def scan(
        self, text: str, board_id: int | None = None, *, norm: Normalised | None = None
    ) -> list[Hit]:
        """Every watched word in ``text`` that applies site-wide or on ``board_id``."""
        if self._automaton is None:
            return []
        norm = norm if norm is not None else self.normalise(text)
        hits: list[Hit] = []
        for last, pattern in self._automaton.iter(norm.text):
            start = last + 1 - pattern.length
            if pattern.ascii_word and not ascii_bounded(norm, start, last + 1):
                continue
            begin, finish = norm.span(start, last + 1)
            hits.extend(
                Hit(w.term, w.category, w.action, w.severity, begin, finish, text[begin:finish])
                for w in pattern.words
                if w.board_id is None or w.board_id == board_id
            )
        return hits

    def censor(self, text: str, hits: Iterable[Hit]) -> str:
        return censor(text, hits)


def censor(text: str, hits: Iterable[Hit]) -> str:
    """``text`` with every ``replace`` hit (overlaps merged) turned into ``***``."""
    spans = sorted((h.start, h.end) for h in hits if h.action is Action.REPLACE)
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    parts: list[str] = []
    cursor = 0
    for start, end in merged:
        parts.extend((text[cursor:start], CENSOR_MARK))
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts)
