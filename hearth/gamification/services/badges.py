"""Badges (勋章): define them, grant and revoke them, by rule or by staff.

A grant row is the record of who granted (or revoked) what, when and why.
Grants are idempotent: the row's (badge, member, source key) is unique, so a
replayed event, or two workers granting at once, give one grant. A single
badge uses the source key ``"single"``; a badge that can be held many times
uses one key per occasion (``"event:12"``, or a fresh ``"staff:…"`` key for
each staff grant).

Granting a revoked single badge again keeps the old row as history (its key
becomes ``"single#<id>"``) and inserts a fresh ``"single"`` row. A revocation
by staff sticks: automatic evaluation never grants that badge again; only
staff can.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import asdict, dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.core.events import publish
from hearth.gamification.events import BadgeGranted
from hearth.gamification.models import (
    Badge,
    BadgeCriterion,
    BadgeGrant,
    BadgeTier,
    MemberShowcase,
)
from hearth.gamification.permissions import can_manage_badges
from hearth.notifications.models import Verb
from hearth.notifications.services import notification_create

SINGLE = "single"
REASON_MAX = 500
NAME_MAX = 30
DESCRIPTION_MAX = 200
ICON_MAX = 8
SLUG_MAX = 50
THRESHOLD_MAX = 100_000_000
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# Criteria whose badges may be held more than once: each occasion brings its own source key.
MULTIPLE_CRITERIA = frozenset({BadgeCriterion.EVENT_WINS, BadgeCriterion.MANUAL})


@dataclass(frozen=True, kw_only=True)
class BadgeFields:
    slug: str
    name: str
    description: str
    icon: str
    tier: str
    criterion: str
    threshold: int | None
    multiple: bool
    auto_revoke: bool
    active: bool


def _text_errors(fields: BadgeFields, errors: dict[str, str]) -> None:
    if not fields.slug:
        errors["slug"] = _("Give the badge a code, e.g. liked-100.")
    elif len(fields.slug) > SLUG_MAX or not _SLUG.match(fields.slug):
        errors["slug"] = _(
            "The code may use lower-case letters, digits, - and _ (at most %(max)d)."
        ) % {"max": SLUG_MAX}
    if not fields.name:
        errors["name"] = _("Give the badge a name.")
    elif len(fields.name) > NAME_MAX:
        errors["name"] = _("The name can have at most %(max)d characters.") % {"max": NAME_MAX}
    if len(fields.description) > DESCRIPTION_MAX:
        errors["description"] = _("The description can have at most %(max)d characters.") % {
            "max": DESCRIPTION_MAX
        }
    if not fields.icon:
        errors["icon"] = _("Choose an icon: one emoji.")
    elif len(fields.icon) > ICON_MAX:
        errors["icon"] = _("The icon is one emoji (at most %(max)d characters).") % {
            "max": ICON_MAX
        }
    if fields.tier not in BadgeTier.values:
        errors["tier"] = _("Choose a tier: bronze, silver or gold.")


def _rule_errors(fields: BadgeFields, errors: dict[str, str]) -> None:
    if fields.criterion not in BadgeCriterion.values:
        errors["criterion"] = _("Unknown rule: %(rule)s.") % {"rule": fields.criterion}
        return
    manual = fields.criterion == BadgeCriterion.MANUAL
    threshold = fields.threshold
    if manual and threshold is not None:
        errors["threshold"] = _("A badge granted by staff only has no threshold.")
    elif not manual and (
        not isinstance(threshold, int) or isinstance(threshold, bool) or threshold < 1
    ):
        errors["threshold"] = _("The threshold must be a whole number of at least 1.")
    elif threshold is not None and threshold > THRESHOLD_MAX:
        errors["threshold"] = _("The threshold can be at most %(max)d.") % {"max": THRESHOLD_MAX}
    if fields.multiple and fields.criterion not in MULTIPLE_CRITERIA:
        errors["multiple"] = _(
            "Only event and staff badges can be granted more than once; "
            "a badge earned by a statistic is held once."
        )
    if fields.auto_revoke and (manual or fields.multiple):
        errors["auto_revoke"] = _(
            "Only a badge earned by a statistic, held once, can be revoked automatically."
        )


def _unique_errors(fields: BadgeFields, badge: Badge | None, errors: dict[str, str]) -> None:
    others = Badge.objects.exclude(pk=badge.pk) if badge else Badge.objects.all()
    if "slug" not in errors and others.filter(slug=fields.slug).exists():
        errors["slug"] = _("Another badge already uses the code “%(slug)s”.") % {
            "slug": fields.slug
        }
    if "name" not in errors and others.filter(name=fields.name).exists():
        errors["name"] = _("Another badge is already called “%(name)s”.") % {"name": fields.name}


def badge_check(*, fields: BadgeFields, badge: Badge | None = None) -> BadgeFields:
    """The fields cleaned, or ValidationError keyed by field (nothing is saved)."""
    cleaned = BadgeFields(
        slug=fields.slug.strip().lower(),
        name=fields.name.strip(),
        description=fields.description.strip(),
        icon=fields.icon.strip(),
        tier=fields.tier,
        criterion=fields.criterion,
        threshold=fields.threshold,
        multiple=bool(fields.multiple),
        auto_revoke=bool(fields.auto_revoke),
        active=bool(fields.active),
    )
    errors: dict[str, str] = {}
    _text_errors(cleaned, errors)
    _rule_errors(cleaned, errors)
    _unique_errors(cleaned, badge, errors)
    if errors:
        raise ValidationError(errors)
    return cleaned


def badge_define(
    *,
    actor: User,
    slug: str,
    name: str,
    description: str,
    icon: str,
    tier: str,
    criterion: str,
    threshold: int | None,
    multiple: bool,
    auto_revoke: bool,
    active: bool,
    badge: Badge | None = None,
) -> Badge:
    """Create a badge, or edit ``badge``. Bad input raises ValidationError; nothing is saved.

    Editing a rule changes nothing for members until events happen or the
    backfill runs (:func:`hearth.gamification.services.badges_backfill`).
    """
    if not can_manage_badges(actor):
        raise PermissionDenied(_("You cannot manage badges."))
    fields = badge_check(
        fields=BadgeFields(
            slug=slug,
            name=name,
            description=description,
            icon=icon,
            tier=tier,
            criterion=criterion,
            threshold=threshold,
            multiple=multiple,
            auto_revoke=auto_revoke,
            active=active,
        ),
        badge=badge,
    )
    target = badge or Badge()
    for key, value in asdict(fields).items():
        setattr(target, key, value)
    try:
        with transaction.atomic():
            if badge is None:
                top = Badge.objects.aggregate(top=Max("position"))["top"]
                target.position = (top or 0) + 1
            target.save()
    except IntegrityError as exc:  # a concurrent editor took the code or the name
        raise ValidationError({"slug": _("Another badge already uses this code or name.")}) from exc
    return target


def _clean_reason(reason: str, *, required: bool) -> str:
    reason = reason.strip()
    if required and not reason:
        raise ValidationError({"reason": _("Give a reason; the member and the team will see it.")})
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {"reason": _("The reason can have at most %(max)d characters.") % {"max": REASON_MAX}}
        )
    return reason


def _staff_check(actor: User | None) -> None:
    if actor is not None and not can_manage_badges(actor):
        raise PermissionDenied(_("You cannot grant or revoke badges."))


def badge_label(badge: Badge) -> str:
    return f"{badge.icon} {badge.name}"


def badge_grant(
    *,
    badge: Badge,
    member: User,
    source_key: str = SINGLE,
    actor: User | None = None,
    reason: str = "",
) -> BadgeGrant | None:
    """Grant ``badge`` to ``member``; None when the member already holds it for this source.

    ``actor`` None means the rules granted it (no permission, no reason
    needed); staff need :func:`can_manage_badges` and a reason. Publishes
    :class:`BadgeGranted` and notifies the member.
    """
    _staff_check(actor)
    reason = _clean_reason(reason, required=actor is not None)
    if not badge.active or not member.is_active:
        if actor is None:
            return None
        field = "badge" if not badge.active else "username"
        message = (
            _("This badge is switched off.")
            if not badge.active
            else _("This account is no longer active.")
        )
        raise ValidationError({field: message})
    if not badge.multiple:
        source_key = SINGLE
    elif actor is not None and source_key == SINGLE:
        source_key = f"staff:{uuid.uuid4().hex[:16]}"
    source_key = source_key[:100]
    with transaction.atomic():
        grant = _grant_insert(badge, member, source_key, actor, reason)
        if grant is None:
            return None
        publish(
            BadgeGranted(
                member_id=member.pk,
                badge_id=badge.pk,
                grant_id=grant.pk,
                by_staff=actor is not None,
            )
        )
        text = (
            _("You have been awarded the badge %(badge)s: %(reason)s")
            % {"badge": badge_label(badge), "reason": reason}
            if actor is not None
            else _("Congratulations! You have earned the badge %(badge)s.")
            % {"badge": badge_label(badge)}
        )
        notification_create(recipient_id=member.pk, verb=Verb.SYSTEM, text=text)
    return grant


def _grant_insert(
    badge: Badge, member: User, source_key: str, actor: User | None, reason: str
) -> BadgeGrant | None:
    """Insert the grant row (inside the caller's transaction); None when it is held already."""
    rows = BadgeGrant.objects.select_for_update().filter(
        badge=badge, member=member, source_key=source_key
    )
    earlier = rows.first()
    if earlier is not None:
        if earlier.revoked_at is None:
            return None
        if actor is None and earlier.revoked_by_id is not None:
            return None  # staff took it back: the rules do not overrule them
        earlier.source_key = f"{source_key}#{earlier.pk}"[:100]
        earlier.save(update_fields=["source_key"])
    grant = BadgeGrant(
        badge=badge, member=member, source_key=source_key, granted_by=actor, reason=reason
    )
    try:
        with transaction.atomic():
            grant.save(force_insert=True)
    except IntegrityError:  # a concurrent grant of the same source won
        return None
    return grant


def badge_revoke(*, grant: BadgeGrant, actor: User | None = None, reason: str = "") -> bool:
    """Take a badge back; False when it was revoked already. The row stays, as history.

    Staff need :func:`can_manage_badges` and a reason (the member is told);
    an automatic revocation records the system's reason and sends no notice.
    """
    _staff_check(actor)
    reason = _clean_reason(reason, required=actor is not None)
    if actor is None and not reason:
        reason = _("The badge's condition is no longer met.")
    with transaction.atomic():
        locked = BadgeGrant.objects.select_for_update().select_related("badge").get(pk=grant.pk)
        if locked.revoked_at is not None:
            return False
        locked.revoked_at = timezone.now()
        locked.revoked_by = actor
        locked.revoke_reason = reason
        locked.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
        still_held = BadgeGrant.objects.filter(
            badge_id=locked.badge_id, member_id=locked.member_id, revoked_at__isnull=True
        ).exists()
        if not still_held:
            MemberShowcase.objects.filter(
                member_id=locked.member_id, badge_id=locked.badge_id
            ).update(badge=None)
        if actor is not None:
            notification_create(
                recipient_id=locked.member_id,
                verb=Verb.SYSTEM,
                text=_("The badge %(badge)s was taken back: %(reason)s")
                % {"badge": badge_label(locked.badge), "reason": reason},
            )
    for name in ("revoked_at", "revoked_by_id", "revoke_reason"):
        setattr(grant, name, getattr(locked, name))
    return True
