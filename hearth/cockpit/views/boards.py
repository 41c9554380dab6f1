from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hearth.cockpit import selectors
from hearth.cockpit.forms import BoardForm, apply_errors
from hearth.cockpit.permissions import can_manage_boards
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.community.models import Board
from hearth.community.services.boards import (
    board_create,
    board_move,
    board_set_moderators,
    board_slug_suggest,
    board_update,
)


@cockpit_view(can_manage_boards)
def board_list(request: HttpRequest) -> HttpResponse:
    return render_page(
        request, "cockpit/boards.html", {"boards": selectors.boards_for_cockpit()}, active="boards"
    )


@require_POST
@cockpit_view(can_manage_boards)
def board_reorder(request: HttpRequest, pk: int) -> HttpResponse:
    board = get_object_or_404(Board, pk=pk)
    offset = -1 if request.POST.get("direction") == "up" else 1
    board_move(actor=acting_user(request), board=board, offset=offset)
    return redirect("cockpit:boards")


def _board_form_page(
    request: HttpRequest, form: BoardForm, board: Board | None, status: int
) -> HttpResponse:
    name = str(form["name"].value() or "").strip()
    suggestion = (
        board_slug_suggest(name=name, exclude_pk=board.pk if board else None) if name else ""
    )
    return render_page(
        request,
        "cockpit/board_form.html",
        {"form": form, "board": board, "slug_suggestion": suggestion},
        active="boards",
        status=status,
    )


@cockpit_view(can_manage_boards)
def board_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _board_form_page(request, BoardForm(), None, 200)
    form = BoardForm(request.POST)
    if form.is_valid():
        try:
            board = board_create(
                actor=acting_user(request),
                moderators=form.cleaned_data["moderators"],
                **form.board_fields(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Board “%(name)s” opened.") % {"name": board.name})
            return redirect("cockpit:boards")
    return _board_form_page(request, form, None, 400)


@cockpit_view(can_manage_boards)
def board_edit(request: HttpRequest, pk: int) -> HttpResponse:
    board = get_object_or_404(Board, pk=pk)
    if request.method != "POST":
        initial = {
            "name": board.name,
            "slug": board.slug,
            "description": board.description,
            "colour": board.colour,
            "icon": board.icon,
            "position": board.position,
            "visibility": board.visibility,
            "posting": board.posting,
            "moderators": ", ".join(
                board.moderators.order_by("username").values_list("username", flat=True)
            ),
        }
        return _board_form_page(request, BoardForm(initial=initial), board, 200)
    form = BoardForm(request.POST)
    if form.is_valid():
        actor = acting_user(request)
        try:
            with transaction.atomic():
                board_update(actor=actor, board=board, **form.board_fields())
                board_set_moderators(
                    actor=actor, board=board, moderators=form.cleaned_data["moderators"]
                )
        except ValidationError as error:
            board.refresh_from_db()
            apply_errors(form, error)
        else:
            messages.success(request, _("Board “%(name)s” saved.") % {"name": board.name})
            return redirect("cockpit:boards")
    return _board_form_page(request, form, board, 400)


@require_GET
@cockpit_view(can_manage_boards)
def board_slug_suggestion(request: HttpRequest) -> HttpResponse:
    """The slug an empty slug field would get, for the hint under the field (htmx)."""
    name = request.GET.get("name", "")[:40]
    exclude = request.GET.get("board")
    slug = (
        board_slug_suggest(
            name=name, exclude_pk=int(exclude) if exclude and exclude.isdigit() else None
        )
        if name.strip()
        else ""
    )
    return HttpResponse(slug, content_type="text/plain; charset=utf-8")
