"""Staff adjustments of a member's points: mandatory reason, recorded in the ledger."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.gamification.actions import EntryKind
from hearth.gamification.models import PointEntry
from hearth.gamification.permissions import can_adjust_points
from hearth.gamification.services.ledger import EntryDraft, balance_lock, entry_insert

ADJUSTMENT_LIMIT = 1_000_000
REASON_MAX = 500


def _check(amount: int, reason: str) -> str:
    errors: dict[str, str] = {}
    if amount == 0:
        errors["amount"] = _("The adjustment must add or remove at least one point.")
    elif abs(amount) > ADJUSTMENT_LIMIT:
        errors["amount"] = _("An adjustment can move at most %(limit)d points.") % {
            "limit": ADJUSTMENT_LIMIT
        }
    reason = reason.strip()
    if not reason:
        errors["reason"] = _("Give a reason for the adjustment.")
    elif len(reason) > REASON_MAX:
        errors["reason"] = _("The reason can have at most %(max)d characters.") % {
            "max": REASON_MAX
        }
    if errors:
        raise ValidationError(errors)
    return reason


def points_adjust(*, actor: User, member: User, amount: int, reason: str) -> PointEntry:
    """Add (or, negative, remove) points by hand. Moves both balances; no floor applies."""
    if not can_adjust_points(actor):
        raise PermissionDenied(_("You cannot adjust members' points."))
    reason = _check(amount, reason)
    with transaction.atomic():
        balance = balance_lock(member.pk)
        draft = EntryDraft(
            kind=EntryKind.ADJUSTMENT,
            idempotency_key=f"adjust|{uuid.uuid4().hex}",
            reason=reason,
            actor_id=actor.pk,
        )
        entry = entry_insert(balance=balance, draft=draft, amount=amount, lifetime_amount=amount)
    assert entry is not None  # a fresh random key cannot collide
    return entry
