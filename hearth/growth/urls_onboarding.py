"""Member URLs of onboarding, mounted at the site root."""

from django.urls import URLPattern, path

from hearth.growth.onboarding import views

app_name = "onboarding"

urlpatterns: list[URLPattern] = [
    path("welcome/", views.welcome, name="welcome"),
    path("welcome/dismiss/", views.dismiss, name="dismiss"),
]
