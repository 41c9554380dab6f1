"""Helpers for the metrics tests: moderation rows with known times (helper "insight").

The moderation services are written alongside; these insert the records the
metrics read, with chosen times, so every answer is known in advance.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any
from zoneinfo import ZoneInfo

from hearth.moderation.models import CommunityRule, ReviewItem, Sanction

NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
_content_ids = itertools.count(1000)


def ago(**delta: float) -> dt.datetime:
    return NOW - dt.timedelta(**delta)


def rule(code: str = "no-ads") -> CommunityRule:
    found = CommunityRule.objects.filter(code=code).first()
    return found or CommunityRule.objects.create(code=code, title=code)


def item(
    author: Any,
    *,
    queued: dt.datetime,
    origin: str = ReviewItem.Origin.HELD,
    decided_by: Any = None,
    seconds: int | None = None,
    outcome: str = "",
    overturned: bool = False,
    **fields: Any,
) -> ReviewItem:
    """An open item, or (with ``decided_by``) one decided ``seconds`` after it was queued."""
    decided = decided_by is not None
    return ReviewItem.objects.create(
        content_kind=fields.pop("content_kind", "topic"),
        content_id=fields.pop("content_id", next(_content_ids)),
        author=author,
        origin=origin,
        state=ReviewItem.State.DECIDED if decided else fields.pop("state", ReviewItem.State.OPEN),
        created_at=queued,
        decided_by=decided_by,
        decided_at=queued + dt.timedelta(seconds=seconds or 0) if decided else None,
        decision_seconds=seconds if decided else None,
        outcome=outcome or (ReviewItem.Outcome.APPROVED if decided else ""),
        rule=rule() if outcome == ReviewItem.Outcome.REJECTED else None,
        overturned=overturned,
        **fields,
    )


def sanction(member: Any, *, at: dt.datetime, kind: str = "warning", **fields: Any) -> Sanction:
    return Sanction.objects.create(
        member=member, kind=kind, rule=rule(), starts_at=at, created_at=at, **fields
    )
