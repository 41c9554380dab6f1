"""Word lists: the overview with counts, import, a new list by hand, export, delete."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from hearth.cockpit.forms import apply_errors
from hearth.cockpit.permissions import can_moderate_content
from hearth.cockpit.views.base import acting_user, cockpit_view
from hearth.cockpit.views.words.common import add_import_errors, words_page
from hearth.cockpit.words_forms import ImportForm, ListCreateForm
from hearth.moderation.models import WordList
from hearth.moderation.words import selectors
from hearth.moderation.words.export import CONTENT_TYPES, export_words
from hearth.moderation.words.permissions import can_manage_words
from hearth.moderation.words.preview import word_list_preview
from hearth.moderation.words.rows import ImportFailed
from hearth.moderation.words.services import (
    word_list_create,
    word_list_delete,
    word_list_import,
)

PREVIEW_ON_IMPORT = 20_000  # words; a bigger list is previewed in a second request


def _page(
    request: HttpRequest,
    *,
    import_form: ImportForm | None = None,
    create_form: ListCreateForm | None = None,
    status: int = 200,
) -> HttpResponse:
    lists = list(selectors.word_lists_for_cockpit())
    context = {
        "lists": lists,
        "enabled_lists": sum(1 for w in lists if w.enabled),
        "enabled_words": selectors.enabled_words().count(),
        "top_words": selectors.top_words_by_hits(),
        "import_form": import_form or ImportForm(),
        "create_form": create_form or ListCreateForm(),
        "formats": list(CONTENT_TYPES),
    }
    return words_page(request, "lists.html", context, tab="lists", status=status)


@cockpit_view(can_moderate_content)
def word_lists(request: HttpRequest) -> HttpResponse:
    return _page(request)


@require_POST
@cockpit_view(can_manage_words)
def word_list_import_view(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, import_form=form, status=400)
    upload = form.cleaned_data["file"]
    try:
        result = word_list_import(
            actor=acting_user(request),
            data=upload.read(),
            filename=upload.name or "",
            defaults=form.defaults(),
            name=form.cleaned_data["name"],
            fmt=form.cleaned_data["format"],
            skip_duplicates=form.cleaned_data["skip_duplicates"],
        )
    except ImportFailed as error:
        add_import_errors(form, error)
        return _page(request, import_form=form, status=400)
    except ValidationError as error:
        apply_errors(form, error)
        return _page(request, import_form=form, status=400)
    if result.imported <= PREVIEW_ON_IMPORT:
        word_list_preview(word_list=result.word_list)
        next_step = _("Check its hits below before enabling it.")
    else:  # a big list: the preview gets a request of its own
        next_step = _("Run the preview below before enabling it.")
    done = ngettext(
        "“%(name)s” imported with %(n)d word, disabled.",
        "“%(name)s” imported with %(n)d words, disabled.",
        result.imported,
    ) % {"name": result.word_list.name, "n": result.imported}
    if result.skipped:
        done += " " + ngettext(
            "%(n)d repeated term was skipped.",
            "%(n)d repeated terms were skipped.",
            len(result.skipped),
        ) % {"n": len(result.skipped)}
    messages.success(request, f"{done} {next_step}")
    return redirect("cockpit:word_list_preview", pk=result.word_list.pk)


@require_POST
@cockpit_view(can_manage_words)
def word_list_new(request: HttpRequest) -> HttpResponse:
    form = ListCreateForm(request.POST)
    if form.is_valid():
        try:
            word_list = word_list_create(actor=acting_user(request), name=form.cleaned_data["name"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("List “%(name)s” created.") % {"name": word_list.name})
            return redirect("cockpit:word_list", pk=word_list.pk)
    return _page(request, create_form=form, status=400)


@require_POST
@cockpit_view(can_manage_words)
def word_list_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    word_list = get_object_or_404(WordList, pk=pk)
    word_list_delete(actor=acting_user(request), word_list=word_list)
    messages.success(request, _("List “%(name)s” deleted.") % {"name": word_list.name})
    return redirect("cockpit:words")


def _download(content: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@cockpit_view(can_moderate_content)
def word_list_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    word_list = get_object_or_404(WordList, pk=pk)
    if fmt not in CONTENT_TYPES:
        raise Http404
    content = export_words(word_list.words.all(), fmt, name=word_list.name)
    return _download(content, fmt, f"word-list-{word_list.pk}")


@cockpit_view(can_moderate_content)
def words_export_enabled(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every word of every enabled list, in one file."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    content = export_words(selectors.enabled_words(), fmt, name=_("Enabled watched words"))
    return _download(content, fmt, "watched-words")
