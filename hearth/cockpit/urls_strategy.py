"""Cockpit pages of the strategy and the initiatives (goals)."""

from django.urls import URLPattern, URLResolver, path

from hearth.cockpit.views import initiatives
from hearth.cockpit.views.strategy import aims, competitors, page

urlpatterns: list[URLPattern | URLResolver] = [
    path("goals/strategy/", page.strategy, name="strategy"),
    path("goals/strategy/positioning/", page.positioning_edit, name="strategy_positioning"),
    path("goals/strategy/mix/<int:board>/", page.mix_target_edit, name="strategy_mix"),
    path("goals/strategy/aims/new/", aims.aim_new, name="strategy_aim_new"),
    path("goals/strategy/aims/<int:pk>/", aims.aim_edit, name="strategy_aim"),
    path("goals/strategy/aims/<int:pk>/delete/", aims.aim_remove, name="strategy_aim_delete"),
    path("goals/strategy/aims/<int:pk>/move/", aims.aim_reorder, name="strategy_aim_move"),
    path("goals/strategy/competitors/new/", competitors.competitor_new, name="competitor_new"),
    path("goals/strategy/competitors/<int:pk>/", competitors.competitor, name="competitor"),
    path(
        "goals/strategy/competitors/<int:pk>/figures/",
        competitors.competitor_figure_new,
        name="competitor_figure",
    ),
    path("goals/initiatives/", initiatives.initiatives, name="initiatives"),
    path("goals/initiatives/new/", initiatives.initiative_new, name="initiative_new"),
    path("goals/initiatives/<int:pk>/", initiatives.initiative, name="initiative"),
    path("goals/initiatives/<int:pk>/edit/", initiatives.initiative_edit, name="initiative_edit"),
]
