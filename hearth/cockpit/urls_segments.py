"""Cockpit pages: segments (included by urls_analytics, names in the cockpit namespace)."""

from django.urls import URLPattern, URLResolver, path

from hearth.cockpit.views.analytics import segment_builder, segment_compare, segments

urlpatterns: list[URLPattern | URLResolver] = [
    path("", segments.segment_index, name="analytics_segments"),
    path("new/", segment_builder.segment_new, name="analytics_segment_new"),
    path("preview/", segment_builder.segment_preview, name="analytics_segment_preview"),
    path("compare/", segment_compare.segment_compare, name="analytics_segment_compare"),
    path("recount/", segments.segment_recount_all, name="analytics_segments_recount"),
    path("<int:pk>/", segments.segment_detail, name="analytics_segment"),
    path("<int:pk>/edit/", segment_builder.segment_edit, name="analytics_segment_edit"),
    path("<int:pk>/recount/", segments.segment_recount, name="analytics_segment_recount"),
    path("<int:pk>/delete/", segments.segment_remove, name="analytics_segment_delete"),
]
