"""Reads of the operations reports: the archive, the latest, one by its period."""

from __future__ import annotations

from django.db.models import QuerySet

from hearth.reporting.models import OperationsReport
from hearth.reporting.periods import period_parse


def report_list(kind: str | None = None) -> QuerySet[OperationsReport]:
    """Every report (of ``kind``), the newest period first."""
    found = OperationsReport.objects.all()
    if kind:
        found = found.filter(kind=kind)
    return found.order_by("-period_start", "kind")


def report_latest(kind: str) -> OperationsReport | None:
    return report_list(kind).first()


def report_for(kind: str, label: str) -> OperationsReport | None:
    """The stored report of ``kind`` for the period ``label`` (2026-W47, 2026-11); PeriodError
    when the label names no period."""
    period = period_parse(kind, label)
    return OperationsReport.objects.filter(kind=kind, period_start=period.start).first()
