"""Reads of campaigns and tracked links."""

from __future__ import annotations

from django.db.models import Count, QuerySet, Sum

from hearth.growth.models import Campaign, Channel, TrackedLink


def links_for_channel(*, channel: Channel) -> QuerySet[TrackedLink]:
    return TrackedLink.objects.filter(channel=channel).select_related("campaign")


def link_for_code(*, code: str) -> TrackedLink | None:
    """Any link (active or not) with this code, e.g. to draw its QR code."""
    return TrackedLink.objects.filter(code=code.strip().lower()[:16]).first()


def campaigns_with_links() -> QuerySet[Campaign]:
    """Every campaign with its number of links and their clicks."""
    return Campaign.objects.select_related("channel").annotate(
        link_count=Count("links"), link_clicks=Sum("links__clicks")
    )


def campaigns_for_channel(*, channel: Channel) -> QuerySet[Campaign]:
    return campaigns_with_links().filter(channel=channel)
