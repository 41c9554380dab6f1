"""Writes on watched-word lists: import, create, enable, disable, delete.

An imported list is stored disabled; the pipeline uses it only once staff
have looked at its preview and enabled it. Every change is audited and tells
the pipeline to recompile after commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.community.models import Board
from hearth.moderation.models import WordAction, WordCategory, WordList
from hearth.moderation.services.audit import audit_record
from hearth.moderation.text.lexicon import RowError
from hearth.moderation.words.checks import check_rows
from hearth.moderation.words.hooks import words_changed
from hearth.moderation.words.insert import words_insert
from hearth.moderation.words.readers import format_for, read_rows
from hearth.moderation.words.rows import MAX_FILE_BYTES, Defaults

_NAME_MAX = 120


@dataclass(frozen=True)
class ImportResult:
    word_list: WordList
    imported: int
    skipped: list[RowError]  # repeats left out because the caller asked to skip them


def _check_defaults(defaults: Defaults) -> None:
    errors = {}
    if defaults.category not in WordCategory.values:
        errors["category"] = _("Unknown category %(value)r.") % {"value": defaults.category}
    if defaults.action not in WordAction.values:
        errors["action"] = _("Unknown action %(value)r.") % {"value": defaults.action}
    if not 1 <= defaults.severity <= 4:
        errors["severity"] = _("Severity runs from 1 to 4.")
    if errors:
        raise ValidationError(errors)


def _list_name(name: str, filename: str) -> str:
    """The name asked for (it must be free), else one made from the file name."""
    if name:
        if WordList.objects.filter(name=name).exists():
            raise ValidationError({"name": _("A list named “%(name)s” exists.") % {"name": name}})
        return name
    stem = (PurePath(filename).stem or filename or _("Imported list"))[: _NAME_MAX - 6]
    candidate, n = stem, 1
    while WordList.objects.filter(name=candidate).exists():
        n += 1
        candidate = f"{stem} ({n})"
    return candidate


def board_slugs() -> dict[str, int]:
    return {slug.lower(): pk for pk, slug in Board.objects.values_list("pk", "slug")}


@transaction.atomic
def word_list_import(
    *,
    actor: User | None,
    data: bytes,
    filename: str,
    defaults: Defaults,
    name: str = "",
    fmt: str = "",
    skip_duplicates: bool = False,
) -> ImportResult:
    """Store the file's words as a new, disabled list: all of them, or none.

    Raises ``ImportFailed`` naming every bad row, or ``ValidationError`` for
    a bad name, default or file size.
    """
    _check_defaults(defaults)
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError(
            {"file": _("The file is larger than %(mb)d MB.") % {"mb": MAX_FILE_BYTES // 2**20}}
        )
    fmt = fmt or format_for(filename)
    rows, unreadable = read_rows(data, filename, defaults=defaults, fmt=fmt)
    checked = check_rows(
        rows, boards=board_slugs(), skip_duplicates=skip_duplicates, errors=unreadable
    )
    word_list = WordList.objects.create(
        name=_list_name(name.strip(), filename),
        source=filename[:300],
        format=fmt,
        enabled=False,
        created_by=actor,
    )
    words_insert(word_list.pk, checked.words)
    audit_record(
        actor=actor,
        action="word_list.import",
        target_kind="word_list",
        target_id=word_list.pk,
        after={
            "name": word_list.name,
            "source": word_list.source,
            "format": fmt,
            "words": len(checked.words),
            "skipped": len(checked.skipped),
            "enabled": False,
            "defaults": {
                "category": defaults.category,
                "action": defaults.action,
                "severity": defaults.severity,
            },
        },
    )
    words_changed()
    return ImportResult(word_list, len(checked.words), checked.skipped)


@transaction.atomic
def word_list_create(*, actor: User | None, name: str) -> WordList:
    """An empty list for words entered by hand (disabled until enabled)."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the list a name.")})
    word_list = WordList.objects.create(
        name=_list_name(name, ""), format=WordList.Format.MANUAL, created_by=actor
    )
    audit_record(
        actor=actor,
        action="word_list.create",
        target_kind="word_list",
        target_id=word_list.pk,
        after={"name": word_list.name, "enabled": False},
    )
    words_changed()
    return word_list


@transaction.atomic
def word_list_set_enabled(*, actor: User | None, word_list: WordList, enabled: bool) -> WordList:
    """Turn a list on (only after a preview of its hits) or off."""
    locked = WordList.objects.select_for_update().get(pk=word_list.pk)
    if locked.enabled == enabled:
        return locked
    if enabled and not locked.preview:
        raise ValidationError(
            _("Run the preview first: it shows which existing posts the list would hit.")
        )
    locked.enabled = enabled
    locked.enabled_at = timezone.now() if enabled else None
    locked.save(update_fields=["enabled", "enabled_at"])
    words = locked.words.count()
    audit_record(
        actor=actor,
        action="word_list.enable" if enabled else "word_list.disable",
        target_kind="word_list",
        target_id=locked.pk,
        before={"enabled": not enabled},
        after={"enabled": enabled, "words": words, "preview_posts": locked.preview.get("posts")},
        note=locked.name,
    )
    words_changed()
    return locked


@transaction.atomic
def word_list_delete(*, actor: User | None, word_list: WordList) -> None:
    before = {
        "name": word_list.name,
        "source": word_list.source,
        "enabled": word_list.enabled,
        "words": word_list.words.count(),
    }
    pk = word_list.pk
    word_list.delete()
    audit_record(
        actor=actor,
        action="word_list.delete",
        target_kind="word_list",
        target_id=pk,
        before=before,
        note=word_list.name,
    )
    words_changed()
