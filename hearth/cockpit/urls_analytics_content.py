"""Cockpit analytics pages: content metrics and reading (included by urls_analytics)."""

from django.urls import URLPattern, URLResolver, path

from hearth.cockpit.views.analytics import content

urlpatterns: list[URLPattern | URLResolver] = [
    path("analytics/content/", content.content, name="analytics_content"),
    path("analytics/reading/", content.reading, name="analytics_reading"),
]
