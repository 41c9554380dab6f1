"""Reads of the anomaly alerts: open ones first."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from hearth.analytics.models import AlertStatus, AnomalyAlert


def anomaly_list(*, status: str | None = None) -> QuerySet[AnomalyAlert]:
    """Alerts, open first, then the most recent day first (``status`` filters)."""
    alerts = AnomalyAlert.objects.select_related("decided_by")
    if status:
        alerts = alerts.filter(status=status)
    first = Case(
        When(status=AlertStatus.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return alerts.annotate(open_first=first).order_by("open_first", "-day", "metric")


def anomaly_open_count() -> int:
    return AnomalyAlert.objects.filter(status=AlertStatus.OPEN).count()
