"""Reads of points: balances, ledger pages and the sums that must match them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, F, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from hearth.accounts.models import User
from hearth.gamification.actions import EntryKind
from hearth.gamification.badge_selectors import NO_MARKS as NO_MARKS
from hearth.gamification.badge_selectors import AuthorMarks as AuthorMarks
from hearth.gamification.badge_selectors import HeldBadge as HeldBadge
from hearth.gamification.badge_selectors import (
    author_marks_for_members as author_marks_for_members,
)
from hearth.gamification.badge_selectors import badges_held as badges_held
from hearth.gamification.ladder import LadderRows, ladder_check
from hearth.gamification.models import (
    Badge,
    CheckIn,
    FairnessPolicy,
    Level,
    PointBalance,
    PointEntry,
    PointRule,
)
from hearth.gamification.privileges import fairness_policy_get
from hearth.gamification.rings import AlertCounts as AlertCounts
from hearth.gamification.rings import like_ring_alert_counts as like_ring_alert_counts
from hearth.gamification.rings import like_ring_alerts_open as like_ring_alerts_open
from hearth.gamification.rings import like_ring_alerts_reviewed as like_ring_alerts_reviewed
from hearth.gamification.services.checkins import check_in_source


@dataclass(frozen=True)
class Balances:
    lifetime: int
    spendable: int


def balance_for(*, member_id: int) -> Balances:
    row = PointBalance.objects.filter(member_id=member_id).first()
    return Balances(row.lifetime, row.spendable) if row else Balances(0, 0)


def ledger_sum_for(*, member_id: int) -> Balances:
    """The balances recomputed from the ledger (what :func:`balance_for` must equal)."""
    sums = PointEntry.objects.filter(member_id=member_id).aggregate(
        lifetime=Sum("lifetime_amount"), spendable=Sum("amount")
    )
    return Balances(sums["lifetime"] or 0, sums["spendable"] or 0)


def ledger_for_member(*, member_id: int) -> QuerySet[PointEntry]:
    return PointEntry.objects.filter(member_id=member_id).select_related("rule", "actor")


def point_rule_list() -> QuerySet[PointRule]:
    return PointRule.objects.prefetch_related("board_overrides")


def award_sources_for_target(*, target_key: str, actions: tuple[str, ...]) -> list[str]:
    """Source keys of awards for ``target_key`` that still stand (not yet reversed)."""
    return sorted(
        set(
            PointEntry.objects.filter(
                target_key=target_key,
                action__in=actions,
                kind=EntryKind.AWARD,
                reversal__isnull=True,
            ).values_list("source_key", flat=True)
        )
    )


def level_list() -> QuerySet[Level]:
    """The ladder, lowest level first."""
    return Level.objects.order_by("position")


def level_positions() -> tuple[int, Iterator[tuple[int, int]]]:
    """The first level's position (0 without a ladder), and (member id, level position) of
    every member with a balance, streamed (for analytics breakdowns by level)."""
    first = Level.objects.order_by("position").values_list("position", flat=True).first() or 0
    rows = (
        PointBalance.objects.filter(level__isnull=False)
        .values_list("member_id", "level__position")
        .iterator(chunk_size=10_000)
    )
    return first, rows


def levels_for_members(member_ids: Iterable[int]) -> dict[int, str]:
    """Level name of each member, in one query; members without points get the first level."""
    ids = set(member_ids)
    if not ids:
        return {}
    first = Level.objects.order_by("position").values("name")[:1]
    rows = (
        User.objects.filter(pk__in=ids)
        .annotate(level_name=Coalesce(F("point_balance__level__name"), Subquery(first)))
        .values_list("pk", "level_name")
    )
    return {pk: name or "" for pk, name in rows}


def level_expected_for(*, lifetime: int) -> Level | None:
    """The level the ladder gives ``lifetime`` points (what a stored level must equal)."""
    reached = Level.objects.filter(threshold__lte=max(lifetime, 0)).order_by("-threshold")
    return reached.first() or Level.objects.order_by("position").first()


@dataclass(frozen=True)
class LevelCount:
    name: str
    threshold: int
    members: int


def _band_counts(thresholds: list[int], prefix: str) -> dict[str, Count]:
    """One COUNT per level of a ladder given by its thresholds (lowest first)."""
    bands = {}
    for i, threshold in enumerate(thresholds):
        band = Q()
        if i > 0:
            band &= Q(points__gte=threshold)
        if i + 1 < len(thresholds):
            band &= Q(points__lt=thresholds[i + 1])
        bands[f"{prefix}{i}"] = Count("pk", filter=band)
    return bands


def _count_bands(**bands: Count) -> dict[str, int]:
    lifetime = Coalesce(F("point_balance__lifetime"), Value(0))
    counts = User.objects.filter(is_active=True).annotate(points=lifetime).aggregate(**bands)
    return {key: value or 0 for key, value in counts.items()}


def ladder_preview(*, levels: LadderRows) -> list[LevelCount]:
    """How many active members each proposed level would hold, in one aggregate query.

    Validates like :func:`hearth.gamification.services.ladder_set` (ValidationError)
    and saves nothing. Members without any points count at 0 lifetime points.
    """
    rows = ladder_check(levels)
    counts = _count_bands(**_band_counts([row.threshold for row in rows], "level_"))
    return [LevelCount(row.name, row.threshold, counts[f"level_{i}"]) for i, row in enumerate(rows)]


# Daily sign-in (签到) ----------------------------------------------------------------------


@dataclass(frozen=True)
class CheckInToday:
    """Today's sign-in as the button shows it: the streak and the points it earned."""

    day: dt.date
    streak: int
    points: int


