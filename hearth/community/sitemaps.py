"""Sitemap sections of the community: boards, topics and members anyone may see.

Only what a visitor who is not logged in can read goes in (``seo.topics_public``
and the public board rule): members-only and staff boards, held, hidden and
deleted topics never appear. Sections are paginated by Django (50,000 URLs a
page); the index reads each section's latest change with one aggregate query.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse

from hearth.accounts.models import User
from hearth.community import permissions
from hearth.community.models import Board, Status, Topic
from hearth.community.seo import topics_public


def _public_levels() -> tuple[str, ...]:
    return permissions.visible_board_levels(AnonymousUser())


class BoardSitemap(Sitemap):  # type: ignore[type-arg]  # generic in django-stubs only (items: Board)
    changefreq = "hourly"

    def items(self) -> QuerySet[Board]:
        return (
            Board.objects.filter(visibility__in=_public_levels())
            .annotate(
                latest=Max("topics__last_activity_at", filter=Q(topics__status=Status.PUBLISHED))
            )
            .order_by("position", "pk")
        )

    def location(self, item: Board) -> str:
        return reverse("community:board", kwargs={"slug": item.slug})

    def lastmod(self, item: Board) -> dt.datetime | None:
        latest: dt.datetime | None = getattr(item, "latest", None)
        return latest

    def get_latest_lastmod(self) -> Any:
        return topics_public().aggregate(latest=Max("last_activity_at"))["latest"]


def _topic_changed() -> Greatest:
    return Greatest(F("last_activity_at"), Coalesce(F("edited_at"), F("last_activity_at")))


class TopicSitemap(Sitemap):  # type: ignore[type-arg]  # generic in django-stubs only (items: Topic)
    def items(self) -> QuerySet[Topic]:
        return (
            topics_public()
            .annotate(changed=_topic_changed())
            .only("pk", "title", "last_activity_at", "edited_at")
            .order_by("pk")
        )

    def location(self, item: Topic) -> str:
        return item.get_absolute_url()

    def lastmod(self, item: Topic) -> dt.datetime:
        changed: dt.datetime = getattr(item, "changed", None) or item.last_activity_at
        return changed

    def get_latest_lastmod(self) -> Any:
        return topics_public().aggregate(latest=Max(_topic_changed()))["latest"]


class MemberSitemap(Sitemap):  # type: ignore[type-arg]  # generic in django-stubs only (items: User)
    """Public member pages worth finding: active members who started a public topic."""

    changefreq = "weekly"

    def items(self) -> QuerySet[User]:
        wrote = topics_public().filter(author=OuterRef("pk"))
        return (
            User.objects.filter(is_active=True)
            .filter(Exists(wrote))
            .only("pk", "username")
            .order_by("pk")
        )

    def location(self, item: User) -> str:
        return reverse("accounts:member", kwargs={"username": item.username})
