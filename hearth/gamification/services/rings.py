"""Fairness: raising like-ring alerts, reviewing them, and the fairness policy's editor."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.gamification.models import AlertStatus, FairnessPolicy, LikeRingAlert
from hearth.gamification.permissions import can_edit_fairness_policy, can_review_like_rings
from hearth.gamification.privileges import POLICY_PK, fairness_policy_forget, fairness_policy_get
from hearth.gamification.rings import RingGroup, like_ring_groups, ring_like_sources
from hearth.gamification.services.awards import points_reverse

NOTE_MAX = 500

# field: (least, most) accepted by the policy editor
POLICY_BOUNDS: dict[str, tuple[int, int]] = {
    "new_account_days": (0, 365),
    "new_account_daily_posts": (1, 1000),
    "ring_min_likes": (2, 1000),
    "ring_window_days": (1, 365),
}


def _alert_create(group: RingGroup, start: dt.datetime, end: dt.datetime) -> LikeRingAlert | None:
    try:
        with transaction.atomic():
            alert = LikeRingAlert.objects.create(
                signature=group.signature,
                likes=group.likes,
                expected=group.expected,
                window_start=start,
                window_end=end,
            )
            alert.members.set(group.member_ids)
    except IntegrityError:  # a concurrent run raised the same group first
        return None
    return alert


def like_rings_detect(*, now: dt.datetime | None = None) -> list[LikeRingAlert]:
    """Look for like rings over the policy's window and raise one open alert per new group.

    A group is skipped while it has an open alert, and when an alert for it
    was reviewed within the window (a dismissed group is not raised again
    for the same likes). Safe to run from cron and concurrently.
    """
    policy = fairness_policy_get()
    end = now or timezone.now()
    start = end - dt.timedelta(days=policy.ring_window_days)
    groups = like_ring_groups(start=start, end=end, min_likes=policy.ring_min_likes)
    if not groups:
        return []
    known = set(
        LikeRingAlert.objects.filter(signature__in=[g.signature for g in groups])
        .filter(Q(status=AlertStatus.OPEN) | Q(reviewed_at__gte=start))
        .values_list("signature", flat=True)
    )
    raised = []
    for group in groups:
        if group.signature in known:
            continue
        alert = _alert_create(group, start, end)
        if alert is not None:
            raised.append(alert)
    return raised


def _note_checked(note: str, *, required: bool) -> str:
    note = note.strip()
    if required and not note:
        raise ValidationError({"note": _("Write a note: what made you confirm this ring?")})
    if len(note) > NOTE_MAX:
        raise ValidationError(
            {"note": _("The note can have at most %(max)d characters.") % {"max": NOTE_MAX}}
        )
    return note


def _open_alert_locked(alert: LikeRingAlert) -> LikeRingAlert:
    locked = LikeRingAlert.objects.select_for_update().filter(pk=alert.pk).first()
    if locked is None or locked.status != AlertStatus.OPEN:
        raise ValidationError({"status": _("This alert has already been reviewed.")})
    return locked


def _review(locked: LikeRingAlert, *, actor: User, status: str, note: str) -> LikeRingAlert:
    locked.status = status
    locked.reviewed_by = actor
    locked.reviewed_at = timezone.now()
    locked.note = note
    locked.save(update_fields=["status", "reviewed_by", "reviewed_at", "note"])
    return locked


def like_ring_confirm(*, actor: User, alert: LikeRingAlert, note: str) -> LikeRingAlert:
    """Confirm a ring: withdraw the points its members earned by liking each other.

    Only likes between the group's members inside the alert's window are
    reversed (compensating entries; likes from and to others keep their
    points). The note is required. All or nothing.
    """
    if not can_review_like_rings(actor):
        raise PermissionDenied(_("You cannot review like-ring alerts."))
    note = _note_checked(note, required=True)
    with transaction.atomic():
        locked = _open_alert_locked(alert)
        member_ids = list(locked.members.values_list("pk", flat=True))
        reason = _("Like ring confirmed by staff (alert %(id)d): %(note)s") % {
            "id": locked.pk,
            "note": note,
        }
        for source in ring_like_sources(
            member_ids=member_ids, start=locked.window_start, end=locked.window_end
        ):
            points_reverse(source_key=source, reason=reason)
        return _review(locked, actor=actor, status=AlertStatus.CONFIRMED, note=note)


def like_ring_dismiss(*, actor: User, alert: LikeRingAlert, note: str = "") -> LikeRingAlert:
    """Dismiss an alert (the likes are genuine): nothing changes for the members."""
    if not can_review_like_rings(actor):
        raise PermissionDenied(_("You cannot review like-ring alerts."))
    note = _note_checked(note, required=False)
    with transaction.atomic():
        locked = _open_alert_locked(alert)
        return _review(locked, actor=actor, status=AlertStatus.DISMISSED, note=note)


def _policy_errors(values: dict[str, int]) -> dict[str, str]:
    errors = {}
    for field, (least, most) in POLICY_BOUNDS.items():
        value = values[field]
        if isinstance(value, bool) or not isinstance(value, int):
            errors[field] = _("Enter a whole number.")
        elif not least <= value <= most:
            errors[field] = _("Enter a number from %(least)d to %(most)d.") % {
                "least": least,
                "most": most,
            }
    return errors


def fairness_policy_set(
    *,
    actor: User,
    new_account_days: int,
    new_account_daily_posts: int,
    new_account_likes_earn: bool,
    ring_min_likes: int,
    ring_window_days: int,
) -> FairnessPolicy:
    """Save the fairness policy. Bad values raise ValidationError by field; nothing is saved."""
    if not can_edit_fairness_policy(actor):
        raise PermissionDenied(_("You cannot change the fairness policy."))
    values = {
        "new_account_days": new_account_days,
        "new_account_daily_posts": new_account_daily_posts,
        "ring_min_likes": ring_min_likes,
        "ring_window_days": ring_window_days,
    }
    if errors := _policy_errors(values):
        raise ValidationError(errors)
    with transaction.atomic():
        policy, _created = FairnessPolicy.objects.update_or_create(
            pk=POLICY_PK, defaults={**values, "new_account_likes_earn": new_account_likes_earn}
        )
        transaction.on_commit(fairness_policy_forget)
    fairness_policy_forget()
    return policy
