"""Cockpit pages: the operations reports' archive, one report, its commentary and its PDF."""

from django.urls import URLPattern, URLResolver, path

from hearth.cockpit.views import reports_ops

urlpatterns: list[URLPattern | URLResolver] = [
    path("goals/reports/", reports_ops.report_archive, name="ops_reports"),
    path("goals/reports/<int:pk>/", reports_ops.report_page, name="ops_report"),
    path(
        "goals/reports/<int:pk>/commentary/",
        reports_ops.report_commentary,
        name="ops_report_commentary",
    ),
    path("goals/reports/<int:pk>.pdf", reports_ops.report_pdf_download, name="ops_report_pdf"),
]
