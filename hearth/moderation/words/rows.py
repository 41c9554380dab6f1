"""What a lexicon file holds once read: one ``WordRow`` per term, with the line it came from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from hearth.moderation.text.lexicon import RowError

MAX_TERM_LENGTH = 100  # WatchedWord.term
MAX_MESSAGE_LENGTH = 200  # WatchedWord.message
MAX_TAG_LENGTH = 40
MAX_TERMS = 200_000
MAX_FILE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Defaults:
    """What a row gets for the fields its file does not give."""

    category: str = "custom"
    action: str = "flag"
    severity: int = 2


@dataclass(frozen=True, slots=True)
class WordRow:
    """One term as read from a file; ``severity`` is raw until checked."""

    row: int
    term: str
    category: str
    action: str
    severity: Any
    tags: tuple[str, ...] = ()
    board: str = ""  # a board slug; empty: every board
    message: str = ""


@dataclass(frozen=True, slots=True)
class CheckedWord:
    """A row that passed every check, ready to be stored."""

    row: int
    term: str
    category: str
    action: str
    severity: int
    tags: tuple[str, ...]
    board_id: int | None
    message: str


@dataclass(frozen=True, slots=True)
class CheckedRows:
    words: list[CheckedWord]
    skipped: list[RowError] = field(default_factory=list)  # repeats left out on request


class ImportFailed(ValueError):
    """The file was refused and nothing was stored; ``errors`` names every bad row."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = sorted(errors, key=lambda e: e.row)
        super().__init__("\n".join(error.message for error in self.errors))
