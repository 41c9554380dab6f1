"""Cockpit pages: onboarding (completion report, settings, a member's checklist)."""

from django.urls import URLPattern, URLResolver, path

from hearth.cockpit.views import growth_onboarding as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("growth/onboarding/", views.onboarding_overview, name="growth_onboarding"),
    path(
        "growth/onboarding/settings/",
        views.onboarding_settings_edit,
        name="growth_onboarding_settings",
    ),
    path(
        "growth/onboarding/settings/preview/",
        views.onboarding_welcome_preview,
        name="growth_onboarding_preview",
    ),
    path("growth/onboarding/members/", views.onboarding_member_find, name="growth_onboarding_find"),
    path(
        "growth/onboarding/members/<str:username>/",
        views.onboarding_member,
        name="growth_onboarding_member",
    ),
]
