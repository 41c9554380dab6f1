from django.urls import path

from hearth.core import views

app_name = "core"

urlpatterns = [
    path("rules/", views.rules, name="rules"),
    path("culture/", views.culture, name="culture"),
    path("privacy/", views.privacy, name="privacy"),
]
