"""The point rules editor: every action's rule, one form per rule with its board overrides."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.cockpit.forms import apply_errors
from hearth.cockpit.points_forms import (
    MemberSearchForm,
    OverrideRow,
    PointRuleForm,
    board_points_parse,
    override_rows_edit,
    override_rows_from_post,
)
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.community.models import Board
from hearth.gamification.actions import Cycle, PointAction
from hearth.gamification.defaults import point_rules_reset
from hearth.gamification.models import PointRule
from hearth.gamification.permissions import can_manage_point_rules
from hearth.gamification.selectors import point_rule_list
from hearth.gamification.services import point_rule_update


@dataclass(frozen=True)
class RuleRow:
    action: str
    label: str
    rule: PointRule | None  # None: no rule yet, the action earns nothing


def _list_page(request: HttpRequest, *, status: int = 200) -> HttpResponse:
    rules = {rule.action: rule for rule in point_rule_list()}
    rows = [RuleRow(value, str(label), rules.get(value)) for value, label in PointAction.choices]
    context = {"rows": rows, "search_form": MemberSearchForm()}
    return render_page(request, "cockpit/point_rules.html", context, active="points", status=status)


@cockpit_view(can_manage_point_rules)
def point_rules(request: HttpRequest) -> HttpResponse:
    return _list_page(request)


@require_POST
@cockpit_view(can_manage_point_rules)
def point_rules_restore(request: HttpRequest) -> HttpResponse:
    """Every rule back to the default, board overrides removed; only with the box ticked."""
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm: every rule goes back to its default."))
        return _list_page(request, status=400)
    point_rules_reset(actor=acting_user(request))
    messages.success(
        request, _("Every point rule is back to its default; board overrides removed.")
    )
    return redirect("cockpit:point_rules")


def _form_page(
    request: HttpRequest,
    action: str,
    form: PointRuleForm,
    overrides: list[OverrideRow],
    *,
    status: int = 200,
) -> HttpResponse:
    boards = list(Board.objects.order_by("position", "id").only("id", "name"))
    context: dict[str, Any] = {
        "action": action,
        "label": PointAction(action).label,
        "form": form,
        "overrides": overrides,
        "boards": boards,
        "board_ids": [str(board.pk) for board in boards],
    }
    return render_page(
        request, "cockpit/point_rule_form.html", context, active="points", status=status
    )


def _saved_form(action: str) -> tuple[PointRuleForm, list[OverrideRow]]:
    rule = PointRule.objects.filter(action=action).prefetch_related("board_overrides").first()
    if rule is None:
        return PointRuleForm(initial={"points": 0, "cycle": Cycle.DAILY, "active": True}), []
    initial = {
        "points": rule.points,
        "cycle": rule.cycle,
        "cap": rule.cap,
        "floor": rule.floor,
        "no_repeat_target": rule.no_repeat_target,
        "active": rule.active,
    }
    overrides = [
        OverrideRow(board=str(o.board_id), points=str(o.points))
        for o in sorted(rule.board_overrides.all(), key=lambda o: o.board_id)
    ]
    return PointRuleForm(initial=initial), overrides


def _save(request: HttpRequest, action: str) -> HttpResponse:
    form = PointRuleForm(request.POST)
    overrides = override_rows_from_post(request.POST)
    remove = request.POST.get("remove")
    if request.POST.get("op") == "add" or remove is not None:
        rows = override_rows_edit(overrides, add=request.POST.get("op") == "add", remove=remove)
        return _form_page(request, action, form, rows)
    board_points = board_points_parse(overrides)
    if form.is_valid() and board_points is not None:
        try:
            point_rule_update(
                actor=acting_user(request),
                action=action,
                board_points=board_points,
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            label = PointAction(action).label
            messages.success(request, _("Rule “%(action)s” saved.") % {"action": label})
            return redirect("cockpit:point_rules")
    return _form_page(request, action, form, overrides, status=400)


@cockpit_view(can_manage_point_rules)
def point_rule_edit(request: HttpRequest, action: str) -> HttpResponse:
    known = action in PointAction.values
    if request.method != "POST":
        if not known:
            raise Http404
        form, overrides = _saved_form(action)
        return _form_page(request, action, form, overrides)
    if not known:
        messages.error(request, _("Unknown action: %(action)s.") % {"action": action[:40]})
        return _list_page(request, status=400)
    return _save(request, action)
