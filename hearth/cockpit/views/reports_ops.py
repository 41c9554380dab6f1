"""The operations reports (/ops/goals/reports/): the archive with "Generate", one report's
page with its commentary, and its PDF. Everything shown comes from the stored snapshot."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.cockpit.forms import apply_errors
from hearth.cockpit.permissions import can_edit_reports, can_view_goals
from hearth.cockpit.report_forms import CommentaryForm, ReportGenerateForm
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.reporting.commentary import report_commentary_set
from hearth.reporting.display import report_context
from hearth.reporting.models import OperationsReport
from hearth.reporting.pdf import report_pdf
from hearth.reporting.periods import PeriodError
from hearth.reporting.selectors import report_list
from hearth.reporting.services import report_generate

NAV = "ops_reports"
ARCHIVE_ROWS = 200


def _url(name: str, *args: Any) -> str | None:
    """A URL of a page another part of the cockpit may not have routed yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _archive(request: HttpRequest, form: ReportGenerateForm, status: int = 200) -> HttpResponse:
    reports = report_list().defer("sections").select_related("commentary_by")
    context = {
        "reports": reports[:ARCHIVE_ROWS],
        "form": form,
        "can_edit": can_edit_reports(request.user),
        "settings_url": _url("cockpit:ops_report_settings"),
    }
    return render_page(
        request, "cockpit/ops_reports/archive.html", context, active=NAV, status=status
    )


@cockpit_view(can_view_goals)
def report_archive(request: HttpRequest) -> HttpResponse:
    """The weekly and monthly reports, newest first, and the form to generate one."""
    if request.method != "POST":
        return _archive(request, ReportGenerateForm.with_defaults())
    if not can_edit_reports(request.user):
        return _archive(request, ReportGenerateForm.with_defaults(), status=403)
    form = ReportGenerateForm(request.POST)
    if form.is_valid():
        period = form.found_period()
        try:
            report = report_generate(kind=period.kind, start=period.start, by=acting_user(request))
        except PeriodError as error:
            form.add_error("period", str(error))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%(report)s generated.") % {"report": report})
            return redirect("cockpit:ops_report", pk=report.pk)
    return _archive(request, form, status=400)


def _report_page(
    request: HttpRequest, report: OperationsReport, form: CommentaryForm, status: int = 200
) -> HttpResponse:
    shown = report_context(report)
    context = {
        **shown,
        "chart_data": [
            {"id": f"report-chart-{chart.key}", "key": chart.key, "data": asdict(chart)}
            for chart in shown["charts"]
        ],
        "commentary_form": form,
        "can_edit": can_edit_reports(request.user),
        "send_url": _url("cockpit:ops_report_send", report.pk),
        "settings_url": _url("cockpit:ops_report_settings"),
    }
    return render_page(
        request, "cockpit/ops_reports/report.html", context, active=NAV, status=status
    )


@cockpit_view(can_view_goals)
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(OperationsReport.objects.select_related("commentary_by"), pk=pk)
    form = CommentaryForm(initial={"commentary": report.commentary})
    return _report_page(request, report, form)


@require_POST
@cockpit_view(can_edit_reports)
def report_commentary(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(OperationsReport.objects.select_related("commentary_by"), pk=pk)
    form = CommentaryForm(request.POST)
    if form.is_valid():
        try:
            report_commentary_set(
                report=report, text=form.cleaned_data["commentary"], by=acting_user(request)
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Commentary saved."))
            return redirect("cockpit:ops_report", pk=report.pk)
    return _report_page(request, report, form, status=400)


@cockpit_view(can_view_goals)
def report_pdf_download(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(OperationsReport.objects.select_related("commentary_by"), pk=pk)
    response = HttpResponse(report_pdf(report), content_type="application/pdf")
    filename = f"hearth-{report.kind}-{report.label}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
