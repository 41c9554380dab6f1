"""Variants: spellings that stand for a word (vx → 微信), applied before matching."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.cockpit.forms import apply_errors
from hearth.cockpit.permissions import can_moderate_content
from hearth.cockpit.views.base import acting_user, cockpit_view
from hearth.cockpit.views.words.common import words_page
from hearth.cockpit.words_forms import VariantForm
from hearth.moderation.models import WordVariant
from hearth.moderation.words import selectors
from hearth.moderation.words.permissions import can_manage_words
from hearth.moderation.words.word_services import variant_delete, variant_save


def _page(
    request: HttpRequest,
    *,
    form: VariantForm | None = None,
    editing: tuple[int, VariantForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    rows = []
    for variant in selectors.variants_for_cockpit():
        if editing and editing[0] == variant.pk:
            row_form = editing[1]
        else:
            row_form = VariantForm(
                initial={"variant": variant.variant, "canonical": variant.canonical},
                auto_id=f"v{variant.pk}-%s",
            )
        rows.append((variant, row_form))
    context = {
        "rows": rows,
        "form": form or VariantForm(),
        "editing": editing[0] if editing else None,
    }
    return words_page(request, "variants.html", context, tab="variants", status=status)


@cockpit_view(can_moderate_content)
def word_variants(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request)
    if not can_manage_words(request.user):
        raise PermissionDenied
    form = VariantForm(request.POST)
    if form.is_valid():
        try:
            saved = variant_save(
                actor=acting_user(request),
                variant=None,
                spelling=form.cleaned_data["variant"],
                canonical=form.cleaned_data["canonical"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Variant “%(row)s” added.") % {"row": saved})
            return redirect("cockpit:word_variants")
    return _page(request, form=form, status=400)


@require_POST
@cockpit_view(can_manage_words)
def word_variant_edit(request: HttpRequest, pk: int) -> HttpResponse:
    variant = get_object_or_404(WordVariant, pk=pk)
    form = VariantForm(request.POST, auto_id=f"v{pk}-%s")
    if form.is_valid():
        try:
            saved = variant_save(
                actor=acting_user(request),
                variant=variant,
                spelling=form.cleaned_data["variant"],
                canonical=form.cleaned_data["canonical"],
            )
        except ValidationError as error:
            variant.refresh_from_db()
            apply_errors(form, error)
        else:
            messages.success(request, _("Variant “%(row)s” saved.") % {"row": saved})
            return redirect("cockpit:word_variants")
    return _page(request, editing=(pk, form), status=400)


@require_POST
@cockpit_view(can_manage_words)
def word_variant_delete(request: HttpRequest, pk: int) -> HttpResponse:
    variant = get_object_or_404(WordVariant, pk=pk)
    label = str(variant)
    variant_delete(actor=acting_user(request), variant=variant)
    messages.success(request, _("Variant “%(row)s” deleted.") % {"row": label})
    return redirect("cockpit:word_variants")
