"""Reads about appeals: the cockpit's list (pending first) and one appeal with its context."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from hearth.moderation.models import Appeal


def appeals_for_cockpit(*, state: str = "") -> QuerySet[Appeal]:
    """Pending appeals first (oldest first: they waited longest), then decided ones, newest first."""
    rows = Appeal.objects.select_related(
        "appellant",
        "reviewed_by",
        "item",
        "item__rule",
        "item__decided_by",
        "sanction",
        "sanction__rule",
        "sanction__issued_by",
    )
    if state:
        rows = rows.filter(state=state)
    pending_first = Case(
        When(state=Appeal.State.PENDING, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return rows.annotate(pending_first=pending_first).order_by(
        "pending_first", "-created_at", "-pk"
    )


def appeal_counts() -> dict[str, int]:
    counts = dict.fromkeys(Appeal.State.values, 0)
    for state in Appeal.State.values:
        counts[state] = Appeal.objects.filter(state=state).count()
    return counts


def appeal_get(pk: int) -> Appeal | None:
    return (
        Appeal.objects.select_related(
            "appellant",
            "reviewed_by",
            "item",
            "item__rule",
            "item__decided_by",
            "sanction",
            "sanction__rule",
            "sanction__board",
            "sanction__issued_by",
        )
        .filter(pk=pk)
        .first()
    )
