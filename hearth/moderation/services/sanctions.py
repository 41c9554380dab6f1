"""Sanctions (警告 / 禁言 / 封禁): issued from the ladder or by hand, escalated, lifted.

The ladder is the ordered ``SanctionStep`` rows (default: warning → 1-day mute
→ 7-day mute → 30-day ban → permanent ban). A member's place on it is the
highest step among their sanctions within the escalation window that were
not lifted; asking for "the next step" issues the rung above it. A warning
that brings the member's warnings since the last escalation (within the
window) to ``warnings_to_escalate`` issues the next non-warning rung too.

Expired sanctions simply stop applying: nothing runs when they end.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.community.models import Board
from hearth.core.events import publish
from hearth.moderation.events import SanctionIssued
from hearth.moderation.models import (
    CommunityRule,
    ModerationSettings,
    ReviewItem,
    Sanction,
    SanctionKind,
    SanctionStep,
)
from hearth.moderation.selectors.sanctions import ladder_steps, sanctions_in_window, standing_forget
from hearth.moderation.services.audit import audit_record
from hearth.notifications.models import Verb
from hearth.notifications.services import notification_create

DEFAULT_MUTE_HOURS = 24
REASON_MAX = 1000
_KIND_ORDER: dict[str, int] = {SanctionKind.WARNING: 0, SanctionKind.MUTE: 1, SanctionKind.BAN: 2}


def can_issue_sanctions(user: Any) -> bool:
    """Staff with the moderation permission issue and lift sanctions."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_perm("community.moderate_content")
    )


def _rank(kind: str, hours: int | None) -> tuple[int, float]:
    if kind == SanctionKind.WARNING:
        return (0, 0.0)
    return (_KIND_ORDER[kind], float(hours) if hours is not None else float("inf"))


def _position(member: User, now: dt.datetime) -> int:
    steps = sanctions_in_window(member=member, now=now).values_list("step", flat=True)
    return max((s for s in steps if s is not None), default=0)


def _next_step(ladder: list[SanctionStep], position: int) -> SanctionStep:
    if not ladder:
        raise ValidationError(_("The sanction ladder has no steps; add one in the cockpit."))
    return next((s for s in ladder if s.position > position), ladder[-1])


def _next_non_warning(ladder: list[SanctionStep], position: int) -> SanctionStep | None:
    harder = [s for s in ladder if s.kind != SanctionKind.WARNING]
    if not harder:
        return None
    return next((s for s in harder if s.position > position), harder[-1])


def _step_matching(ladder: list[SanctionStep], kind: str, hours: int | None) -> int | None:
    """The highest rung no harder than a sanction given by hand (its place on the ladder)."""
    rank = _rank(kind, hours)
    fitting = [s.position for s in ladder if _rank(s.kind, s.duration_hours) <= rank]
    return max(fitting, default=None)


def _default_hours(ladder: list[SanctionStep], kind: str, position: int) -> int | None:
    """A mute by hand without a duration lasts as long as the ladder's next mute; a ban is permanent."""
    if kind != SanctionKind.MUTE:
        return None
    mutes = [s for s in ladder if s.kind == SanctionKind.MUTE and s.duration_hours]
    step = next((s for s in mutes if s.position > position), mutes[-1] if mutes else None)
    return step.duration_hours if step is not None else DEFAULT_MUTE_HOURS


def _ends_at(
    kind: str, hours: int | None, start: dt.datetime, window_days: int
) -> dt.datetime | None:
    if kind == SanctionKind.WARNING:
        return start + dt.timedelta(days=window_days)  # it stops counting for escalation
    return start + dt.timedelta(hours=hours) if hours is not None else None


def sanction_snapshot(sanction: Sanction) -> dict[str, Any]:
    """The sanction as the audit log keeps it."""
    return {
        "kind": sanction.kind,
        "step": sanction.step,
        "board": sanction.board_id,
        "rule": sanction.rule.code,
        "reason": sanction.reason,
        "starts_at": sanction.starts_at.isoformat(),
        "ends_at": sanction.ends_at.isoformat() if sanction.ends_at else None,
        "escalated": sanction.escalated,
        "item": sanction.item_id,
        "lifted_at": sanction.lifted_at.isoformat() if sanction.lifted_at else None,
    }


