"""The metric catalogue: every metric analytics can chart, built-in or custom, by one key.

This is the public face other apps use (goals name a metric by its key):

* :func:`metric_choices` — the metrics there are, built-in first, then the
  operator's custom metrics;
* :func:`metric_series` — a metric per day, week or month over a window, with
  the same figure for the window of the same length before;
* :func:`custom_metric_create` / :func:`custom_metric_update` /
  :func:`custom_metric_delete` — the custom metrics' writes.

An unknown key raises :class:`~hearth.analytics.queries.params.QueryError`.
"""

from __future__ import annotations

from hearth.analytics.metrics.catalogue import (
    KEY_METRICS,
    MetricDef,
    MetricPoint,
    MetricScope,
    MetricSeries,
    metric_choices,
    metric_definition,
    metric_series,
)
from hearth.analytics.metrics.services import (
    custom_metric_create,
    custom_metric_delete,
    custom_metric_update,
)

__all__ = [
    "KEY_METRICS",
    "MetricDef",
    "MetricPoint",
    "MetricScope",
    "MetricSeries",
    "custom_metric_create",
    "custom_metric_delete",
    "custom_metric_update",
    "metric_choices",
    "metric_definition",
    "metric_series",
]
