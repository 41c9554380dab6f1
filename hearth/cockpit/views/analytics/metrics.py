"""Metrics (/ops/analytics/metrics/): any metric per period against the period before, and the
custom metrics — defined, changed and deleted here."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.analytics.metrics import (
    custom_metric_create,
    custom_metric_delete,
    custom_metric_update,
)
from hearth.analytics.metrics.catalogue import custom_events_seen
from hearth.analytics.models import CustomMetric
from hearth.analytics.queries.params import QueryError, Window
from hearth.analytics.store.engine import Engine
from hearth.cockpit.metrics_forms import CustomMetricForm, MetricsForm, action_suggestions
from hearth.cockpit.permissions import can_view_analytics
from hearth.cockpit.reports.metrics import MetricReport, metric_report
from hearth.cockpit.reports.store import report_run
from hearth.cockpit.views.analytics.common import AnalyticsPage, analytics_view
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page

FIELDS = ("name", "description", "numerator", "denominator", "unit")


def _build(engine: Engine, window: Window, cleaned: dict[str, Any]) -> MetricReport:
    return metric_report(engine, window=window, key=cleaned["metric"], period=cleaned["period"])


PAGE = AnalyticsPage(
    key="metrics",
    form_class=MetricsForm,
    build=_build,
    tables=lambda report: {"metric": report.table()},
)


metrics = analytics_view(PAGE)


def _suggestions() -> list[tuple[str, str]]:
    try:
        seen = report_run(lambda engine: custom_events_seen(engine=engine))
    except QueryError:
        seen = []
    return action_suggestions(seen)


def _form_page(
    request: HttpRequest, form: CustomMetricForm, metric: CustomMetric | None, status: int = 200
) -> HttpResponse:
    context = {"form": form, "metric": metric, "suggestions": _suggestions()}
    return render_page(
        request, "cockpit/analytics/metric_form.html", context, active="metrics", status=status
    )


def _chart_url(key: str) -> str:
    return f"{reverse('cockpit:analytics_metrics')}?metric={key}"


@cockpit_view(can_view_analytics)
def metric_new(request: HttpRequest) -> HttpResponse:
    form = CustomMetricForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return _form_page(request, form, None, 400 if request.method == "POST" else 200)
    try:
        metric = custom_metric_create(
            key=form.cleaned_data["key"],
            created_by=acting_user(request),
            **{name: form.cleaned_data[name] for name in FIELDS},
        )
    except ValidationError as exc:
        _add_errors(form, exc)
        return _form_page(request, form, None, 400)
    messages.success(request, _("Defined the metric “%(name)s”.") % {"name": metric.name})
    return redirect(_chart_url(metric.key))


@cockpit_view(can_view_analytics)
def metric_edit(request: HttpRequest, pk: int) -> HttpResponse:
    metric = get_object_or_404(CustomMetric, pk=pk)
    initial = {"key": metric.key, **{name: getattr(metric, name) for name in FIELDS}}
    form = CustomMetricForm(request.POST or None, initial=initial, editing=True)
    if request.method != "POST" or not form.is_valid():
        return _form_page(request, form, metric, 400 if request.method == "POST" else 200)
    try:
        custom_metric_update(metric=metric, **{name: form.cleaned_data[name] for name in FIELDS})
    except ValidationError as exc:
        _add_errors(form, exc)
        return _form_page(request, form, metric, 400)
    messages.success(request, _("Saved the metric “%(name)s”.") % {"name": metric.name})
    return redirect(_chart_url(metric.key))


@require_POST
@cockpit_view(can_view_analytics)
def metric_delete(request: HttpRequest, pk: int) -> HttpResponse:
    metric = get_object_or_404(CustomMetric, pk=pk)
    custom_metric_delete(metric=metric)
    messages.success(request, _("Deleted the metric “%(name)s”.") % {"name": metric.name})
    return redirect("cockpit:analytics_metrics")


def _add_errors(form: CustomMetricForm, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)
