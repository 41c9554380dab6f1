"""Sitemap section of published events (drafts never appear)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from hearth.events.models import Event, EventStatus


class EventSitemap(Sitemap):  # type: ignore[type-arg]  # generic in django-stubs only (items: Event)
    changefreq = "daily"

    def items(self) -> QuerySet[Event]:
        return Event.objects.filter(status=EventStatus.PUBLISHED).order_by("pk")

    def location(self, item: Event) -> str:
        return reverse("events:detail", kwargs={"pk": item.pk})
