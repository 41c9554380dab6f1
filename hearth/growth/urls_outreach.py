"""Member-facing outreach pages (included from ``hearth/urls.py``)."""

from django.urls import URLPattern, path

from hearth.growth.outreach import views

app_name = "outreach"

urlpatterns: list[URLPattern] = [
    path("messages/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("messages/preferences/", views.message_preferences, name="preferences"),
]
