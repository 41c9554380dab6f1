"""Invite codes (邀请码): issued within the monthly quota of the member's level, used at sign-up."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hearth.accounts.emails import email_normalise
from hearth.accounts.models import InviteCode, User
from hearth.core.privileges import privileges_for

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
CODE_LENGTH = 8
STAFF_MONTHLY = 1000
VALID_DAYS = 30
"""A new code expires this many days after it is issued."""


@dataclass(frozen=True)
class InviteQuota:
    per_month: int
    used_this_month: int

    @property
    def left(self) -> int:
        return max(self.per_month - self.used_this_month, 0)


def _month_start() -> dt.datetime:
    now = timezone.localtime()
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def invite_quota_for(*, member: User) -> InviteQuota:
    """How many codes the member may issue this month (local calendar month), and has."""
    allowed = privileges_for(member).invite_codes
    if member.has_perm("core.access_cockpit"):
        allowed = STAFF_MONTHLY
    issued = InviteCode.objects.filter(owner=member, created_at__gte=_month_start()).count()
    return InviteQuota(allowed, issued)


def invite_codes_for(*, member: User) -> QuerySet[InviteCode]:
    return InviteCode.objects.filter(owner=member).select_related("used_by")


@transaction.atomic
def invite_code_issue(*, member: User) -> InviteCode:
    """A new code for ``member``; PermissionDenied once this month's quota is used."""
    User.objects.select_for_update().filter(pk=member.pk).first()  # one issuer at a time
    quota = invite_quota_for(member=member)
    if quota.per_month == 0:
        raise PermissionDenied(_("Your level does not come with invite codes yet."))
    if quota.left == 0:
        raise PermissionDenied(
            ngettext(
                "You have used your %(n)d invite code for this month.",
                "You have used all %(n)d invite codes for this month.",
                quota.per_month,
            )
            % {"n": quota.per_month}
        )
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
        if not InviteCode.objects.filter(code=code).exists():
            now = timezone.now()
            return InviteCode.objects.create(
                code=code,
                owner=member,
                created_at=now,
                expires_at=now + dt.timedelta(days=VALID_DAYS),
            )


def _invite_error(message: str) -> ValidationError:
    return ValidationError({"invite_code": message}, code="invite")


def invite_code_check(*, code: str, email: str = "") -> InviteCode:
    """The usable invite ``code`` (locked until the transaction ends), or a ValidationError.

    Refused, each with its own message on ``invite_code``: an unknown code, a
    used one, an expired one, a code whose owner left or was deactivated, and
    a code of the account with the same (normalised) e-mail address.
    """
    invite = (
        InviteCode.objects.select_for_update()
        .select_related("owner")
        .filter(code=code.strip().upper())
        .first()
    )
    if invite is None:
        raise _invite_error(
            _("There is no invite code %(code)s. Check it, or leave the field empty.")
            % {"code": code.strip()[:40]}
        )
    if invite.used_by_id is not None:
        raise _invite_error(_("This invite code has already been used."))
    if invite.expires_at is not None and invite.expires_at <= timezone.now():
        raise _invite_error(
            _("This invite code expired on %(date)s. Ask for a new one.")
            % {"date": date_format(timezone.localtime(invite.expires_at), "DATE_FORMAT")}
        )
    if not invite.owner.is_active:
        raise _invite_error(_("This invite code can no longer be used."))
    canonical = email_normalise(email)
    if canonical and canonical == email_normalise(invite.owner.email):
        raise _invite_error(_("You cannot use your own invite code."))
    return invite


def invite_code_usable(code: str) -> bool:
    """Whether ``code`` could be redeemed now (used to prefill the sign-up form quietly)."""
    now = timezone.now()
    return (
        InviteCode.objects.filter(
            code=code.strip().upper(), used_by__isnull=True, owner__is_active=True
        )
        .exclude(expires_at__lte=now)
        .exists()
    )


def invite_code_redeem(*, invite: InviteCode, member: User) -> None:
    """Mark the checked ``invite`` (see :func:`invite_code_check`) used by the new ``member``."""
    invite.used_by, invite.used_at = member, timezone.now()
    invite.save(update_fields=["used_by", "used_at"])
