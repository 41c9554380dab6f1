"""Writes on single watched words and on the variants (``vx`` → 微信). All audited."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.moderation.models import WatchedWord, WordList, WordVariant
from hearth.moderation.services.audit import audit_record
from hearth.moderation.words.checks import match_key
from hearth.moderation.words.hooks import words_changed
from hearth.moderation.words.rows import MAX_MESSAGE_LENGTH, MAX_TERM_LENGTH
from hearth.moderation.words.validation import term_errors

_VARIANT_MAX = 60  # WordVariant.variant and .canonical


@dataclass(frozen=True)
class WordFields:
    term: str
    category: str
    action: str
    severity: int
    board_id: int | None = None
    tags: tuple[str, ...] = ()
    message: str = ""


def word_snapshot(word: WatchedWord) -> dict[str, Any]:
    return {
        "list": word.word_list_id,
        "term": word.term,
        "category": word.category,
        "action": word.action,
        "severity": word.severity,
        "board": word.board_id,
        "tags": list(word.tags),
        "message": word.message,
    }


def _on_board(board_id: int | None) -> Q:
    return Q(board__isnull=True) if board_id is None else Q(board_id=board_id)


def _check_word(word_list: WordList, fields: WordFields, exclude: int | None) -> None:
    errors: dict[str, list[str]] = {}
    problems = term_errors(fields.term)
    if len(fields.term) > MAX_TERM_LENGTH:
        problems.append(_("At most %(max)d characters.") % {"max": MAX_TERM_LENGTH})
    if problems:
        errors["term"] = problems
    if len(fields.message) > MAX_MESSAGE_LENGTH:
        errors["message"] = [_("At most %(max)d characters.") % {"max": MAX_MESSAGE_LENGTH}]
    if not errors:
        key = match_key(fields.term)
        same_board = word_list.words.filter(_on_board(fields.board_id))
        if exclude is not None:
            same_board = same_board.exclude(pk=exclude)
        for other in same_board.values_list("term", flat=True).iterator(chunk_size=5000):
            if match_key(other) == key:
                errors["term"] = [
                    _("This list already has %(term)r, the same word once case, width and "
                      "separators are set aside.") % {"term": other}
                ]  # fmt: skip
                break
    if errors:
        raise ValidationError(errors)


def _changed(word_list_id: int) -> None:
    """The list's preview no longer describes it; the pipeline recompiles."""
    WordList.objects.filter(pk=word_list_id).update(preview={})
    words_changed()


@transaction.atomic
def word_add(*, actor: User | None, word_list: WordList, fields: WordFields) -> WatchedWord:
    fields = WordFields(**{**asdict(fields), "term": fields.term.strip()})
    _check_word(word_list, fields, exclude=None)
    word = WatchedWord.objects.create(
        word_list=word_list, **{**asdict(fields), "tags": list(fields.tags)}
    )
    audit_record(
        actor=actor,
        action="word.add",
        target_kind="watched_word",
        target_id=word.pk,
        after=word_snapshot(word),
        note=word_list.name,
    )
    _changed(word_list.pk)
    return word


@transaction.atomic
def word_edit(*, actor: User | None, word: WatchedWord, fields: WordFields) -> WatchedWord:
    locked = WatchedWord.objects.select_for_update().select_related("word_list").get(pk=word.pk)
    fields = WordFields(**{**asdict(fields), "term": fields.term.strip()})
    _check_word(locked.word_list, fields, exclude=locked.pk)
    before = word_snapshot(locked)
    for name, value in asdict(fields).items():
        setattr(locked, name, list(value) if name == "tags" else value)
    locked.save()
    audit_record(
        actor=actor,
        action="word.edit",
        target_kind="watched_word",
        target_id=locked.pk,
        before=before,
        after=word_snapshot(locked),
        note=locked.word_list.name,
    )
    _changed(locked.word_list_id)
    return locked


@transaction.atomic
def word_delete(*, actor: User | None, word: WatchedWord) -> None:
    before = word_snapshot(word)
    pk, list_id = word.pk, word.word_list_id
    word.delete()
    audit_record(
        actor=actor, action="word.delete", target_kind="watched_word", target_id=pk, before=before
    )
    _changed(list_id)


def _check_variant(variant: str, canonical: str, exclude: int | None) -> None:
    errors: dict[str, list[str]] = {}
    if variant_problems := term_errors(variant):
        errors["variant"] = variant_problems
    if canonical_problems := term_errors(canonical):
        errors["canonical"] = canonical_problems
    for name, value in (("variant", variant), ("canonical", canonical)):
        if len(value) > _VARIANT_MAX:
            errors.setdefault(name, []).append(
                _("At most %(max)d characters.") % {"max": _VARIANT_MAX}
            )
    if not errors and match_key(variant) == match_key(canonical):
        errors["variant"] = [_("The variant is the word itself once normalised.")]
    if not errors:
        key = match_key(variant)
        others = WordVariant.objects.all()
        if exclude is not None:
            others = others.exclude(pk=exclude)
        spellings = others.values_list("variant", flat=True)
        if clash := next((o for o in spellings if match_key(o) == key), None):
            errors["variant"] = [_("The variant %(other)r already exists.") % {"other": clash}]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def variant_save(
    *, actor: User | None, variant: WordVariant | None, spelling: str, canonical: str
) -> WordVariant:
    """Add a variant (``variant`` None) or change one; ``spelling`` stands for ``canonical``."""
    spelling, canonical = spelling.strip(), canonical.strip()
    _check_variant(spelling, canonical, exclude=variant.pk if variant else None)
    before = {"variant": variant.variant, "canonical": variant.canonical} if variant else {}
    row = variant or WordVariant()
    row.variant, row.canonical = spelling, canonical
    row.save()
    audit_record(
        actor=actor,
        action="variant.edit" if variant else "variant.add",
        target_kind="word_variant",
        target_id=row.pk,
        before=before,
        after={"variant": row.variant, "canonical": row.canonical},
    )
    words_changed()
    return row


@transaction.atomic
def variant_delete(*, actor: User | None, variant: WordVariant) -> None:
    before = {"variant": variant.variant, "canonical": variant.canonical}
    pk = variant.pk
    variant.delete()
    audit_record(
        actor=actor,
        action="variant.delete",
        target_kind="word_variant",
        target_id=pk,
        before=before,
    )
    words_changed()