def _until_text(sanction: Sanction) -> str:
    if sanction.ends_at is None:
        return _("permanently")
    local = timezone.localtime(sanction.ends_at)
    return _("until %(time)s") % {"time": local.strftime("%Y-%m-%d %H:%M")}


def sanction_sentence(sanction: Sanction) -> str:
    """One line naming the kind, the scope, the rule and until when (notifications, banner)."""
    names = {
        "rule": sanction.rule.title,
        "until": _until_text(sanction),
        "board": sanction.board.name if sanction.board is not None else "",
    }
    if sanction.kind == SanctionKind.WARNING and sanction.ends_at is None:
        return _("Warning for breaking the rule “%(rule)s”.") % names
    if sanction.kind == SanctionKind.WARNING:
        return (
            _(
                "Warning for breaking the rule “%(rule)s” (it counts towards further sanctions "
                "%(until)s)."
            )
            % names
        )
    if sanction.board is not None:
        if sanction.kind == SanctionKind.MUTE:
            return _("Muted in “%(board)s” for breaking the rule “%(rule)s”, %(until)s.") % names
        return _("Banned from “%(board)s” for breaking the rule “%(rule)s”, %(until)s.") % names
    if sanction.kind == SanctionKind.MUTE:
        return _("Muted for breaking the rule “%(rule)s”, %(until)s.") % names
    return _("Banned from posting for breaking the rule “%(rule)s”, %(until)s.") % names


def _check_issue(
    actor: User | None, member: User, rule: CommunityRule, kind: str | None, hours: int | None
) -> None:
    if actor is not None and not can_issue_sanctions(actor):
        raise PermissionDenied(_("You cannot issue sanctions."))
    if actor is not None and actor.pk == member.pk:
        raise ValidationError(_("You cannot sanction yourself."))
    if kind is not None and kind not in SanctionKind.values:
        raise ValidationError({"kind": _("Unknown kind of sanction.")})
    if not rule.active:
        raise ValidationError({"rule": _("This rule is no longer active; cite an active rule.")})
    if hours is not None and hours <= 0:
        raise ValidationError({"duration_hours": _("The duration must be at least one hour.")})


def _create(
    *,
    actor: User | None,
    member: User,
    rule: CommunityRule,
    kind: str,
    step: int | None,
    hours: int | None,
    board: Board | None,
    reason: str,
    item: ReviewItem | None,
    escalated: bool,
    window_days: int,
) -> Sanction:
    now = timezone.now()
    sanction = Sanction.objects.create(
        member=member,
        kind=kind,
        step=step,
        board=board,
        rule=rule,
        reason=reason[:REASON_MAX],
        starts_at=now,
        ends_at=_ends_at(kind, hours, now, window_days),
        issued_by=actor,
        item=item,
        escalated=escalated,
        created_at=now,
    )
    audit_record(
        actor=actor,
        action="sanction.issue",
        target_kind="sanction",
        target_id=sanction.pk,
        member=member,
        after=sanction_snapshot(sanction),
        note=sanction.reason,
    )
    text = sanction_sentence(sanction)
    if sanction.reason:
        text = f"{text} {_('Reason: %(reason)s') % {'reason': sanction.reason}}"
    notification_create(
        recipient_id=member.pk,
        verb=Verb.MODERATION,
        actor_id=actor.pk if actor is not None else None,
        text=text,
    )
    publish(SanctionIssued(sanction_id=sanction.pk, member_id=member.pk, kind=kind))
    return sanction


def _escalation_due(member: User, settings: ModerationSettings, now: dt.datetime) -> bool:
    if settings.warnings_to_escalate <= 0:
        return False
    recent = sanctions_in_window(member=member, now=now)
    last = recent.filter(escalated=True).order_by("-pk").first()
    warnings = recent.filter(kind=SanctionKind.WARNING)
    if last is not None:
        warnings = warnings.filter(pk__gt=last.pk)
    return warnings.count() >= settings.warnings_to_escalate


