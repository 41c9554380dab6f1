"""Award and reverse points by rule. Idempotent, capped, and safe under concurrent writers."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.gamification.actions import Cycle, EntryKind, PointAction
from hearth.gamification.cycles import cycle_key_for
from hearth.gamification.models import PointBalance, PointEntry, PointRule
from hearth.gamification.services.ledger import EntryDraft, balance_lock, entry_insert

Target = Model | str | None


def target_key_for(target: Target) -> str:
    """``"topic:12"`` for a model instance, the string itself for a plain key."""
    if target is None:
        return ""
    if isinstance(target, str):
        return target[:100]
    return f"{target._meta.model_name}:{target.pk}"


def award_key(*, action: str, member_id: int, source_key: str) -> str:
    return f"{action}|{member_id}|{source_key}"[:255]


def _allowed(*, rule: PointRule, member_id: int, cycle_key: str, target_key: str) -> bool:
    """Cap and no-repeat checks. Call with the member's balance locked."""
    awards = PointEntry.objects.filter(
        member_id=member_id, action=rule.action, kind=EntryKind.AWARD, reversal__isnull=True
    )
    cap = 1 if rule.cycle == Cycle.ONCE else rule.cap
    if cap is not None and awards.filter(cycle_key=cycle_key).count() >= cap:
        return False
    return not (
        rule.no_repeat_target and target_key and awards.filter(target_key=target_key).exists()
    )


def _amount(*, rule: PointRule, board_id: int | None, multiplier: int, spendable: int) -> int:
    points = rule.points
    if board_id is not None:
        override = rule.board_overrides.filter(board_id=board_id).first()
        if override is not None:
            points = override.points
    amount = points * multiplier
    if amount < 0 and rule.floor is not None:
        amount = min(0, max(amount, rule.floor - spendable))
    return amount


def points_award(
    *,
    member: User | int,
    action: str,
    source_key: str,
    target: Target = None,
    board: Model | int | None = None,
    occurred_at: dt.datetime | None = None,
    multiplier: int = 1,
) -> PointEntry | None:
    """Apply the active rule for ``action`` to ``member``; None when nothing is due.

    Nothing is due when the rule is missing or inactive, the event was seen
    before (same ``source_key``), the cycle's cap is reached, or the rule
    forbids a second reward for the same target. A penalty stops at the
    rule's floor. Replays of one event award once, however many workers
    replay it at the same time.
    """
    if action not in PointAction.values:
        raise ValidationError({"action": _("Unknown action: %(action)s.") % {"action": action}})
    if not source_key:
        raise ValidationError({"source_key": _("A source is required.")})
    rule = PointRule.objects.filter(action=action, active=True).first()
    if rule is None:
        return None
    member_id = member if isinstance(member, int) else member.pk
    board_id = board if isinstance(board, int) or board is None else board.pk
    key = award_key(action=action, member_id=member_id, source_key=source_key)
    cycle_key = cycle_key_for(rule.cycle, occurred_at or timezone.now())
    target_key = target_key_for(target)
    seen = PointEntry.objects.filter(idempotency_key=key)
    if seen.exists():  # a committed replay: answer without taking the lock
        return None
    with transaction.atomic():
        balance = balance_lock(member_id)
        if seen.exists():  # a concurrent writer committed it while we waited
            return None
        if not _allowed(rule=rule, member_id=member_id, cycle_key=cycle_key, target_key=target_key):
            return None
        amount = _amount(
            rule=rule, board_id=board_id, multiplier=multiplier, spendable=balance.spendable
        )
        draft = EntryDraft(
            kind=EntryKind.AWARD,
            idempotency_key=key,
            action=action,
            rule_id=rule.pk,
            source_key=source_key,
            target_key=target_key,
            board_id=board_id,
            cycle_key=cycle_key,
        )
        return entry_insert(
            balance=balance, draft=draft, amount=amount, lifetime_amount=max(amount, 0)
        )


def points_reverse(*, source_key: str, reason: str = "") -> list[PointEntry]:
    """Withdraw every award made for ``source_key`` by compensating entries.

    History is never edited: each award gets one reversal entry with the
    opposite amounts. Reversing again, or concurrently, adds nothing.
    """
    member_ids = sorted(
        set(
            PointEntry.objects.filter(
                source_key=source_key, kind=EntryKind.AWARD, reversal__isnull=True
            ).values_list("member_id", flat=True)
        )
    )
    reversals: list[PointEntry] = []
    with transaction.atomic():
        for member_id in member_ids:  # one lock order for every writer: no deadlocks
            balance = balance_lock(member_id)
            reversals.extend(_reverse_for_member(balance, source_key, reason))
    return reversals


def _reverse_for_member(balance: PointBalance, source_key: str, reason: str) -> list[PointEntry]:
    done = []
    awards = PointEntry.objects.filter(
        member_id=balance.member_id,
        source_key=source_key,
        kind=EntryKind.AWARD,
        reversal__isnull=True,
    ).order_by("pk")
    for award in awards:
        draft = EntryDraft(
            kind=EntryKind.REVERSAL,
            idempotency_key=f"reverse|{award.idempotency_key}"[:255],
            action=award.action,
            rule_id=award.rule_id,
            source_key=source_key,
            target_key=award.target_key,
            board_id=award.board_id,
            cycle_key=award.cycle_key,
            reverses_id=award.pk,
            reason=reason,
        )
        entry = entry_insert(
            balance=balance,
            draft=draft,
            amount=-award.amount,
            lifetime_amount=-award.lifetime_amount,
        )
        if entry is not None:
            done.append(entry)
    return done
