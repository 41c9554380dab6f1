"""Writes on moderation policies: what each signal does, per board and member level. Audited."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.moderation.models import ModerationPolicy
from hearth.moderation.services.audit import audit_record
from hearth.moderation.words.hooks import words_changed

MAX_FIRST_POSTS_HELD = 100


@dataclass(frozen=True)
class PolicyFields:
    board_id: int | None
    max_level_position: int | None
    first_posts_held: int
    contact_action: str
    link_action: str
    shortener_action: str
    repeat_action: str
    flood_action: str
    repost_action: str
    classifier_hold: float | None
    classifier_block: float | None


def policy_snapshot(policy: ModerationPolicy) -> dict[str, Any]:
    return {f.name: getattr(policy, f.name) for f in fields(PolicyFields)}


def _check(values: PolicyFields, exclude: int | None) -> None:
    errors: dict[str, str] = {}
    if not 0 <= values.first_posts_held <= MAX_FIRST_POSTS_HELD:
        errors["first_posts_held"] = _("From 0 to %(max)d.") % {"max": MAX_FIRST_POSTS_HELD}
    for name in ("classifier_hold", "classifier_block"):
        score = getattr(values, name)
        if score is not None and not 0.0 <= score <= 1.0:
            errors[name] = _("A score from 0 to 1, or empty for never.")
    hold, block = values.classifier_hold, values.classifier_block
    if not errors and hold is not None and block is not None and block < hold:
        errors["classifier_block"] = _("The blocking score must not be below the holding score.")
    board = Q(board__isnull=True) if values.board_id is None else Q(board_id=values.board_id)
    level = (
        Q(max_level_position__isnull=True)
        if values.max_level_position is None
        else Q(max_level_position=values.max_level_position)
    )
    clash = ModerationPolicy.objects.filter(board & level)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        errors["board"] = _("A policy for this board and level exists; edit that one.")
    if errors:
        raise ValidationError(errors)


def _is_fallback(policy: ModerationPolicy) -> bool:
    return policy.board_id is None and policy.max_level_position is None


@transaction.atomic
def policy_save(
    *, actor: User | None, policy: ModerationPolicy | None, values: PolicyFields
) -> ModerationPolicy:
    """Add a policy row (``policy`` None) or change one."""
    _check(values, exclude=policy.pk if policy else None)
    if (
        policy is not None
        and _is_fallback(policy)
        and (values.board_id or values.max_level_position)
    ):
        raise ValidationError(
            {"board": _("The site-wide policy for every level is the fallback; it stays so.")}
        )
    before = policy_snapshot(policy) if policy else {}
    row = policy or ModerationPolicy()
    for name, value in asdict(values).items():
        setattr(row, name, value)
    row.save()
    audit_record(
        actor=actor,
        action="policy.edit" if policy else "policy.add",
        target_kind="policy",
        target_id=row.pk,
        before=before,
        after=policy_snapshot(row),
    )
    words_changed()
    return row


@transaction.atomic
def policy_delete(*, actor: User | None, policy: ModerationPolicy) -> None:
    if _is_fallback(policy):
        raise ValidationError(
            _("The site-wide policy for every level is the fallback and cannot be deleted.")
        )
    before = policy_snapshot(policy)
    pk = policy.pk
    policy.delete()
    audit_record(
        actor=actor, action="policy.delete", target_kind="policy", target_id=pk, before=before
    )
    words_changed()
