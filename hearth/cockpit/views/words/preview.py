"""A list's preview (its hits on published posts) with the enable and disable buttons."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.cockpit.permissions import can_moderate_content
from hearth.cockpit.views.base import acting_user, cockpit_view
from hearth.cockpit.views.words.common import words_page
from hearth.moderation.models import WordAction, WordCategory, WordList
from hearth.moderation.text.lexicon import LexiconError
from hearth.moderation.words import selectors
from hearth.moderation.words.permissions import can_manage_words
from hearth.moderation.words.preview import word_list_preview
from hearth.moderation.words.services import word_list_set_enabled


def _counts(
    preview: dict[str, object], key: str, labels: Mapping[str, Any]
) -> list[tuple[str, str, int]]:
    """``(code, label, posts)`` for the stored counts under ``key``."""
    raw = preview.get(key)
    if not isinstance(raw, dict):
        return []
    return [(code, str(labels.get(code, code)), int(n)) for code, n in raw.items()]


def _context(word_list: WordList) -> dict[str, Any]:
    preview = word_list.preview or {}
    scanned = preview.get("scanned")
    return {
        "word_list": word_list,
        "preview": preview,
        "previewed_at": parse_datetime(str(preview.get("at", ""))),
        "scanned_total": sum(scanned.values()) if isinstance(scanned, dict) else 0,
        "by_category": _counts(preview, "by_category", dict(WordCategory.choices)),
        "by_action": _counts(preview, "by_action", dict(WordAction.choices)),
        "category_labels": dict(WordCategory.choices),
        "action_labels": dict(WordAction.choices),
        "counts": selectors.word_list_counts(word_list),
        "word_count": word_list.words.count(),
    }


@cockpit_view(can_moderate_content)
def word_list_preview_page(request: HttpRequest, pk: int) -> HttpResponse:
    word_list = get_object_or_404(WordList, pk=pk)
    return words_page(request, "preview.html", _context(word_list), tab="lists")


@require_POST
@cockpit_view(can_moderate_content)
def word_list_preview_run(request: HttpRequest, pk: int) -> HttpResponse:
    word_list = get_object_or_404(WordList, pk=pk)
    try:
        word_list_preview(word_list=word_list)
    except LexiconError as error:
        messages.error(request, _("The list cannot be compiled: %(errors)s") % {"errors": error})
    else:
        messages.success(
            request,
            _("Preview done in %(seconds).1f s.") % {"seconds": word_list.preview["seconds"]},
        )
    return redirect("cockpit:word_list_preview", pk=word_list.pk)


def _set_enabled(request: HttpRequest, pk: int, *, enabled: bool) -> HttpResponse:
    word_list = get_object_or_404(WordList, pk=pk)
    try:
        word_list_set_enabled(actor=acting_user(request), word_list=word_list, enabled=enabled)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        done = (
            _("“%(name)s” is on: new posts are checked against it.")
            if enabled
            else _("“%(name)s” is off.")
        )
        messages.success(request, done % {"name": word_list.name})
    return redirect("cockpit:word_list_preview", pk=word_list.pk)


@require_POST
@cockpit_view(can_manage_words)
def word_list_enable(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_enabled(request, pk, enabled=True)


@require_POST
@cockpit_view(can_manage_words)
def word_list_disable(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_enabled(request, pk, enabled=False)
