"""The pipeline's compiled configuration: lexicon, word messages, policies, classifier models.

Compiling 20,000 watched words takes about a second, so the result is kept
in the process, keyed by a version token held in Django's cache.
:func:`words_changed` replaces the token: this process drops its copy at
once and every other process recompiles on its next screening. Saving or
deleting a watched word, a list, a variant, a policy or a classifier
version calls it (bulk writes send no signals: their callers call it).
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from hearth.moderation.models import (
    ClassifierModel,
    ModerationPolicy,
    WatchedWord,
    WordList,
    WordVariant,
)
from hearth.moderation.pipeline.policy import Policy, policy_from_row
from hearth.moderation.text.lexicon import Entry, Lexicon, validate

logger = logging.getLogger(__name__)

VERSION_KEY = "moderation:pipeline:version"

WordKey = tuple[str, str, str, int]  # term, category, action, severity


@dataclass(frozen=True, slots=True)
class WordNote:
    """What the lexicon does not keep of a watched word: its board and message to the author."""

    board_id: int | None
    message: str


@dataclass(frozen=True)
class Compiled:
    token: str
    lexicon: Lexicon
    notes: Mapping[WordKey, tuple[WordNote, ...]] = field(default_factory=dict)
    policies: tuple[Policy, ...] = ()
    classifiers: tuple[ClassifierModel, ...] = ()

    def word_message(self, key: WordKey, board_id: int | None) -> str:
        """The author-facing message of the word behind a hit (the board's own row first)."""
        notes = self.notes.get(key, ())
        for note in sorted(notes, key=lambda n: n.board_id is None):
            if note.board_id in (None, board_id) and note.message:
                return note.message
        return ""


_lock = threading.Lock()
_current: dict[str, Compiled] = {}


def _token() -> str:
    token = cache.get(VERSION_KEY)
    if token is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        token = cache.get(VERSION_KEY) or "uncached"
    return str(token)


def words_changed() -> None:
    """Invalidate the compiled lexicon, policies and classifier list in every process."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    with _lock:
        _current.clear()


def compiled() -> Compiled:
    """The configuration in force (compiled on first use after a change)."""
    token = _token()
    found = _current.get("state")
    if found is not None and found.token == token:
        return found
    built = compile_from_db(token)
    with _lock:
        _current["state"] = built
    return built


def _entries() -> tuple[list[Entry], dict[WordKey, list[WordNote]]]:
    rows = WatchedWord.objects.filter(word_list__enabled=True).values_list(
        "term", "category", "action", "severity", "board_id", "message"
    )
    entries: list[Entry] = []
    notes: dict[WordKey, list[WordNote]] = {}
    for term, category, action, severity, board_id, message in rows:
        entry = Entry(term, category, action, severity, board_id=board_id)
        word, errors = validate(entry, 1)
        if word is None:  # written past the import checks; never let it break posting
            logger.warning(
                "watched word %r skipped: %s", term, "; ".join(e.message for e in errors)
            )
            continue
        entries.append(entry)
        key = (word.term, str(word.category), str(word.action), word.severity)
        notes.setdefault(key, []).append(WordNote(board_id, message))
    return entries, notes


def _classifiers() -> tuple[ClassifierModel, ...]:
    latest: dict[str, ClassifierModel] = {}
    for row in ClassifierModel.objects.order_by("category", "-version"):
        latest.setdefault(row.category, row)
    return tuple(latest.values())


def compile_from_db(token: str = "") -> Compiled:
    entries, notes = _entries()
    variants = dict(WordVariant.objects.values_list("variant", "canonical"))
    lexicon = Lexicon.compile(entries, variants=variants)
    policies = tuple(
        policy_from_row(row) for row in ModerationPolicy.objects.order_by("board_id", "pk")
    )
    return Compiled(
        token=token,
        lexicon=lexicon,
        notes={key: tuple(value) for key, value in notes.items()},
        policies=policies,
        classifiers=_classifiers(),
    )


def _on_change(**kwargs: Any) -> None:
    """Drop this process's copy now; bump the token once per transaction, and after commit."""
    with _lock:
        _current.clear()
    connection = transaction.get_connection()
    if not any(entry[1] is words_changed for entry in connection.run_on_commit):
        words_changed()
        transaction.on_commit(words_changed)  # others recompile once the change is visible


for _model in (WatchedWord, WordList, WordVariant, ModerationPolicy, ClassifierModel):
    post_save.connect(_on_change, sender=_model, dispatch_uid=f"pipeline-{_model.__name__}")
    post_delete.connect(_on_change, sender=_model, dispatch_uid=f"pipeline-del-{_model.__name__}")
