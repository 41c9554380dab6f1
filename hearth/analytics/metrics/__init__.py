"""The metric catalogue: every metric analytics can chart, built-in or custom, by one key.

This is the public face other apps use (goals name a metric by its key):

* :func:`metric_choices` — the metrics there are, built-in first, then the
  operator's custom metrics;
* :func:`metric_series` — a metric per day, week or month over a window, with
  the same figure for the window of the same length before; ``scope=MetricScope(kind,
  value)`` counts it over one board, saved segment or channel only;
* :func:`metric_scope_label` — what a page shows for a scope ("Board: AI");
* :func:`custom_metric_create` / :func:`custom_metric_update` /
  :func:`custom_metric_delete` — the custom metrics' writes.

An unknown key raises :class:`~hearth.analytics.queries.params.QueryError`.
"""

from __future__ import annotations

from hearth.analytics.metrics.catalogue import (
    KEY_METRICS,
    MetricDef,
    MetricPoint,
    MetricSeries,
    metric_choices,
    metric_definition,
    metric_series,
)
from hearth.analytics.metrics.scopes import MetricScope, metric_scope_label
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
    "metric_scope_label",
    "metric_series",
]
