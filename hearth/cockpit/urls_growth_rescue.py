"""Cockpit pages of the first-week rescue (included by ``urls``, names in the cockpit namespace)."""

from django.urls import URLPattern, path

from hearth.cockpit.views.growth_rescue import assignments, outreach, queue

urlpatterns: list[URLPattern] = [
    path("growth/at-risk/", queue.at_risk, name="growth_at_risk"),
    path("growth/outreach/", outreach.outreach_list, name="growth_outreach"),
    path("growth/outreach/new/", outreach.outreach_new, name="growth_outreach_new"),
    path("growth/outreach/<int:pk>/", outreach.outreach_detail, name="growth_outreach_detail"),
    path(
        "growth/outreach/<int:pk>/send/", outreach.outreach_send_rest, name="growth_outreach_send"
    ),
    path("growth/assignments/", assignments.my_assignments, name="growth_assignments"),
    path("growth/assignments/new/", assignments.assign, name="growth_assign"),
    path(
        "growth/assignments/<int:pk>/done/",
        assignments.assignment_mark_done,
        name="growth_assignment_done",
    ),
]
