"""Reads of points: balances, ledger pages and the sums that must match them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet, Sum

from hearth.gamification.actions import EntryKind
from hearth.gamification.models import PointBalance, PointEntry, PointRule


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
