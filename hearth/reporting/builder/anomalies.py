"""The period's anomaly alerts, each with its drill-down told in sentences."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from hearth.analytics.models import AnomalyAlert
from hearth.cockpit.reports.alerts import Reason, alert_rows
from hearth.reporting.builder.context import Context
from hearth.reporting.sections import AnomalyRow


def _number(value: float) -> str:
    shown: float | int = round(float(value), 1)
    if shown == int(shown):
        shown = int(shown)
    return number_format(shown, use_l10n=True, force_grouping=True)


def sentence(reason: Reason) -> str:
    """ "Board Photography: 120 against 40 expected (+80, 75% of the change)"."""
    gap = ("+" if reason.gap > 0 else "") + _number(reason.gap)
    if reason.share is None:
        return _(
            "%(dimension)s %(value)s: %(current)s against %(expected)s expected (%(gap)s)."
        ) % {
            "dimension": reason.dimension,
            "value": reason.value,
            "current": _number(reason.current),
            "expected": _number(reason.expected),
            "gap": gap,
        }
    return _(
        "%(dimension)s %(value)s: %(current)s against %(expected)s expected (%(gap)s, "
        "%(share)s%% of the change)."
    ) % {
        "dimension": reason.dimension,
        "value": reason.value,
        "current": _number(reason.current),
        "expected": _number(reason.expected),
        "gap": gap,
        "share": _number(float(reason.share) * 100),
    }


def anomaly_rows(ctx: Context) -> list[AnomalyRow]:
    """Alerts on the period's days (dismissed ones included: the report is a record), by day."""
    alerts = list(
        AnomalyAlert.objects.filter(day__gte=ctx.period.start, day__lte=ctx.period.end).order_by(
            "day", "metric"
        )
    )
    return [
        AnomalyRow(
            metric=row.alert.metric,
            label=row.label,
            day=row.alert.day.isoformat(),
            value=row.alert.value,
            expected=row.alert.expected,
            low=row.alert.low,
            high=row.alert.high,
            explanation=[sentence(reason) for reason in row.reasons],
        )
        for row in alert_rows(alerts)
    ]
