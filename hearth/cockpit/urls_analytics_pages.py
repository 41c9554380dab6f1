"""Cockpit analytics pages: the funnel builder and board health (included by urls_analytics)."""

from django.urls import URLPattern, URLResolver, path

from hearth.cockpit.views.analytics import boards, funnel

urlpatterns: list[URLPattern | URLResolver] = [
    path("analytics/funnels/", funnel.funnels, name="analytics_funnels"),
    path("analytics/boards/", boards.board_health, name="analytics_boards"),
]
