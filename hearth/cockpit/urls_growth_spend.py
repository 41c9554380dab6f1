"""Cockpit pages: spend, the channel quality table and the budget advice (growth)."""

from django.urls import URLPattern, URLResolver, path

from hearth.cockpit.views.growth_spend import budget, quality, spend

urlpatterns: list[URLPattern | URLResolver] = [
    path("growth/spend/", spend.spend_index, name="growth_spend"),
    path("growth/spend/new/", spend.spend_new, name="growth_spend_new"),
    path("growth/spend/import/", spend.spend_upload, name="growth_spend_import"),
    path("growth/spend/<int:pk>/", spend.spend_edit, name="growth_spend_edit"),
    path("growth/spend/<int:pk>/delete/", spend.spend_remove, name="growth_spend_delete"),
    path("growth/quality/", quality.quality, name="growth_quality"),
    path("growth/budget/", budget.budget, name="growth_budget"),
    path("growth/budget/what-if/", budget.budget_whatif, name="growth_budget_whatif"),
]
