"""Cockpit pages: classifier (included by cockpit.urls, names in the cockpit namespace)."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
