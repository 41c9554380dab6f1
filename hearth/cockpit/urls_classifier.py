"""Cockpit pages: classifier (included by cockpit.urls, names in the cockpit namespace)."""

from django.urls import URLPattern, URLResolver, path

from hearth.cockpit.views.classifier import classifier_retrain, classifier_versions

urlpatterns: list[URLPattern | URLResolver] = [
    path("order/classifier/", classifier_versions, name="classifier"),
    path("order/classifier/retrain/", classifier_retrain, name="classifier_retrain"),
]