def check_in_today(*, member: User) -> CheckInToday | None:
    """The member's sign-in of today (local time), None if they have not signed in yet."""
    day = timezone.localdate()
    row = CheckIn.objects.filter(member_id=member.pk, day=day).first()
    if row is None:
        return None
    points = PointEntry.objects.filter(
        member_id=member.pk, source_key=check_in_source(member_id=member.pk, day=day)
    ).aggregate(total=Sum("amount"))["total"]
    return CheckInToday(day=day, streak=row.streak, points=points or 0)


def streak_for(*, member: User) -> int:
    """Days signed in in a row up to today, or up to yesterday while today is still open."""
    today = timezone.localdate()
    row = (
        CheckIn.objects.filter(member_id=member.pk, day__gte=today - dt.timedelta(days=1))
        .order_by("-day")
        .values_list("streak", flat=True)
        .first()
    )
    return row or 0


def fairness_policy() -> FairnessPolicy:
    """The site's fairness policy (new-account throttle, like-ring thresholds)."""
    return fairness_policy_get()


# Cockpit: the ladder editor's preview and a member's ledger ------------------------------


@dataclass(frozen=True)
class LevelPreview:
    """One position of a proposed ladder beside the saved one (``today_*`` None past its end)."""

    position: int
    name: str
    threshold: int
    members: int
    today_name: str | None
    today_threshold: int | None
    today_members: int | None

    @property
    def change(self) -> int:
        return self.members - (self.today_members or 0)


def ladder_preview_compare(*, levels: LadderRows) -> list[LevelPreview]:
    """The proposal's members per level next to today's, position by position; saves nothing.

    Validates like :func:`ladder_preview` (ValidationError). Two queries: the
    saved ladder, then one aggregate counting both ladders' bands. A position
    only the saved ladder has comes last, with no proposed level (name "").
    """
    rows = ladder_check(levels)
    today = list(Level.objects.order_by("position").values_list("name", "threshold"))
    counts = _count_bands(
        **_band_counts([row.threshold for row in rows], "new_"),
        **_band_counts([threshold for _name, threshold in today], "old_"),
    )
    previews = []
    for i in range(max(len(rows), len(today))):
        row = rows[i] if i < len(rows) else None
        old = today[i] if i < len(today) else None
        previews.append(
            LevelPreview(
                position=i + 1,
                name=row.name if row else "",
                threshold=row.threshold if row else 0,
                members=counts[f"new_{i}"] if row else 0,
                today_name=old[0] if old else None,
                today_threshold=old[1] if old else None,
                today_members=counts[f"old_{i}"] if old else None,
            )
        )
    return previews


@dataclass(frozen=True)
class MemberPoints:
    """A member's standing as the cockpit's ledger page heads it."""

    lifetime: int
    spendable: int
    level_name: str
    level_position: int


def member_points_for(*, member_id: int) -> MemberPoints:
    """Balances and level in one query; a member without points sits on the first level."""
    first = Level.objects.order_by("position")
    row = (
        User.objects.filter(pk=member_id)
        .annotate(
            lifetime=Coalesce(F("point_balance__lifetime"), Value(0)),
            spendable=Coalesce(F("point_balance__spendable"), Value(0)),
            level_name=Coalesce(
                F("point_balance__level__name"), Subquery(first.values("name")[:1])
            ),
            level_position=Coalesce(
                F("point_balance__level__position"), Subquery(first.values("position")[:1])
            ),
        )
        .values("lifetime", "spendable", "level_name", "level_position")
        .first()
    )
    if row is None:
        return MemberPoints(0, 0, "", 0)
    return MemberPoints(
        row["lifetime"], row["spendable"], row["level_name"] or "", row["level_position"] or 0
    )


def ledger_page_for_member(*, member_id: int, page: int, per_page: int = 30) -> Page[PointEntry]:
    """One page of the member's ledger, newest first, with staff and reversals: two queries."""
    entries = (
        PointEntry.objects.filter(member_id=member_id)
        .select_related("actor", "reversal", "reverses")
        .order_by("-created_at", "-pk")
    )
    return Paginator(entries, per_page).get_page(page)


def ledger_members_search(*, query: str, limit: int = 20) -> list[User]:
    """Members whose username or display name contains ``query``, exact usernames first.

    Each carries ``lifetime`` (0 without points). One query.
    """
    query = query.strip().lstrip("@")
    if not query:
        return []
    return list(
        User.objects.filter(Q(username__icontains=query) | Q(display_name__icontains=query))
        .annotate(lifetime=Coalesce(F("point_balance__lifetime"), Value(0)))
        .annotate(exact=Case(When(username__iexact=query, then=Value(0)), default=Value(1)))
        .order_by("exact", "username")[:limit]
    )


def level_badge_choices() -> list[Badge]:
    """The badges a level may make its exclusive badge, in display order (one query)."""
    return list(Badge.objects.order_by("position", "pk"))
