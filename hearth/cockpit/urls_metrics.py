"""Cockpit pages: custom metrics and anomaly alerts (added to cockpit.urls_analytics)."""

from django.urls import URLPattern, URLResolver, path

from hearth.cockpit.views.analytics import alerts, metrics

urlpatterns: list[URLPattern | URLResolver] = [
    path("analytics/metrics/", metrics.metrics, name="analytics_metrics"),
    path("analytics/metrics/new/", metrics.metric_new, name="analytics_metric_new"),
    path("analytics/metrics/<int:pk>/edit/", metrics.metric_edit, name="analytics_metric_edit"),
    path(
        "analytics/metrics/<int:pk>/delete/", metrics.metric_delete, name="analytics_metric_delete"
    ),
    path("analytics/alerts/", alerts.alerts, name="analytics_alerts"),
    path("analytics/alerts/check/", alerts.alerts_check, name="analytics_alerts_check"),
    path(
        "analytics/alerts/<int:pk>/<str:decision>/",
        alerts.alert_decide,
        name="analytics_alert_decide",
    ),
]
