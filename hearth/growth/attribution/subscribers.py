"""Attribution's handlers of account events: record a new member's touches; forget a leaver's."""

from __future__ import annotations

from django.utils import timezone

from hearth.accounts.events import MemberDeleted, MemberJoined
from hearth.accounts.models import InviteCode, User
from hearth.core.events import subscribe
from hearth.growth.attribution.devices import member_device_record
from hearth.growth.attribution.recording import member_attribution_record, touches_of_signup
from hearth.growth.models import MemberAttribution, MemberDevice, Touch
from hearth.growth.referrals import referral_check, referral_credit


@subscribe(MemberJoined)
def on_member_joined(event: MemberJoined) -> None:
    """Record the member's touches and attribution, and credit their inviter.

    Runs inside the sign-up's transaction: a refused invite (a self-invite, a
    second invited account from one browser) raises a ValidationError on
    ``invite_code`` and the sign-up is undone.
    """
    member = User.objects.get(pk=event.member_id)
    now = timezone.now()
    invite = (
        InviteCode.objects.select_related("owner").filter(used_by=member).first()
        if event.invite_code
        else None
    )
    if invite is not None:
        referral_check(invite=invite, device=event.device, now=now)
    touches = touches_of_signup(member=member, touches=event.touches, invite=invite, now=now)
    member_attribution_record(
        member=member,
        touches=touches,
        device=event.device,
        invited_by=invite.owner if invite else None,
        now=now,
    )
    member_device_record(member=member, device=event.device, now=now)
    if invite is not None:
        referral_credit(invite=invite, member=member)


@subscribe(MemberDeleted)
def on_member_deleted(event: MemberDeleted) -> None:
    """A deleted account keeps its channels (counts) but not where it browsed from, nor its devices."""
    MemberDevice.objects.filter(member_id=event.member_id).delete()
    Touch.objects.filter(member_id=event.member_id).update(referrer="", landing_path="", term="")
    MemberAttribution.objects.filter(member_id=event.member_id).update(signup_device="")
