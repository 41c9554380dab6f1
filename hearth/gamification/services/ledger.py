"""The one place that inserts ledger rows and moves balances (internal to the services)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from hearth.core.events import publish
from hearth.gamification.events import LevelChanged
from hearth.gamification.models import Level, PointBalance, PointEntry
from hearth.gamification.services.leaderboards import leaderboard_entry_score


@dataclass(frozen=True, kw_only=True)
class EntryDraft:
    """Everything of an entry except the member and the amounts."""

    kind: str
    idempotency_key: str
    action: str = ""
    rule_id: int | None = None
    source_key: str = ""
    target_key: str = ""
    board_id: int | None = None
    cycle_key: str = ""
    reverses_id: int | None = None
    reason: str = ""
    actor_id: int | None = None


def balance_lock(member_id: int) -> PointBalance:
    """Create the member's balance row if needed and lock it until the transaction ends.

    Every writer of a member's points takes this lock first, so checks made
    after it (replay, cap, no-repeat, floor) see every committed entry and
    cannot race. Call inside ``transaction.atomic()``.
    """
    locked = PointBalance.objects.select_for_update(of=("self",)).select_related("level")
    balance = locked.filter(member_id=member_id).first()
    if balance is None:  # first points ever: create the row, racing writers tolerated
        fresh = PointBalance(member_id=member_id, level=_level_for(0))
        PointBalance.objects.bulk_create([fresh], ignore_conflicts=True)
        balance = locked.get(member_id=member_id)
    return balance


def entry_insert(
    *, balance: PointBalance, draft: EntryDraft, amount: int, lifetime_amount: int
) -> PointEntry | None:
    """Insert one entry and move the locked balance by the same amounts.

    Returns None when the idempotency key is taken (a replay that slipped past
    the caller's check): the UNIQUE constraint is the last guard.
    """
    entry = PointEntry(
        member_id=balance.member_id,
        amount=amount,
        lifetime_amount=lifetime_amount,
        kind=draft.kind,
        idempotency_key=draft.idempotency_key,
        action=draft.action,
        rule_id=draft.rule_id,
        source_key=draft.source_key,
        target_key=draft.target_key,
        board_id=draft.board_id,
        cycle_key=draft.cycle_key,
        reverses_id=draft.reverses_id,
        reason=draft.reason,
        actor_id=draft.actor_id,
    )
    try:
        with transaction.atomic():
            entry.save(force_insert=True)
    except IntegrityError:
        return None
    now = timezone.now()
    old_level = balance.level
    level = old_level
    if lifetime_amount or old_level is None:
        level = _level_for(balance.lifetime + lifetime_amount)
    PointBalance.objects.filter(member_id=balance.member_id).update(
        lifetime=F("lifetime") + lifetime_amount,
        spendable=F("spendable") + amount,
        level=level,
        updated_at=now,
    )
    leaderboard_entry_score(entry=entry)  # same lock, same transaction
    balance.lifetime += lifetime_amount
    balance.spendable += amount
    balance.level = level
    balance.updated_at = now
    if level is not None and level != old_level:
        publish(
            LevelChanged(
                member_id=balance.member_id,
                old=old_level.position if old_level else 0,
                new=level.position,
                level_name=level.name,
            )
        )
    return entry


def _level_for(lifetime: int) -> Level | None:
    """The highest level ``lifetime`` points reach (the first level for 0 or less)."""
    return Level.objects.filter(threshold__lte=max(lifetime, 0)).order_by("-threshold").first()
