"""Cockpit pages: the goals (issue #7)."""

from django.urls import URLPattern, URLResolver, path

from hearth.cockpit.views.goals import edit, pages

urlpatterns: list[URLPattern | URLResolver] = [
    path("goals/", pages.goals, name="goals"),
    path("goals/new/", edit.goal_new, name="goal_new"),
    path("goals/baseline/", edit.goal_baseline, name="goal_baseline"),
    path("goals/settings/", pages.goal_settings, name="goal_settings"),
    path("goals/<int:pk>/", pages.goal_detail, name="goal"),
    path("goals/<int:pk>/edit/", edit.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/archive/", edit.goal_archive_view, name="goal_archive"),
]
