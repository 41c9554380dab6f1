"""Finding anomalies on the key metrics (idempotent), and staff decisions on them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from sqlglot import exp

from hearth.accounts.models import User
from hearth.analytics.anomalies.explain import explanation
from hearth.analytics.anomalies.method import (
    LEVEL_DAYS,
    MIN_CHANGE_COUNT,
    MIN_CHANGE_RATIO,
    NOISE_DAYS,
    THRESHOLD,
    WEEKS,
    Expectation,
    expectation,
    is_anomaly,
)
from hearth.analytics.metrics import KEY_METRICS, MetricDef, metric_definition, metric_series
from hearth.analytics.metrics.catalogue import store_for
from hearth.analytics.models import AlertStatus, AnomalyAlert, CustomMetric
from hearth.analytics.queries.params import QueryError, Window
from hearth.analytics.queries.sources import as_date
from hearth.analytics.selectors import active_actions
from hearth.analytics.store.engine import Engine

HISTORY_DAYS = 7 * WEEKS + max(LEVEL_DAYS, NOISE_DAYS)  # their oldest day needs its 6 weeks
MAX_DAYS = 366


@dataclass
class DetectReport:
    start: dt.date
    end: dt.date
    checked: int = 0  # metric-days with enough history
    alerts: list[AnomalyAlert] = field(default_factory=list)  # open, new or updated
    kept: int = 0  # decided alerts left as they were
    withdrawn: int = 0  # open alerts the data no longer support


def detected_metrics() -> list[str]:
    """The key metrics, then every custom metric."""
    return [*KEY_METRICS, *CustomMetric.objects.values_list("key", flat=True)]


def _first_day(engine: Engine) -> dt.date | None:
    rows = engine.run(exp.select(exp.func("MIN", exp.column("day"))).from_("activity")).rows
    return as_date(rows[0][0]) if rows and rows[0][0] is not None else None


def _daily(
    engine: Engine, metric: MetricDef, win: Window, since: dt.date
) -> dict[dt.date, float | None]:
    """The metric per day; nothing before the log's first day (no history is not zero)."""
    found = metric_series(key=metric.key, window=win, period="day", engine=engine)
    return {p.start: p.value for p in found.points if p.start >= since}


def _check(start: dt.date, end: dt.date, threshold: float) -> None:
    if start > end:
        raise QueryError(
            _("The start date %(start)s is after the end date %(end)s.")
            % {"start": start.isoformat(), "end": end.isoformat()}
        )
    if (end - start).days >= MAX_DAYS:
        raise QueryError(_("Check at most %(n)d days at a time.") % {"n": MAX_DAYS})
    if threshold <= 0:
        raise QueryError(_("The threshold must be above 0."))


def _check_minimum(*minimums: float) -> None:
    if any(m < 0 for m in minimums):
        raise QueryError(_("A minimum change cannot be negative."))


@transaction.atomic
def anomalies_detect(
    *,
    start: dt.date,
    end: dt.date,
    threshold: float = THRESHOLD,
    min_change_count: float = MIN_CHANGE_COUNT,
    min_change_ratio: float = MIN_CHANGE_RATIO,
    metrics: Sequence[str] | None = None,
    engine: Engine | None = None,
) -> DetectReport:
    """Check each day ``start``…``end`` of the key metrics (and every custom metric).

    Idempotent: an alert is kept once per metric and day; re-running updates
    open alerts (or withdraws those the data no longer support) and never
    touches one a member of staff acknowledged or dismissed.
    """
    _check(start, end, threshold)
    _check_minimum(min_change_count, min_change_ratio)
    report = DetectReport(start, end)
    actions = sorted(active_actions())
    win = Window(
        start=start - dt.timedelta(days=HISTORY_DAYS),
        end=end,
        actions=frozenset(actions),
        tz=settings.TIME_ZONE,
    )
    chosen = [metric_definition(k) for k in (detected_metrics() if metrics is None else metrics)]
    with store_for(engine) as store:
        since = _first_day(store)
        if since is None:
            return report
        for metric in chosen:
            series = _daily(store, metric, win, since)
            minimum = min_change_ratio if metric.kind == "ratio" else min_change_count
            day = start
            while day <= end:
                value, found = series.get(day), expectation(series, day, counts=not metric.percent)
                if value is not None and found is not None:
                    report.checked += 1
                    flagged = is_anomaly(value, found, threshold=threshold, min_change=minimum)
                    _record(store, report, metric, day, value, found, flagged, threshold, actions)
                day += dt.timedelta(days=1)
    return report


def _record(
    engine: Engine,
    report: DetectReport,
    metric: MetricDef,
    day: dt.date,
    value: float,
    found: Expectation,
    flagged: bool,
    threshold: float,
    actions: Sequence[str],
) -> None:
    existing = AnomalyAlert.objects.filter(metric=metric.key, day=day).first()
    if existing is not None and existing.status != AlertStatus.OPEN:
        report.kept += 1
        return
    if not flagged:
        if existing is not None:
            existing.delete()
            report.withdrawn += 1
        return
    baseline = [day - dt.timedelta(days=7 * k) for k in range(1, WEEKS + 1)]
    low, high = found.band(threshold)
    fields = {
        "value": value,
        "expected": found.expected,
        "low": round(low, 4),
        "high": round(high, 4),
        "score": found.score(value),
        "explanation": explanation(
            engine, metric, day=day, baseline=baseline, expected=found.expected, active=actions
        ),
    }
    if existing is None:  # (a run at the same moment may have just written it: keep that one)
        alert, _created = AnomalyAlert.objects.get_or_create(
            metric=metric.key, day=day, defaults=fields
        )
    else:
        alert = existing
        for name, given in fields.items():
            setattr(alert, name, given)
        alert.save(update_fields=list(fields))
    report.alerts.append(alert)


def _decide(alert: AnomalyAlert, *, by: User, status: str, allowed: Sequence[str]) -> AnomalyAlert:
    with transaction.atomic():
        locked = AnomalyAlert.objects.select_for_update().get(pk=alert.pk)
        if locked.status not in allowed:
            raise ValidationError(
                _("This alert is %(status)s already.") % {"status": locked.get_status_display()}
            )
        locked.status = status
        locked.decided_by, locked.decided_at = by, timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at"])
    return locked


def anomaly_acknowledge(*, alert: AnomalyAlert, by: User) -> AnomalyAlert:
    """Staff have seen an open alert and act on it (it leaves the open list)."""
    return _decide(alert, by=by, status=AlertStatus.ACKNOWLEDGED, allowed=(AlertStatus.OPEN,))


def anomaly_dismiss(*, alert: AnomalyAlert, by: User) -> AnomalyAlert:
    """Not a real problem (a planned campaign, a holiday): it stays dismissed for good."""
    return _decide(
        alert,
        by=by,
        status=AlertStatus.DISMISSED,
        allowed=(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED),
    )
