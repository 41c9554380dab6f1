"""The alerts page and the dashboard's strip: anomaly alerts with their labels, ranked
explanation and a small chart of the metric around the day with its expected band."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.utils.translation import gettext as _

from hearth.analytics.anomalies.method import THRESHOLD, expectation
from hearth.analytics.anomalies.services import HISTORY_DAYS
from hearth.analytics.metrics import MetricDef, metric_choices, metric_series
from hearth.analytics.models import AnomalyAlert
from hearth.analytics.queries.params import Window
from hearth.analytics.selectors import active_actions
from hearth.analytics.store.engine import Engine
from hearth.analytics.store.sync import today as store_today
from hearth.cockpit.reports.labels import BREAKDOWN_LABELS, value_label, value_labeller
from hearth.community.models import Board

DAYS_BEFORE, DAYS_AFTER = 21, 7
CHARTED = 12  # alerts with a chart on one page


@dataclass(frozen=True)
class Reason:
    dimension: str
    value: str
    current: float
    expected: float
    gap: float
    share: float | None


@dataclass(frozen=True)
class AlertRow:
    alert: AnomalyAlert
    label: str
    percent: bool
    reasons: list[Reason]
    chart: dict[str, Any] | None

    @property
    def chart_id(self) -> str:
        return f"alert-chart-{self.alert.pk}"

    @property
    def metric_query(self) -> str:
        """The metrics page's parameters for this metric's days around the alert."""
        start = self.alert.day - dt.timedelta(days=DAYS_BEFORE)
        end = max(min(self.alert.day + dt.timedelta(days=DAYS_AFTER), store_today()), start)
        return urlencode({"metric": self.alert.metric, "start": start, "end": end})

    @property
    def spike(self) -> bool:
        return self.alert.value >= self.alert.expected

    @property
    def change(self) -> float | None:
        if not self.alert.expected:
            return None
        return round((self.alert.value - self.alert.expected) / self.alert.expected, 4)


def _reasons(explanation: list[dict[str, Any]], boards: dict[str, str]) -> list[Reason]:
    found = []
    for item in explanation:
        dimension = str(item.get("dimension", ""))
        raw = str(item.get("value", ""))
        if dimension == "board":
            shown = boards.get(raw) or value_label(raw, {})
            label = _("Board")
        else:
            shown = value_label(raw, value_labeller(dimension))
            label = str(BREAKDOWN_LABELS.get(dimension, dimension))
        found.append(
            Reason(
                label,
                shown,
                float(item.get("current") or 0),
                float(item.get("expected") or 0),
                float(item.get("gap") or 0),
                item.get("share"),
            )
        )
    return found


def _chart(
    engine: Engine, metric: MetricDef, alert: AnomalyAlert, today: dt.date, actions: frozenset[str]
) -> Any:
    """The metric's days around the alert's, with each day's expected band."""
    first = alert.day - dt.timedelta(days=DAYS_BEFORE)
    # up to the last complete day (today is still counting), or the alert's own day
    last = max(
        min(alert.day + dt.timedelta(days=DAYS_AFTER), today - dt.timedelta(days=1)), alert.day
    )
    win = Window(
        start=first - dt.timedelta(days=HISTORY_DAYS),
        end=last,
        actions=actions,
        tz=settings.TIME_ZONE,
    )
    series = {
        p.start: p.value
        for p in metric_series(key=metric.key, window=win, period="day", engine=engine).points
    }
    days = [d for d in series if d >= first]
    bands = [expectation(series, d, counts=not metric.percent) for d in days]
    return {
        "x": [d.isoformat() for d in days],
        "values": [series[d] for d in days],
        "low": [round(b.band(THRESHOLD)[0], 4) if b else None for b in bands],
        "high": [round(b.band(THRESHOLD)[1], 4) if b else None for b in bands],
        "day": alert.day.isoformat(),
        "percent": metric.percent,
        "labels": {"value": metric.label, "band": _("Expected range")},
    }


def alert_rows(
    alerts: list[AnomalyAlert], *, engine: Engine | None = None, today: dt.date | None = None
) -> list[AlertRow]:
    """The alerts as pages show them; charts (from ``engine``) for the first few."""
    board_ids = {
        str(item.get("value"))
        for alert in alerts
        for item in alert.explanation
        if item.get("dimension") == "board" and str(item.get("value", "")).isdigit()
    }
    boards = {
        str(pk): name
        for pk, name in Board.objects.filter(pk__in=[int(b) for b in board_ids]).values_list(
            "pk", "name"
        )
    }
    known = {m.key: m for m in metric_choices()}  # a custom metric may be deleted since
    actions = frozenset(active_actions()) if engine is not None else frozenset()
    rows = []
    for i, alert in enumerate(alerts):
        metric = known.get(alert.metric)
        chart = None
        if engine is not None and metric is not None and today is not None and i < CHARTED:
            chart = _chart(engine, metric, alert, today, actions)
        rows.append(
            AlertRow(
                alert,
                metric.label if metric else alert.metric,
                bool(metric and metric.percent),
                _reasons(alert.explanation, boards),
                chart,
            )
        )
    return rows
