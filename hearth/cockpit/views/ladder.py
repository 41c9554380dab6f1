"""The ladder and privileges editor: one table, a preview before saving, all or nothing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.cockpit.points_forms import (
    LadderRow,
    ladder_errors_mark,
    ladder_rows_edit,
    ladder_rows_from_levels,
    ladder_rows_from_post,
)
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.gamification.ladder import MAX_LEVELS, MIN_LEVELS
from hearth.gamification.permissions import can_manage_ladder
from hearth.gamification.selectors import (
    LevelPreview,
    ladder_preview_compare,
    level_badge_choices,
    level_list,
)
from hearth.gamification.services import ladder_set


def _preview(rows: list[LadderRow]) -> tuple[list[LevelPreview] | None, list[str]]:
    """Members per proposed level beside today's, or the problems that stop the preview."""
    try:
        return ladder_preview_compare(levels=[row.draft() for row in rows]), []
    except ValidationError as error:
        return None, ladder_errors_mark(rows, error)


def _page(
    request: HttpRequest,
    rows: list[LadderRow],
    *,
    errors: list[str] | None = None,
    preview: list[LevelPreview] | None = None,
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {
        "rows": rows,
        "errors": errors or [],
        "preview": preview,
        "badges": level_badge_choices(),
        "can_add": len(rows) < MAX_LEVELS,
        "min_levels": MIN_LEVELS,
        "max_levels": MAX_LEVELS,
    }
    return render_page(request, "cockpit/ladder.html", context, active="levels", status=status)


@cockpit_view(can_manage_ladder)
def ladder_edit(request: HttpRequest) -> HttpResponse:
    """GET: the saved ladder. POST: add or remove a row, preview, or save (``op``)."""
    if request.method != "POST":
        rows = ladder_rows_from_levels(level_list())
        return _page(request, rows, preview=_preview(rows)[0])
    rows = ladder_rows_from_post(request.POST)
    op = request.POST.get("op", "save")
    remove = request.POST.get("remove")
    if op == "add" or remove is not None:
        return _page(request, ladder_rows_edit(rows, add=op == "add", remove=remove))
    if op == "preview":
        preview, errors = _preview(rows)
        return _page(request, rows, errors=errors, preview=preview, status=400 if errors else 200)
    try:
        saved = ladder_set(actor=acting_user(request), levels=[row.draft() for row in rows])
    except ValidationError as error:
        return _page(request, rows, errors=ladder_errors_mark(rows, error), status=400)
    messages.success(
        request,
        _("Ladder saved: %(n)d levels. Every member now sits at the level their points reach.")
        % {"n": len(saved)},
    )
    return redirect("cockpit:levels")


@require_POST
@cockpit_view(can_manage_ladder)
def ladder_preview(request: HttpRequest) -> HttpResponse:
    """The preview panel for htmx: counts under the typed ladder, or why it cannot be counted."""
    rows = ladder_rows_from_post(request.POST)
    preview, errors = _preview(rows)
    return render(
        request, "cockpit/_ladder_preview.html", {"preview": preview, "preview_errors": errors}
    )
