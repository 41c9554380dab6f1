"""Reads of points: balances, ledger pages and the sums that must match them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

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
from hearth.gamification.models import Level, PointBalance, PointEntry, PointRule


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


def ladder_preview(*, levels: LadderRows) -> list[LevelCount]:
    """How many active members each proposed level would hold, in one aggregate query.

    Validates like :func:`hearth.gamification.services.ladder_set` (ValidationError)
    and saves nothing. Members without any points count at 0 lifetime points.
    """
    rows = ladder_check(levels)
    lifetime = Coalesce(F("point_balance__lifetime"), Value(0))
    bands = {}
    for i, (_name, threshold) in enumerate(rows):
        band = Q()
        if i > 0:
            band &= Q(points__gte=threshold)
        if i + 1 < len(rows):
            band &= Q(points__lt=rows[i + 1][1])
        bands[f"level_{i}"] = Count("pk", filter=band)
    counts = User.objects.filter(is_active=True).annotate(points=lifetime).aggregate(**bands)
    return [
        LevelCount(name, threshold, counts[f"level_{i}"] or 0)
        for i, (name, threshold) in enumerate(rows)
    ]
