"""Models of the reporting app."""

from hearth.reporting.models.reports import (
    OperationsReport,
    ReportDelivery,
    ReportKind,
    ReportSettings,
)

__all__ = ["OperationsReport", "ReportDelivery", "ReportKind", "ReportSettings"]
