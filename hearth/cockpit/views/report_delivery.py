"""Sending operations reports: "Send now" on a report, and the schedule settings page with
the recent deliveries (/ops/goals/reports/settings/)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.cockpit.forms import apply_errors
from hearth.cockpit.permissions import can_edit_reports
from hearth.cockpit.report_settings_forms import ReportSettingsForm
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.reporting.delivery import deliveries_recent
from hearth.reporting.models import OperationsReport, ReportSettings
from hearth.reporting.schedule import schedule_update
from hearth.reporting.tasks import report_send_task

NAV = "ops_reports"


def _report_page(report: OperationsReport) -> str:
    try:
        return reverse("cockpit:ops_report", args=[report.pk])
    except NoReverseMatch:  # the report pages are not routed
        return reverse("cockpit:ops_report_settings")


@require_POST
@cockpit_view(can_edit_reports)
def report_send_now(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the sending; the worker sends it (inline when tasks run immediately)."""
    report = get_object_or_404(OperationsReport, pk=pk)
    report_send_task(report.pk, acting_user(request).pk, request.build_absolute_uri("/"))
    messages.success(
        request,
        _("Sending %(report)s… The deliveries list on the report settings page shows the result.")
        % {"report": report},
    )
    return redirect(_report_page(report))


def _page(request: HttpRequest, form: ReportSettingsForm, status: int = 200) -> HttpResponse:
    context = {"form": form, "deliveries": deliveries_recent()}
    return render_page(
        request, "cockpit/report_delivery/settings.html", context, active=NAV, status=status
    )


@cockpit_view(can_edit_reports)
def report_settings_edit(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request, ReportSettingsForm.for_settings(ReportSettings.load()))
    form = ReportSettingsForm(request.POST)
    if form.is_valid():
        try:
            schedule_update(**form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Report schedule saved."))
            return redirect("cockpit:ops_report_settings")
    return _page(request, form, status=400)
