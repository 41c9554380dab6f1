"""Cockpit pages: sending the operations reports and their schedule."""

from django.urls import URLPattern, URLResolver, path

from hearth.cockpit.views import report_delivery

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "goals/reports/settings/", report_delivery.report_settings_edit, name="ops_report_settings"
    ),
    path("goals/reports/<int:pk>/send/", report_delivery.report_send_now, name="ops_report_send"),
]
