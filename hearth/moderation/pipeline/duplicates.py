"""Near-duplicates from the stored fingerprints: copy-paste flooding and uncredited reposts."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from hearth.community.models import Reply, Status, Topic
from hearth.moderation.models import ContentKind, TextFingerprint
from hearth.moderation.pipeline.decide import Duplicates
from hearth.moderation.pipeline.fingerprints import (
    MAX_DISTANCE,
    bands,
    distance,
    from_signed,
    to_signed,
)

FLOOD_WINDOW = dt.timedelta(hours=24)
REPOST_MIN_CHARS = 80  # shorter texts are too common to call a copy
CANDIDATES_MAX = 200


@dataclass(frozen=True, slots=True)
class _Candidate:
    kind: str
    content_id: int
    author_id: int
    created_at: dt.datetime


def _candidates(fingerprint: int, exclude: tuple[str, int] | None) -> list[_Candidate]:
    b0, b1, b2, b3 = bands(fingerprint)
    rows = TextFingerprint.objects.filter(
        Q(band0=b0) | Q(band1=b1) | Q(band2=b2) | Q(band3=b3)
    ).order_by("-created_at")
    if exclude is not None:
        rows = rows.exclude(content_kind=exclude[0], content_id=exclude[1])
    values = rows.values_list("content_kind", "content_id", "author_id", "created_at", "simhash")
    return [
        _Candidate(kind, content_id, author_id, created_at)
        for kind, content_id, author_id, created_at, stored in values[:CANDIDATES_MAX]
        if distance(fingerprint, from_signed(stored)) <= MAX_DISTANCE
    ]


def _published_originals(candidates: list[_Candidate]) -> list[tuple[str, int, str]]:
    """(label, topic id, author username) of the published texts among ``candidates``."""
    topic_ids = [c.content_id for c in candidates if c.kind == ContentKind.TOPIC]
    reply_ids = [c.content_id for c in candidates if c.kind == ContentKind.REPLY]
    found: list[tuple[str, int, str]] = []
    for pk, username in Topic.objects.filter(pk__in=topic_ids, status=Status.PUBLISHED).values_list(
        "pk", "author__username"
    ):
        found.append((f"topic:{pk}", pk, username))
    for pk, topic_id, username in Reply.objects.filter(
        pk__in=reply_ids, status=Status.PUBLISHED
    ).values_list("pk", "topic_id", "author__username"):
        found.append((f"reply:{pk}", topic_id, username))
    return found


def _credits(text: str, topic_id: int, username: str) -> bool:
    """The text links to the original topic (``/t/12/``) or names its author (``@name``)."""
    if re.search(rf"/t/{topic_id}(?![0-9])", text):
        return True
    return bool(username) and re.search(rf"@{re.escape(username)}(?![\w-])", text) is not None


def duplicates_find(
    *,
    fingerprint: int | None,
    length: int,
    text: str,
    author_id: int | None,
    exclude: tuple[str, int] | None = None,
    now: dt.datetime | None = None,
) -> Duplicates:
    """The author's recent near-duplicates, and another member's published original, if any."""
    if fingerprint is None:
        return Duplicates()
    candidates = _candidates(fingerprint, exclude)
    if not candidates:
        return Duplicates()
    since = (now or timezone.now()) - FLOOD_WINDOW
    own = sum(1 for c in candidates if c.author_id == author_id and c.created_at >= since)
    repost_of = ""
    others = [c for c in candidates if c.author_id != author_id]
    if others and length >= REPOST_MIN_CHARS:
        originals = _published_originals(others)
        if originals and not any(_credits(text, tid, name) for _l, tid, name in originals):
            repost_of = originals[0][0]
    return Duplicates(own_recent=own, repost_of=repost_of)


def fingerprint_save(
    *, kind: str, content_id: int, author_id: int, fingerprint: int | None
) -> None:
    """Keep (or replace, after an edit) the fingerprint of a saved topic or reply."""
    if fingerprint is None:
        TextFingerprint.objects.filter(content_kind=kind, content_id=content_id).delete()
        return
    b0, b1, b2, b3 = bands(fingerprint)
    TextFingerprint.objects.update_or_create(
        content_kind=kind,
        content_id=content_id,
        defaults={
            "author_id": author_id,
            "simhash": to_signed(fingerprint),
            "band0": b0,
            "band1": b1,
            "band2": b2,
            "band3": b3,
        },
        create_defaults={
            "author_id": author_id,
            "simhash": to_signed(fingerprint),
            "band0": b0,
            "band1": b1,
            "band2": b2,
            "band3": b3,
            "created_at": timezone.now(),
        },
    )
