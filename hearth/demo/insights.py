"""What the demo's analytics show on first look: one custom metric and the anomaly alerts.

After the store is built, the demo defines 回复转化率 (members who replied ÷
members who read, per day) and runs anomaly detection over the last
``ALERT_DAYS`` complete days, so the alerts page opens on the planted viral
day (effect 7 in :mod:`hearth.demo.effects`).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from hearth.analytics.anomalies import DetectReport, anomalies_detect
from hearth.analytics.metrics import custom_metric_create
from hearth.analytics.models import AnomalyAlert, CustomMetric, MetricUnit
from hearth.analytics.store.engine import Engine
from hearth.demo.effects import ALERT_DAYS, DEMO_METRIC_KEY

DEMO_METRIC_NAME = "回复转化率"
DEMO_METRIC_DESCRIPTION = (
    "回复过的成员 ÷ 阅读过的成员：读者中有多少人参与了讨论，看内容能否引发互动。"
)


def demo_metric_ensure() -> CustomMetric:
    """The demo's custom metric (defined once; an existing one with its key is kept)."""
    found = CustomMetric.objects.filter(key=DEMO_METRIC_KEY).first()
    if found is not None:
        return found
    return custom_metric_create(
        key=DEMO_METRIC_KEY,
        name=DEMO_METRIC_NAME,
        numerator="reply",
        denominator="read",
        unit=MetricUnit.MEMBERS,
        description=DEMO_METRIC_DESCRIPTION,
    )


def demo_alerts_raise(*, now: dt.datetime, engine: Engine) -> DetectReport:
    """Check the last ``ALERT_DAYS`` complete days (up to yesterday) for anomalies."""
    end = timezone.localdate(now) - dt.timedelta(days=1)
    return anomalies_detect(start=end - dt.timedelta(days=ALERT_DAYS - 1), end=end, engine=engine)


def demo_insights_reset() -> None:
    """Remove the alerts (they describe the log being replaced) and the demo's metric."""
    AnomalyAlert.objects.all().delete()
    CustomMetric.objects.filter(key=DEMO_METRIC_KEY).delete()
