"""Reads about disputes: the cockpit's list by state, and one case with its timeline."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from hearth.accounts.models import User
from hearth.moderation.content import ContentView, content_get
from hearth.moderation.models import Dispute, DisputeContent, DisputeEntry


def disputes_for_cockpit(*, state: str = "") -> QuerySet[Dispute]:
    rows = (
        Dispute.objects.select_related("assignee", "opened_by")
        .prefetch_related("parties")
        .annotate(entry_count=Count("entries", distinct=True))
        .order_by("-created_at", "-pk")
    )
    if state:
        rows = rows.filter(state=state)
    return rows


def dispute_counts() -> dict[str, int]:
    counts = dict.fromkeys(Dispute.State.values, 0)
    for row in Dispute.objects.values("state").annotate(n=Count("pk")):
        counts[row["state"]] = row["n"]
    return counts


@dataclass(frozen=True)
class LinkedContent:
    link: DisputeContent
    content: ContentView | None  # None: deleted since


@dataclass(frozen=True)
class DisputeCase:
    dispute: Dispute
    parties: list[User]
    contents: list[LinkedContent]
    timeline: list[DisputeEntry]


def dispute_case(dispute: Dispute) -> DisputeCase:
    return DisputeCase(
        dispute=dispute,
        parties=list(dispute.parties.order_by("username")),
        contents=[
            LinkedContent(link=link, content=content_get(link.content_kind, link.content_id))
            for link in dispute.contents.order_by("pk")
        ],
        timeline=list(
            dispute.entries.select_related("author", "recipient").order_by("created_at", "pk")
        ),
    )
