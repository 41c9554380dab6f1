"""A list's words: search and filter, add, edit, delete (checked by the lexicon's own rules)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.cockpit.forms import apply_errors
from hearth.cockpit.permissions import can_moderate_content
from hearth.cockpit.views.base import acting_user, cockpit_view
from hearth.cockpit.views.words.common import words_page
from hearth.cockpit.words_forms import WordFilterForm, WordForm
from hearth.moderation.models import WatchedWord, WordList
from hearth.moderation.words import selectors
from hearth.moderation.words.permissions import can_manage_words
from hearth.moderation.words.word_services import word_add, word_delete, word_edit

PER_PAGE = 100


def _selection(form: WordFilterForm) -> selectors.WordFilter:
    if not form.is_valid():
        return selectors.WordFilter()
    data = form.cleaned_data
    board = data["board"]
    return selectors.WordFilter(
        q=data["q"].strip(),
        category=data["category"],
        action=data["action"],
        board_id=int(board) if board.isdigit() else None,
        site_wide=board == "site",
    )


def _page(
    request: HttpRequest, word_list: WordList, *, form: WordForm | None = None, status: int = 200
) -> HttpResponse:
    filter_form = WordFilterForm(request.GET)
    words = selectors.words_in_list(word_list, _selection(filter_form))
    page = Paginator(words, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context: dict[str, Any] = {
        "word_list": word_list,
        "filter_form": filter_form,
        "page": page,
        "query": query.urlencode(),
        "form": form or WordForm(initial={"category": "custom", "action": "hold"}),
        "total": word_list.words.count(),
    }
    return words_page(request, "words.html", context, tab="lists", status=status)


@cockpit_view(can_moderate_content)
def word_list_words(request: HttpRequest, pk: int) -> HttpResponse:
    word_list = get_object_or_404(WordList, pk=pk)
    if request.method != "POST":
        return _page(request, word_list)
    if not can_manage_words(request.user):
        raise PermissionDenied
    form = WordForm(request.POST)
    if form.is_valid():
        try:
            word = word_add(
                actor=acting_user(request), word_list=word_list, fields=form.word_fields()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("“%(term)s” added. The list's preview is cleared; run it again.")
                % {"term": word.term},
            )
            return redirect("cockpit:word_list", pk=word_list.pk)
    return _page(request, word_list, form=form, status=400)


@cockpit_view(can_manage_words)
def word_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    word = get_object_or_404(WatchedWord.objects.select_related("word_list"), pk=pk)
    form = WordForm(request.POST) if request.method == "POST" else WordForm.for_word(word)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                word_edit(actor=acting_user(request), word=word, fields=form.word_fields())
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request, _("“%(term)s” saved.") % {"term": form.cleaned_data["term"]}
                )
                return redirect("cockpit:word_list", pk=word.word_list_id)
    context = {"word": word, "word_list": word.word_list, "form": form}
    return words_page(request, "word_form.html", context, tab="lists", status=status)


@require_POST
@cockpit_view(can_manage_words)
def word_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    word = get_object_or_404(WatchedWord, pk=pk)
    list_id, term = word.word_list_id, word.term
    word_delete(actor=acting_user(request), word=word)
    messages.success(request, _("“%(term)s” deleted.") % {"term": term})
    return redirect("cockpit:word_list", pk=list_id)
