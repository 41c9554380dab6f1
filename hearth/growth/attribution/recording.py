"""Recording a new member's attribution: their touches, credited, and the summary row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace

from django.db import transaction
from django.utils import timezone

from hearth.accounts.models import InviteCode, User
from hearth.growth.attribution.crediting import credit_for
from hearth.growth.attribution.touches import TouchData, TouchKind, touch_parse
from hearth.growth.models import DIRECT, REFERRAL, MemberAttribution, Touch


def touches_of_signup(
    *,
    member: User,
    touches: Sequence[Mapping[str, object]],
    invite: InviteCode | None,
    now: dt.datetime,
) -> list[TouchData]:
    """The touches to store for a member who just signed up, oldest first.

    ``touches`` are attribution's dicts (wrong shapes are dropped). Without any,
    the member's own landing fields are the one touch (a sign-up made without
    the attribution cookie, e.g. by a script), else a direct touch. A redeemed
    invite is the last touch, unless the last touch already is that invite.
    """
    parsed = [t for t in (touch_parse(item) for item in touches) if t is not None]
    if not parsed and member.utm_source:
        parsed = [
            TouchData(
                at=member.date_joined,
                kind=TouchKind.UTM,
                channel=member.channel,
                source=member.utm_source[:100],
                medium=member.utm_medium[:100],
                campaign=member.utm_campaign[:100],
                term=member.utm_term[:100],
                content=member.utm_content[:100],
                referrer=member.referrer[:500],
                landing_path=member.landing_path[:500],
            )
        ]
    if invite is not None and not (
        parsed and parsed[-1].kind == TouchKind.INVITE and parsed[-1].invite == invite.code
    ):
        parsed.append(
            TouchData(
                at=now,
                kind=TouchKind.INVITE,
                channel=REFERRAL,
                source="invite",
                medium="invite",
                invite=invite.code,
                landing_path=member.landing_path[:500],
            )
        )
    if not parsed:
        parsed = [
            TouchData(
                at=member.date_joined,
                kind=TouchKind.DIRECT,
                channel=member.channel or DIRECT,
                landing_path=member.landing_path[:500],
                referrer=member.referrer[:500],
            )
        ]
    if member.channel and parsed[0].channel != member.channel:
        # the member's channel was decided from these touches; never let the two disagree
        parsed[0] = replace(parsed[0], channel=member.channel)
    return parsed


@transaction.atomic
def member_attribution_record(
    *,
    member: User,
    touches: Sequence[TouchData],
    device: str = "",
    invited_by: User | None = None,
    now: dt.datetime | None = None,
) -> MemberAttribution:
    """Store ``touches`` (at least one) as the member's Touch rows and their summary row."""
    now = now or timezone.now()
    credit = credit_for([t.channel for t in touches])
    Touch.objects.bulk_create(
        Touch(
            member=member,
            position=position,
            occurred_at=touch.at,
            channel=touch.channel[:40],
            source=touch.source[:100],
            medium=touch.medium[:100],
            campaign=touch.campaign[:100],
            term=touch.term[:100],
            content=touch.content[:100],
            link_id=touch.link_id,
            referrer=touch.referrer[:500],
            landing_path=touch.landing_path[:500],
            credit=share,
        )
        for position, (touch, share) in enumerate(zip(touches, credit.linear, strict=True))
    )
    return MemberAttribution.objects.create(
        member=member,
        first_channel=credit.first_channel,
        last_channel=credit.last_channel,
        touch_count=len(touches),
        invited_by=invited_by,
        signup_device=device[:64],
        recorded_at=now,
    )
