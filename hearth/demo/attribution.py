"""The demo's attribution: each member's touches, and the invite codes of referred members.

The writer gives every member a channel (``User.channel``, with UTM fields);
this adds what a live sign-up records: the member's touches (the first one is
that channel, with the member's UTM fields), their summary row
(``MemberAttribution``), and for members of the referral channel an invite
code an earlier member issued and they used. About ``EXTRA_TOUCH_SHARE`` of
the other members landed again from one or two other channels before signing
up, so last-touch and linear credit differ from first-touch. Drawn from a
random stream of its own, after the simulation: no other effect moves.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from hearth.accounts.models import InviteCode, User
from hearth.demo.effects import CHANNELS
from hearth.growth.attribution.crediting import credit_for
from hearth.growth.models import REFERRAL, MemberAttribution, Touch

EXTRA_TOUCH_SHARE = 0.25
FIRST_TOUCH_DAYS_MAX = 20.0
"""The first landing is at most this many days before the sign-up (mean 2 days)."""
BATCH = 2000
MEDIUMS = {c.key: c.utm_medium for c in CHANNELS}


def _extra_touches(
    rng: random.Random, member: User, first_at: dt.datetime, now: dt.datetime
) -> list[Touch]:
    others = [c.key for c in CHANNELS if c.key not in (member.channel, REFERRAL)]
    span = (member.date_joined - first_at).total_seconds()
    times = sorted(
        first_at + dt.timedelta(seconds=rng.uniform(0, span)) for _i in range(rng.choice((1, 1, 2)))
    )
    touches = []
    for at in times:
        key = rng.choice(others)
        touches.append(
            Touch(
                member=member,
                occurred_at=min(at, now),
                channel=key,
                source=key,
                medium=MEDIUMS.get(key, ""),
                campaign=f"{key}-{at:%Y%m}",
                landing_path="/",
                position=0,
            )
        )
    return touches


def _member_touches(rng: random.Random, member: User, now: dt.datetime) -> list[Touch]:
    days = min(rng.expovariate(1 / 2.0), FIRST_TOUCH_DAYS_MAX)
    first_at = member.date_joined - dt.timedelta(days=days)
    touches = [
        Touch(
            member=member,
            occurred_at=first_at,
            channel=member.channel,
            source=member.utm_source,
            medium=member.utm_medium,
            campaign=member.utm_campaign,
            landing_path=member.landing_path[:500],
            position=0,
        )
    ]
    if member.channel != REFERRAL and rng.random() < EXTRA_TOUCH_SHARE:
        touches += _extra_touches(rng, member, first_at, now)
    credit = credit_for([t.channel for t in touches])
    for position, (touch, share) in enumerate(zip(touches, credit.linear, strict=True)):
        touch.position, touch.credit = position, share
    return touches


def _invite_for(
    rng: random.Random, members: list[User], index: int, taken: set[str]
) -> InviteCode | None:
    """A code an earlier member (one of ``members[:index]``) issued and ``members[index]`` used."""
    if index == 0:
        return None
    member, owner = members[index], members[rng.randrange(index)]
    code = (member.invite_code or "INV").upper()[:30]
    if code in taken:
        code = f"{code}-{member.pk}"
    taken.add(code)
    member.invite_code = code
    created = member.date_joined - dt.timedelta(days=rng.uniform(2.0, 25.0))
    return InviteCode(
        code=code,
        owner=owner,
        created_at=created,
        used_by=member,
        used_at=member.date_joined,
        expires_at=created + dt.timedelta(days=30),
    )


@transaction.atomic
def attribution_plant(*, seed: int, now: dt.datetime) -> None:
    """Give every demo member (not the staff) touches, an attribution row, and referrals a code."""
    rng = random.Random(f"{seed}:attribution")
    members = list(
        User.objects.exclude(channel="")
        .order_by("date_joined", "pk")
        .only(
            "pk",
            "channel",
            "utm_source",
            "utm_medium",
            "utm_campaign",
            "invite_code",
            "landing_path",
            "date_joined",
        )
    )
    taken = set(InviteCode.objects.values_list("code", flat=True))
    touches: list[Touch] = []
    rows: list[MemberAttribution] = []
    invites: list[InviteCode] = []
    for index, member in enumerate(members):
        own = _member_touches(rng, member, now)
        touches += own
        invite = _invite_for(rng, members, index, taken) if member.channel == REFERRAL else None
        if invite is not None:
            invites.append(invite)
        rows.append(
            MemberAttribution(
                member=member,
                first_channel=own[0].channel,
                last_channel=own[-1].channel,
                touch_count=len(own),
                invited_by_id=invite.owner_id if invite else None,
                recorded_at=member.date_joined,
            )
        )
    Touch.objects.bulk_create(touches, batch_size=BATCH)
    MemberAttribution.objects.bulk_create(rows, batch_size=BATCH)
    InviteCode.objects.bulk_create(invites, batch_size=BATCH)
    User.objects.bulk_update(
        [i.used_by for i in invites if i.used_by], ["invite_code"], batch_size=BATCH
    )
