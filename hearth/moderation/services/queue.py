"""The review queue: open items for held, flagged and reported content."""

from __future__ import annotations

import math
from typing import Any

from django.db import transaction
from django.utils import timezone

from hearth.moderation.content import content_get
from hearth.moderation.models import ReviewItem


def priority_score(
    *,
    severity: int,
    reporter_accuracy: float = 0.0,
    report_count: int = 0,
    reach: int = 0,
    age_hours: float = 0.0,
) -> float:
    """Higher first: severity dominates, then trusted reports, reach and waiting time."""
    return round(
        severity * 10.0
        + reporter_accuracy * 5.0 * min(report_count, 5)
        + math.log1p(max(reach, 0)) * 2.0
        + min(age_hours, 72.0) / 6.0,
        3,
    )


@transaction.atomic
def item_open(
    *,
    content_kind: str,
    content_id: int,
    author_id: int,
    board_id: int | None,
    origin: str,
    reasons: list[dict[str, Any]],
    scores: dict[str, float] | None = None,
    severity: int = 1,
    status_before: str = "",
) -> ReviewItem:
    """Open a review item for the text, or add the reasons to the one already open."""
    item = (
        ReviewItem.objects.select_for_update()
        .exclude(state=ReviewItem.State.DECIDED)
        .filter(content_kind=content_kind, content_id=content_id)
        .first()
    )
    content = content_get(content_kind, content_id)
    reach = content.reach if content is not None else 0
    if item is None:
        item = ReviewItem(
            content_kind=content_kind,
            content_id=content_id,
            author_id=author_id,
            board_id=board_id,
            origin=origin,
            status_before=status_before,
            created_at=timezone.now(),
        )
        item.reasons = []
    item.reasons = [*item.reasons, *reasons]
    item.scores = {**item.scores, **(scores or {})}
    item.severity = max(item.severity or 1, severity)
    item.priority = priority_score(
        severity=item.severity, report_count=item.report_count, reach=reach
    )
    item.save()
    return item