@transaction.atomic
def sanction_issue(
    *,
    actor: User | None,
    member: User,
    rule: CommunityRule,
    kind: str | None = None,
    board: Board | None = None,
    reason: str = "",
    item: ReviewItem | None = None,
    duration_hours: int | None = None,
) -> Sanction:
    """Sanction ``member`` for breaking ``rule``; returns the sanction asked for.

    ``kind`` None issues the next step of the ladder; "warning" a warning;
    "mute" / "ban" for ``duration_hours`` (None: a mute lasts as long as the
    ladder's next mute, a ban is permanent). ``board`` None is site-wide.
    A warning that completes the escalation count issues the ladder's next
    mute or ban as well (``escalated``).
    """
    _check_issue(actor, member, rule, kind, duration_hours)
    User.objects.select_for_update().filter(pk=member.pk).first()  # one issuer at a time
    settings = ModerationSettings.current()
    ladder = ladder_steps()
    now = timezone.now()
    position = _position(member, now)
    reason = reason.strip()
    step_no: int | None
    if kind is None:
        step = _next_step(ladder, position)
        kind, step_no = step.kind, step.position
        hours = duration_hours if duration_hours is not None else step.duration_hours
    else:
        hours = (
            duration_hours if duration_hours is not None else _default_hours(ladder, kind, position)
        )
        step_no = _step_matching(ladder, kind, hours)
    common: dict[str, Any] = {
        "actor": actor,
        "member": member,
        "rule": rule,
        "board": board,
        "item": item,
        "window_days": settings.escalation_window_days,
    }
    sanction = _create(
        kind=kind, step=step_no, hours=hours, reason=reason, escalated=False, **common
    )
    if kind == SanctionKind.WARNING and _escalation_due(member, settings, now):
        harder = _next_non_warning(ladder, _position(member, now))
        if harder is not None:
            why = _("%(count)d warnings within %(days)d days.") % {
                "count": settings.warnings_to_escalate,
                "days": settings.escalation_window_days,
            }
            _create(
                kind=harder.kind,
                step=harder.position,
                hours=harder.duration_hours,
                reason=why,
                escalated=True,
                **common,
            )
    standing_forget(member)
    return sanction


@transaction.atomic
def sanction_lift(*, actor: User | None, sanction: Sanction, reason: str) -> Sanction:
    """End a sanction early (by hand, or because an appeal overturned it). Says why."""
    if actor is not None and not can_issue_sanctions(actor):
        raise PermissionDenied(_("You cannot lift sanctions."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the sanction is lifted.")})
    locked = (
        Sanction.objects.select_for_update(of=("self",))
        .select_related("rule", "board")
        .get(pk=sanction.pk)
    )
    if locked.lifted_at is not None:
        raise ValidationError(_("This sanction was already lifted."))
    before = sanction_snapshot(locked)
    locked.lifted_at = timezone.now()
    locked.lifted_by = actor
    locked.lift_reason = reason[:REASON_MAX]
    locked.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    audit_record(
        actor=actor,
        action="sanction.lift",
        target_kind="sanction",
        target_id=locked.pk,
        member=locked.member_id,
        before=before,
        after=sanction_snapshot(locked),
        note=locked.lift_reason,
    )
    notification_create(
        recipient_id=locked.member_id,
        verb=Verb.MODERATION,
        actor_id=actor.pk if actor is not None else None,
        text=_("Lifted: %(sanction)s") % {"sanction": sanction_sentence(locked)},
    )
    sanction.lifted_at, sanction.lifted_by, sanction.lift_reason = (
        locked.lifted_at,
        locked.lifted_by,
        locked.lift_reason,
    )
    if Sanction.member.is_cached(sanction):  # the caller holds the member: drop its standing
        standing_forget(sanction.member)
    return locked


@transaction.atomic
def sanctions_mark_seen(*, member: User, ids: list[int] | None = None) -> int:
    """The member dismissed the banner: their unseen sanctions (or the given ones) are seen."""
    unseen = Sanction.objects.filter(member_id=member.pk, seen_at__isnull=True)
    if ids is not None:
        unseen = unseen.filter(pk__in=ids)
    changed = unseen.update(seen_at=timezone.now())
    standing_forget(member)
    return changed
