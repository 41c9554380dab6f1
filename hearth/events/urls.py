"""Member event pages. Mounted at the site root, so paths are written in full."""

from django.urls import URLPattern, path

from hearth.events import views

app_name = "events"

urlpatterns: list[URLPattern] = [
    path("events/", views.event_list, name="list"),
    path("events/<int:pk>/", views.event_detail, name="detail"),
    path("events/<int:pk>/register/", views.event_register, name="register"),
    path("events/<int:pk>/cancel/", views.event_cancel, name="cancel"),
]
