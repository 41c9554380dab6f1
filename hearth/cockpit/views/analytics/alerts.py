"""Anomaly alerts (/ops/analytics/alerts/): open ones first, each explained, with a small chart;
acknowledge or dismiss them, or check the last days now."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.analytics.anomalies import anomalies_detect, anomaly_acknowledge, anomaly_dismiss
from hearth.analytics.anomalies.selectors import anomaly_list
from hearth.analytics.models import AlertStatus, AnomalyAlert
from hearth.analytics.queries.params import QueryError
from hearth.analytics.store.sync import today
from hearth.cockpit.metrics_forms import AlertFilterForm
from hearth.cockpit.permissions import can_view_analytics
from hearth.cockpit.reports.alerts import AlertRow, alert_rows
from hearth.cockpit.reports.store import report_run
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page

SHOWN = 50
CHECK_DAYS = 7


def _rows(alerts: list[AnomalyAlert], request: HttpRequest) -> list[AlertRow]:
    try:
        return report_run(lambda engine: alert_rows(alerts, engine=engine, today=today()))
    except QueryError as exc:
        messages.warning(request, str(exc))
        return alert_rows(alerts)


@cockpit_view(can_view_analytics)
def alerts(request: HttpRequest) -> HttpResponse:
    form = AlertFilterForm(request.GET)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    found = anomaly_list(status=status or None)
    counts = dict(
        AnomalyAlert.objects.values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    context = {
        "form": form,
        "status": status,
        "rows": _rows(list(found[:SHOWN]), request),
        "total": found.count(),
        "tabs": [(value, label, counts.get(value, 0)) for value, label in AlertStatus.choices],
        "check_days": CHECK_DAYS,
    }
    code = 200 if form.is_valid() else 400
    return render_page(
        request, "cockpit/analytics/alerts.html", context, active="alerts", status=code
    )


def _back(request: HttpRequest) -> HttpResponse:
    status = str(request.POST.get("status", ""))
    url = reverse("cockpit:analytics_alerts")
    return redirect(
        f"{url}?{urlencode({'status': status})}" if status in AlertStatus.values else url
    )


@require_POST
@cockpit_view(can_view_analytics)
def alert_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    alert = get_object_or_404(AnomalyAlert, pk=pk)
    decide = {"acknowledge": anomaly_acknowledge, "dismiss": anomaly_dismiss}.get(decision)
    if decide is None:
        raise Http404
    try:
        decide(alert=alert, by=acting_user(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        done = _("Acknowledged") if decision == "acknowledge" else _("Dismissed")
        messages.success(
            request,
            _("%(done)s: %(metric)s on %(day)s.")
            % {"done": done, "metric": alert.metric, "day": alert.day.isoformat()},
        )
    return _back(request)


@require_POST
@cockpit_view(can_view_analytics)
def alerts_check(request: HttpRequest) -> HttpResponse:
    """Check the last complete days now (the daily job does the same)."""
    end = today() - dt.timedelta(days=1)
    try:
        report = anomalies_detect(start=end - dt.timedelta(days=CHECK_DAYS - 1), end=end)
    except QueryError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Checked %(n)d metric-days: %(found)d open alerts.")
            % {"n": report.checked, "found": len(report.alerts)},
        )
    return _back(request)
