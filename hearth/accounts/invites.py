"""Invite codes (邀请码): issued within the monthly quota of the member's level, used at sign-up."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hearth.accounts.models import InviteCode, User
from hearth.core.privileges import privileges_for

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
CODE_LENGTH = 8
STAFF_MONTHLY = 1000


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
            return InviteCode.objects.create(code=code, owner=member)


def invite_code_redeem(*, code: str, member: User) -> bool:
    """Mark ``code`` used by the new ``member`` (unknown, used or own codes change nothing)."""
    code = code.strip().upper()
    if not code:
        return False
    return bool(
        InviteCode.objects.filter(code=code, used_by__isnull=True)
        .exclude(owner=member)
        .update(used_by=member, used_at=timezone.now())
    )
