"""Spend pages (/ops/growth/spend/): the list with filters and totals, record, edit, delete, import."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.cockpit.forms import apply_errors
from hearth.cockpit.permissions import can_manage_growth, can_view_growth
from hearth.cockpit.spend_forms import SpendFilterForm, SpendForm, SpendImportForm
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.growth.models import Spend
from hearth.growth.spend import spend_delete, spend_list, spend_record, spend_total, spend_update
from hearth.growth.spend_import import SpendImportError, spend_import

NAV = "spend"
PAGE_ROWS = 200


@cockpit_view(can_view_growth)
def spend_index(request: HttpRequest) -> HttpResponse:
    form = SpendFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = spend_list(
        channel=filters.get("channel") or "",
        campaign=filters.get("campaign"),
        month=filters.get("month"),
    )
    context = {
        "form": form,
        "rows": rows[:PAGE_ROWS],
        "count": rows.count(),
        "total": spend_total(rows),
        "page_rows": PAGE_ROWS,
        "can_manage": can_manage_growth(request.user),
    }
    return render_page(request, "cockpit/growth/spend/list.html", context, active=NAV)


def _form_page(
    request: HttpRequest, form: SpendForm, spend: Spend | None, status: int
) -> HttpResponse:
    return render_page(
        request,
        "cockpit/growth/spend/form.html",
        {"form": form, "spend": spend},
        active=NAV,
        status=status,
    )


@cockpit_view(can_manage_growth)
def spend_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, SpendForm(initial=request.GET.dict()), None, 200)
    form = SpendForm(request.POST)
    if form.is_valid():
        try:
            spend_record(actor=acting_user(request), data=form.spend_input())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Spend recorded."))
            return redirect("cockpit:growth_spend")
    return _form_page(request, form, None, 400)


def _initial(spend: Spend) -> dict[str, object]:
    return {
        "channel": spend.channel.key,
        "campaign": spend.campaign.name if spend.campaign else "",
        "kind": spend.kind,
        "period_start": spend.period_start,
        "period_end": spend.period_end,
        "amount": f"{spend.amount:.2f}",
        "note": spend.note,
    }


@cockpit_view(can_manage_growth)
def spend_edit(request: HttpRequest, pk: int) -> HttpResponse:
    spend = get_object_or_404(Spend.objects.select_related("channel", "campaign"), pk=pk)
    if request.method != "POST":
        return _form_page(request, SpendForm(initial=_initial(spend)), spend, 200)
    form = SpendForm(request.POST)
    if form.is_valid():
        try:
            spend_update(actor=acting_user(request), spend=spend, data=form.spend_input())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Spend saved."))
            return redirect("cockpit:growth_spend")
    return _form_page(request, form, spend, 400)


@require_POST
@cockpit_view(can_manage_growth)
def spend_remove(request: HttpRequest, pk: int) -> HttpResponse:
    spend = get_object_or_404(Spend, pk=pk)
    spend_delete(actor=acting_user(request), spend=spend)
    messages.success(request, _("Spend deleted."))
    return redirect("cockpit:growth_spend")


@cockpit_view(can_manage_growth)
def spend_upload(request: HttpRequest) -> HttpResponse:
    form = SpendImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            saved = spend_import(
                actor=acting_user(request), content=upload.read(), filename=upload.name or ""
            )
        except SpendImportError as error:
            problems = list(error.messages)
        else:
            messages.success(request, _("%(n)d spend rows imported.") % {"n": saved})
            return redirect("cockpit:growth_spend")
    status = 400 if request.method == "POST" else 200
    return render_page(
        request,
        "cockpit/growth/spend/import.html",
        {"form": form, "problems": problems},
        active=NAV,
        status=status,
    )
