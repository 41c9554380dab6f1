"""Reads of badges: the catalogue, a member's badges, the marks beside names, the cockpit lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.gamification.models import (
    Badge,
    BadgeCriterion,
    BadgeGrant,
    Level,
    MemberShowcase,
)


@dataclass(frozen=True, slots=True)
class AuthorMarks:
    """What the topic page shows beside an author's name."""

    level: str = ""
    badge_icon: str = ""
    badge_name: str = ""
    title: str = ""


NO_MARKS = AuthorMarks()


def author_marks_for_members(member_ids: Iterable[int]) -> dict[int, AuthorMarks]:
    """Level, shown badge and custom title of each member, in one query.

    Members without points get the first level; a shown badge no longer held
    is left out.
    """
    ids = set(member_ids)
    if not ids:
        return {}
    first = Level.objects.order_by("position").values("name")[:1]
    held = BadgeGrant.objects.filter(
        member_id=OuterRef("pk"), badge_id=OuterRef("showcase__badge_id"), revoked_at__isnull=True
    )
    rows = (
        User.objects.filter(pk__in=ids)
        .annotate(
            level_name=Coalesce(F("point_balance__level__name"), Subquery(first)),
            badge_icon=F("showcase__badge__icon"),
            badge_name=F("showcase__badge__name"),
            badge_held=Exists(held),
            title=F("showcase__title"),
        )
        .values_list("pk", "level_name", "badge_icon", "badge_name", "badge_held", "title")
    )
    marks = {}
    for pk, level, icon, name, is_held, title in rows:
        shown = bool(icon and is_held)
        marks[pk] = AuthorMarks(
            level=level or "",
            badge_icon=icon if shown else "",
            badge_name=name if shown else "",
            title=title or "",
        )
    return marks


def rule_text(badge: Badge) -> str:
    """How to earn ``badge``, as one line for members and staff."""
    if badge.criterion == BadgeCriterion.MANUAL:
        return _("Granted by the team.")
    return _("%(rule)s: %(threshold)s") % {
        "rule": badge.get_criterion_display(),
        "threshold": badge.threshold,
    }


@dataclass(frozen=True)
class CatalogueEntry:
    badge: Badge
    how_to_earn: str
    held_since: dt.datetime | None
    times: int  # active grants (a multiple badge may be held several times)

    @property
    def held(self) -> bool:
        return self.times > 0


def badge_catalogue(*, member_id: int | None) -> list[CatalogueEntry]:
    """Every active badge (and any inactive one the member holds), in order; two queries."""
    first: dict[int, dt.datetime] = {}
    times: dict[int, int] = {}
    if member_id is not None:
        grants = BadgeGrant.objects.filter(member_id=member_id, revoked_at__isnull=True)
        for badge_id, granted_at in grants.values_list("badge_id", "granted_at"):
            times[badge_id] = times.get(badge_id, 0) + 1
            if badge_id not in first or granted_at < first[badge_id]:
                first[badge_id] = granted_at
    badges = Badge.objects.filter(Q(active=True) | Q(pk__in=list(times))).order_by("position", "pk")
    return [CatalogueEntry(b, rule_text(b), first.get(b.pk), times.get(b.pk, 0)) for b in badges]


@dataclass(frozen=True)
class HeldBadge:
    badge: Badge
    granted_at: dt.datetime
    times: int


def badges_held(*, member_id: int) -> list[HeldBadge]:
    """The badges a member holds now, gold first, each once with how many times: one query."""
    grants = (
        BadgeGrant.objects.filter(member_id=member_id, revoked_at__isnull=True)
        .select_related("badge")
        .order_by("granted_at", "pk")
    )
    held: dict[int, HeldBadge] = {}
    for grant in grants:
        seen = held.get(grant.badge_id)
        times = seen.times + 1 if seen else 1
        held[grant.badge_id] = HeldBadge(
            grant.badge, seen.granted_at if seen else grant.granted_at, times
        )
    order = {"gold": 0, "silver": 1, "bronze": 2}
    return sorted(held.values(), key=lambda h: (order.get(h.badge.tier, 3), h.badge.position))


def showcase_for(*, member_id: int) -> MemberShowcase | None:
    return MemberShowcase.objects.filter(member_id=member_id).first()


def badge_list_for_cockpit() -> QuerySet[Badge]:
    """Every badge with how many members hold it now: one query."""
    return Badge.objects.annotate(
        holders=Count("grants__member", filter=Q(grants__revoked_at__isnull=True), distinct=True)
    ).order_by("position", "pk")


@dataclass(frozen=True)
class GrantChange:
    at: dt.datetime
    granted: bool  # False: revoked
    grant: BadgeGrant
    actor: User | None
    reason: str


def badge_changes_recent(*, limit: int = 30) -> list[GrantChange]:
    """The latest grants and revocations, newest first, with who and why: two queries."""
    related = ("badge", "member", "granted_by", "revoked_by")
    grants = BadgeGrant.objects.select_related(*related).order_by("-granted_at", "-pk")[:limit]
    revoked = (
        BadgeGrant.objects.filter(revoked_at__isnull=False)
        .select_related(*related)
        .order_by("-revoked_at", "-pk")[:limit]
    )
    changes = [GrantChange(g.granted_at, True, g, g.granted_by, g.reason) for g in grants]
    changes += [
        GrantChange(g.revoked_at, False, g, g.revoked_by, g.revoke_reason)
        for g in revoked
        if g.revoked_at is not None
    ]
    changes.sort(key=lambda c: c.at, reverse=True)
    return changes[:limit]


def grant_active_for(*, badge: Badge, member: User) -> BadgeGrant | None:
    """The member's latest grant of ``badge`` still held (what a staff revocation takes back)."""
    return (
        BadgeGrant.objects.filter(badge=badge, member=member, revoked_at__isnull=True)
        .order_by("-granted_at", "-pk")
        .first()
    )
