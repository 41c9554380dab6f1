"""Cockpit pages: events (included by cockpit/urls.py, names in the cockpit namespace)."""

from django.urls import URLPattern, path

from hearth.cockpit.views import events

urlpatterns: list[URLPattern] = [
    path("engagement/events/", events.event_list, name="events"),
    path("engagement/events/new/", events.event_new, name="event_new"),
    path("engagement/events/<int:pk>/", events.event_edit, name="event_edit"),
    path(
        "engagement/events/<int:pk>/registrations/",
        events.event_registrations,
        name="event_registrations",
    ),
]
