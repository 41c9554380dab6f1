"""Member invites (邀请有礼): who may redeem a code, and the inviter's reward.

``accounts`` checks the code itself (unknown, used, expired, the owner's own
e-mail address). Growth adds what needs the device cookie: a code redeemed
from a browser its owner signs in from is a self-invite, and a browser that
signed up an invited account in the last 24 hours may not redeem another code
(one person farming invites with new addresses). The inviter gets the
``invite_accepted`` points once per invited member.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hearth.accounts.models import InviteCode, User
from hearth.gamification.actions import PointAction
from hearth.gamification.services import points_award
from hearth.growth.models import MemberAttribution, MemberDevice

DEVICE_INVITE_WINDOW = dt.timedelta(hours=24)


def referral_check(*, invite: InviteCode, device: str, now: dt.datetime) -> None:
    """Refuse (ValidationError on ``invite_code``) a self-invite or a second invite per browser."""
    if not device:
        return
    if MemberDevice.objects.filter(member_id=invite.owner_id, device=device).exists():
        raise ValidationError(
            {
                "invite_code": _(
                    "This invite code belongs to an account that signs in on this browser: "
                    "you cannot invite yourself."
                )
            },
            code="self_invite",
        )
    if MemberAttribution.objects.filter(
        signup_device=device, invited_by__isnull=False, recorded_at__gte=now - DEVICE_INVITE_WINDOW
    ).exists():
        raise ValidationError(
            {
                "invite_code": _(
                    "An invited account was already created on this browser in the last "
                    "24 hours. Sign up without the code, or ask the inviter tomorrow."
                )
            },
            code="duplicate_account",
        )


def referral_credit(*, invite: InviteCode, member: User) -> None:
    """Award the inviter's points for ``member`` joining with their code."""
    points_award(
        member=invite.owner_id,
        action=PointAction.INVITE_ACCEPTED,
        source_key=f"invite:{invite.code}",
        target=f"member:{member.pk}",
    )
