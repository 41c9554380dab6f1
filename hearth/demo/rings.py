"""Effect 6 of the demo: one planted like ring, for the cockpit's fairness review.

Written as rows like the rest of the demo (the bulk writer fires no events),
before the points backfill, so the ring's likes earn points like any others
until staff confirm the alert.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db.models import F
from django.utils import timezone

from hearth.accounts.models import User
from hearth.community.models import Like, Reply, Status
from hearth.demo.effects import RING_DAYS, RING_LIKES_EACH_WAY, RING_MEMBERS


def _liked_at(rng: random.Random, posted: dt.datetime, now: dt.datetime) -> dt.datetime:
    start = max(posted, now - dt.timedelta(days=RING_DAYS))
    return start + (now - start) * rng.uniform(0.05, 0.95)


def like_ring_plant(*, seed: int, now: dt.datetime | None = None) -> tuple[int, ...]:
    """Plant the ring among prolific ordinary members; answers their ids, sorted."""
    rng = random.Random(seed * 11 + 5)
    now = now or timezone.now()
    prolific = User.objects.filter(
        is_active=True,
        is_staff=False,
        groups__isnull=True,
        reply_count__gte=4 * RING_LIKES_EACH_WAY,
    ).order_by("pk")
    candidates = list(prolific.values_list("pk", flat=True))
    if len(candidates) < RING_MEMBERS:  # a tiny demo: nobody writes enough to plant it
        return ()
    ring = tuple(sorted(rng.sample(candidates, RING_MEMBERS)))
    likes = []
    for giver in ring:
        for receiver in ring:
            if giver == receiver:
                continue
            replies = (
                Reply.objects.filter(author_id=receiver, status=Status.PUBLISHED)
                .exclude(likes__member_id=giver)
                .order_by("-created_at")[:RING_LIKES_EACH_WAY]
            )
            likes += [
                Like(member_id=giver, reply=reply, created_at=_liked_at(rng, reply.created_at, now))
                for reply in replies
            ]
    Like.objects.bulk_create(likes)
    liked = [like.reply for like in likes if like.reply is not None]
    for reply in liked:
        Reply.objects.filter(pk=reply.pk).update(like_count=F("like_count") + 1)
    for member_id in ring:
        received = sum(reply.author_id == member_id for reply in liked)
        User.objects.filter(pk=member_id).update(likes_received=F("likes_received") + received)
    return ring
