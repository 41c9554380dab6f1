"""What the pipeline keeps after the community saved a screened text.

For a topic or a reply: its fingerprint (for near-duplicates). For anything
but a clean publish: a ``ScreeningRecord``, the hit counts of the watched
words that fired, an audit entry, and for a held or flagged text a review
item with the reasons.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from hearth.community.models import Reply, Topic
from hearth.core.screening import ContentKind, Screening, ScreenRequest
from hearth.moderation.models import ReviewItem, ScreeningRecord, WatchedWord
from hearth.moderation.pipeline.decide import is_flagged
from hearth.moderation.pipeline.duplicates import fingerprint_save
from hearth.moderation.pipeline.fingerprints import text_fingerprint
from hearth.moderation.pipeline.state import compiled
from hearth.moderation.services.audit import audit_record
from hearth.moderation.services.queue import item_open

WORD_CODES = frozenset({"word", "word_replaced", "block_word"})


def written_text(request: ScreenRequest) -> str:
    """What the author wrote, title first for a topic or a profile's display name."""
    return f"{request.title}\n\n{request.text}" if request.title else request.text


def fired_terms(reasons: Iterable[dict[str, Any]]) -> set[str]:
    """The watched words among ``reasons`` (as stored: dicts with code and detail)."""
    return {str(r.get("detail", "")) for r in reasons if r.get("code") in WORD_CODES}


def words_hit(terms: set[str], *, board_id: int | None, now: dt.datetime) -> None:
    """Count a hit on every enabled watched word that fired (site-wide or in this board)."""
    if not terms:
        return
    WatchedWord.objects.filter(term__in=terms, word_list__enabled=True).filter(
        Q(board__isnull=True) | Q(board_id=board_id)
    ).update(hit_count=F("hit_count") + 1, last_hit_at=now)


def _author_id(request: ScreenRequest, object_id: int) -> int:
    """The content's author: an edit may be made by staff."""
    if request.kind == ContentKind.PROFILE:
        return object_id
    if not request.editing:
        return request.author.pk
    model = Topic if request.kind == ContentKind.TOPIC else Reply
    return int(model.objects.values_list("author_id", flat=True).get(pk=object_id))


def _summary(screening: Screening) -> dict[str, Any]:
    return {
        "decision": screening.decision,
        "reasons": [r.code for r in screening.reasons],
        "scores": screening.scores,
    }


@transaction.atomic
def screening_save(request: ScreenRequest, screening: Screening, object_id: int) -> None:
    """Keep the decision on a saved text (see the module docstring)."""
    author_id = _author_id(request, object_id)
    if request.kind in (ContentKind.TOPIC, ContentKind.REPLY):
        fingerprint = text_fingerprint(compiled().lexicon.normalise(request.text).text)
        fingerprint_save(
            kind=request.kind, content_id=object_id, author_id=author_id, fingerprint=fingerprint
        )
    if screening.decision == "publish" and not screening.reasons:
        return
    now = timezone.now()
    reasons = [asdict(r) for r in screening.reasons]
    ScreeningRecord.objects.create(
        content_kind=request.kind,
        content_id=object_id,
        author_id=author_id,
        board_id=request.board_id,
        decision=screening.decision,
        reasons=reasons,
        scores=screening.scores,
        text=written_text(request),
        created_at=now,
    )
    words_hit(fired_terms(reasons), board_id=request.board_id, now=now)
    if screening.held:
        origin, action = ReviewItem.Origin.HELD, "pipeline.hold"
    elif is_flagged(screening):
        origin, action = ReviewItem.Origin.FLAGGED, "pipeline.flag"
    else:
        origin, action = None, "pipeline.censor"
    if origin is not None:
        item_open(
            content_kind=request.kind,
            content_id=object_id,
            author_id=author_id,
            board_id=request.board_id,
            origin=origin,
            reasons=reasons,
            scores=screening.scores,
            severity=max((r.severity for r in screening.reasons), default=1),
            status_before="",
        )
    audit_record(
        actor=None,
        action=action,
        target_kind=request.kind,
        target_id=object_id,
        member=author_id,
        after=_summary(screening),
    )
