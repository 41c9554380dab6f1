"""Cockpit: sanctions (警告 / 禁言 / 封禁) — the list, issuing one by hand, lifting."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.accounts.models import User
from hearth.cockpit.forms import apply_errors
from hearth.cockpit.permissions import can_moderate_content
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.community.models import Board
from hearth.moderation.models import CommunityRule, ModerationSettings, Sanction, SanctionKind
from hearth.moderation.selectors.sanctions import (
    SanctionFilter,
    sanction_counts,
    sanction_is_active,
    sanctions_for_cockpit,
)
from hearth.moderation.services.rules import can_edit_rules
from hearth.moderation.services.sanctions import REASON_MAX, sanction_issue, sanction_lift

PER_PAGE = 50
LADDER = "ladder"


def member_from_username(value: str) -> User | None:
    """The member a username names (with or without @, any case); None when empty."""
    name = value.strip().lstrip("@")
    if not name:
        return None
    member = User.objects.filter(username__iexact=name).first()
    if member is None:
        raise ValidationError(_("No member with the username “%(name)s”.") % {"name": name})
    return member


class SanctionFilterForm(forms.Form):
    show = forms.ChoiceField(
        label=gettext_lazy("Show"),
        choices=[("active", gettext_lazy("In force")), ("all", gettext_lazy("All"))],
        required=False,
    )
    member = forms.CharField(label=gettext_lazy("Member"), max_length=150, required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[("", gettext_lazy("Any kind")), *SanctionKind.choices],
        required=False,
    )

    def clean_member(self) -> User | None:
        return member_from_username(self.cleaned_data["member"])

    def selection(self) -> SanctionFilter:
        if not self.is_valid():
            return SanctionFilter()
        data = self.cleaned_data
        return SanctionFilter(
            active_only=data.get("show") != "all", member=data.get("member"), kind=data["kind"]
        )


class IssueForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Member"), max_length=150)
    kind = forms.ChoiceField(
        label=gettext_lazy("Sanction"),
        choices=[(LADDER, gettext_lazy("Next step of the ladder")), *SanctionKind.choices],
        initial=LADDER,
    )
    rule = forms.ModelChoiceField(
        label=gettext_lazy("Rule broken"),
        queryset=CommunityRule.objects.filter(active=True).order_by("position", "pk"),
        empty_label=gettext_lazy("Choose the rule"),
        error_messages={"required": gettext_lazy("Every sanction cites a rule.")},
    )
    board = forms.ModelChoiceField(
        label=gettext_lazy("Scope"),
        queryset=Board.objects.order_by("position", "pk"),
        required=False,
        empty_label=gettext_lazy("The whole site"),
    )
    duration_hours = forms.IntegerField(
        label=gettext_lazy("Duration (hours)"),
        min_value=1,
        max_value=24 * 3650,
        required=False,
        help_text=gettext_lazy("Empty: the ladder's duration; a ban by hand is then permanent."),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Shown to the member with the rule."),
    )

    def clean_username(self) -> User:
        member = member_from_username(self.cleaned_data["username"])
        if member is None:
            raise ValidationError(_("Enter the member's username."))
        return member


def _rows(sanctions: list[Sanction]) -> list[dict[str, Any]]:
    now = timezone.now()
    return [{"sanction": s, "active": sanction_is_active(s, now)} for s in sanctions]


def _list_page(
    request: HttpRequest, issue_form: IssueForm | None = None, status: int = 200
) -> HttpResponse:
    filters = SanctionFilterForm(request.GET or None)
    page = Paginator(sanctions_for_cockpit(filters.selection()), PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    initial = {"username": request.GET.get("member", "")}
    context = {
        "filter_form": filters,
        "page": page,
        "rows": _rows(list(page.object_list)),
        "counts": sanction_counts(),
        "issue_form": issue_form or IssueForm(initial=initial),
        "query": query.urlencode(),
        "return_to": request.get_full_path(),
        "can_edit_ladder": can_edit_rules(request.user),
        "escalation": ModerationSettings.current(),
    }
    return render_page(
        request, "cockpit/order/sanctions.html", context, active="sanctions", status=status
    )


@cockpit_view(can_moderate_content)
def sanction_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request)


@cockpit_view(can_moderate_content)
def sanction_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("cockpit:sanctions")
    form = IssueForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            sanction = sanction_issue(
                actor=acting_user(request),
                member=data["username"],
                rule=data["rule"],
                kind=None if data["kind"] == LADDER else data["kind"],
                board=data["board"],
                reason=data["reason"],
                duration_hours=data["duration_hours"],
            )
        except (ValidationError, PermissionDenied) as error:
            if isinstance(error, PermissionDenied):
                error = ValidationError(str(error))
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(kind)s issued to %(name)s.")
                % {"kind": sanction.get_kind_display(), "name": sanction.member.username},
            )
            query = urlencode({"show": "all", "member": sanction.member.username})
            return redirect(f"{reverse('cockpit:sanctions')}?{query}")
    return _list_page(request, issue_form=form, status=400)


@cockpit_view(can_moderate_content)
def sanction_lift_view(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return redirect("cockpit:sanctions")
    sanction = get_object_or_404(Sanction, pk=pk)
    reason = request.POST.get("reason", "")[:REASON_MAX]
    try:
        sanction_lift(actor=acting_user(request), sanction=sanction, reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The sanction is lifted; the member is told."))
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("cockpit:sanctions")
