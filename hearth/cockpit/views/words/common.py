"""What the watched-word pages share: the page frame and error display."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hearth.cockpit.views.base import render_page
from hearth.moderation.words.permissions import can_manage_words
from hearth.moderation.words.rows import ImportFailed

ERRORS_SHOWN = 30


def words_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    tab: str,
    status: int = 200,
) -> HttpResponse:
    context = {"tab": tab, "can_manage": can_manage_words(request.user), **context}
    active = "moderation_policies" if tab == "policies" else "words"  # the nav keys
    return render_page(request, f"cockpit/words/{template}", context, active=active, status=status)


def add_import_errors(form: forms.Form, error: ImportFailed) -> None:
    """The first rows' errors on the form, and how many more there are."""
    shown = [e.message for e in error.errors[:ERRORS_SHOWN]]
    hidden = len(error.errors) - len(shown)
    if hidden > 0:
        shown.append(
            ngettext("… and %(n)d more error.", "… and %(n)d more errors.", hidden) % {"n": hidden}
        )
    shown.insert(0, _("Nothing was imported. Correct these rows and import the file again:"))
    form.add_error(None, shown)
