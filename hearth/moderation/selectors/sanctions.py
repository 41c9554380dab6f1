"""Reads about sanctions: a member's standing now, their history, the cockpit's lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from hearth.accounts.models import User
from hearth.community.models import Reply, Topic
from hearth.moderation.models import (
    ContentKind,
    ModerationSettings,
    ReviewItem,
    Sanction,
    SanctionKind,
    SanctionStep,
)

STANDING_CACHE_ATTR = "_hearth_standing"
RESTRICTING = (SanctionKind.MUTE, SanctionKind.BAN)


@dataclass(frozen=True)
class Standing:
    """What a member's sanctions mean on this request: what restricts them, what they must see."""

    restrictions: tuple[Sanction, ...]  # active mutes and bans, strongest first
    unseen: tuple[Sanction, ...]  # sanctions in force the member has not dismissed yet


def sanction_is_active(sanction: Sanction, now: dt.datetime | None = None) -> bool:
    """Not lifted, started, and not ended (``ends_at`` None: permanent)."""
    now = now or timezone.now()
    return (
        sanction.lifted_at is None
        and sanction.starts_at <= now
        and (sanction.ends_at is None or sanction.ends_at > now)
    )


def _strength(sanction: Sanction) -> tuple[int, float]:
    kind = 1 if sanction.kind == SanctionKind.BAN else 0
    ends = sanction.ends_at.timestamp() if sanction.ends_at is not None else float("inf")
    return (kind, ends)


def standing_of(user: User) -> Standing:
    """The member's standing, read in one query and kept on the user object for the request."""
    cached = user.__dict__.get(STANDING_CACHE_ATTR)
    if isinstance(cached, Standing):
        return cached
    now = timezone.now()
    in_force = Q(lifted_at__isnull=True) & (Q(ends_at__isnull=True) | Q(ends_at__gt=now))
    rows = list(
        Sanction.objects.filter(member_id=user.pk)
        .filter(in_force)
        .filter(Q(kind__in=RESTRICTING, starts_at__lte=now) | Q(seen_at__isnull=True))
        .select_related("rule", "board")
        .order_by("-created_at", "-pk")
    )
    restrictions = sorted(
        (s for s in rows if s.kind in RESTRICTING and s.starts_at <= now),
        key=_strength,
        reverse=True,
    )
    standing = Standing(
        restrictions=tuple(restrictions),
        unseen=tuple(s for s in rows if s.seen_at is None),
    )
    user.__dict__[STANDING_CACHE_ATTR] = standing
    return standing


def standing_forget(user: User) -> None:
    """Drop the cached standing (after a sanction was issued, lifted or seen in this request)."""
    user.__dict__.pop(STANDING_CACHE_ATTR, None)


def sanctions_in_window(*, member: User, now: dt.datetime | None = None) -> QuerySet[Sanction]:
    """The member's sanctions that count for the ladder: not lifted, issued within the window."""
    now = now or timezone.now()
    days = ModerationSettings.current().escalation_window_days
    return Sanction.objects.filter(
        member_id=member.pk,
        lifted_at__isnull=True,
        created_at__gte=now - dt.timedelta(days=days),
    )


def ladder_steps() -> list[SanctionStep]:
    return list(SanctionStep.objects.order_by("position"))


def sanction_history_for(member: User) -> list[Sanction]:
    """Every sanction of the member, newest first, with its rule, board and appeal."""
    return list(
        Sanction.objects.filter(member_id=member.pk)
        .select_related("rule", "board", "appeal")
        .order_by("-created_at", "-pk")
    )


@dataclass(frozen=True)
class RejectedPost:
    item: ReviewItem
    title: str
    url: str | None


def rejections_for(member: User) -> list[RejectedPost]:
    """The member's posts a moderator rejected, newest first, with their titles (3 queries)."""
    items = list(
        ReviewItem.objects.filter(author_id=member.pk, outcome=ReviewItem.Outcome.REJECTED)
        .select_related("rule", "appeal")
        .order_by("-decided_at", "-pk")[:100]
    )
    topic_ids = [i.content_id for i in items if i.content_kind == ContentKind.TOPIC]
    reply_ids = [i.content_id for i in items if i.content_kind == ContentKind.REPLY]
    topics = {t.pk: t for t in Topic.objects.filter(pk__in=topic_ids).only("id", "title")}
    replies = {
        r.pk: r
        for r in Reply.objects.filter(pk__in=reply_ids)
        .select_related("topic")
        .only("id", "topic_id", "topic__id", "topic__title")
    }
    rows = []
    for item in items:
        title, url = "", None
        if item.content_kind == ContentKind.TOPIC and item.content_id in topics:
            topic = topics[item.content_id]
            title, url = topic.title, reverse("community:topic", args=[topic.pk])
        elif item.content_kind == ContentKind.REPLY and item.content_id in replies:
            reply = replies[item.content_id]
            topic_url = reverse("community:topic", args=[reply.topic.pk])
            title, url = reply.topic.title, f"{topic_url}#reply-{reply.pk}"
        rows.append(RejectedPost(item=item, title=title, url=url))
    return rows


@dataclass(frozen=True)
class SanctionFilter:
    active_only: bool = True
    member: User | None = None
    kind: str = ""


def sanctions_for_cockpit(selection: SanctionFilter) -> QuerySet[Sanction]:
    """Sanctions for the cockpit table, newest first."""
    now = timezone.now()
    rows = Sanction.objects.select_related(
        "member", "rule", "board", "issued_by", "lifted_by", "appeal"
    ).order_by("-created_at", "-pk")
    if selection.active_only:
        rows = rows.filter(lifted_at__isnull=True, starts_at__lte=now).filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=now)
        )
    if selection.member is not None:
        rows = rows.filter(member_id=selection.member.pk)
    if selection.kind:
        rows = rows.filter(kind=selection.kind)
    return rows


def sanction_counts() -> dict[str, int]:
    """Sanctions in force by kind, and escalations of the last 30 days (one query)."""
    now = timezone.now()
    in_force = Q(lifted_at__isnull=True, starts_at__lte=now) & (
        Q(ends_at__isnull=True) | Q(ends_at__gt=now)
    )
    counts = Sanction.objects.aggregate(
        **{kind: Count("pk", filter=in_force & Q(kind=kind)) for kind in SanctionKind.values},
        escalated_30d=Count(
            "pk", filter=Q(escalated=True, created_at__gte=now - dt.timedelta(days=30))
        ),
    )
    return {name: int(value or 0) for name, value in counts.items()}
