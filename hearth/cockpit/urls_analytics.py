"""Cockpit pages: analytics (included by cockpit.urls, names in the cockpit namespace)."""

from django.urls import URLPattern, URLResolver, include, path

from hearth.cockpit.urls_analytics_content import urlpatterns as content_urlpatterns
from hearth.cockpit.urls_analytics_pages import urlpatterns as pages_urlpatterns
from hearth.cockpit.urls_metrics import urlpatterns as metrics_urlpatterns
from hearth.cockpit.views.analytics import dashboard, lifecycle, retention, saved, trends

urlpatterns: list[URLPattern | URLResolver] = [
    path("analytics/", dashboard.dashboard, name="analytics"),
    path("analytics/trends/", trends.trends, name="analytics_trends"),
    path("analytics/retention/", retention.retention, name="analytics_retention"),
    path("analytics/lifecycle/", lifecycle.lifecycle, name="analytics_lifecycle"),
    path("analytics/segments/", include("hearth.cockpit.urls_segments")),
    *pages_urlpatterns,
    *content_urlpatterns,
    *metrics_urlpatterns,
    path("analytics/saved/<str:page>/", saved.saved_view_create, name="analytics_saved_new"),
    path(
        "analytics/saved/<int:pk>/delete/", saved.saved_view_remove, name="analytics_saved_delete"
    ),
]
