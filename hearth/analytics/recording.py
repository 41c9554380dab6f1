"""Appending to the activity log: one row per action, with the member's attributes then.

Recording must not slow member requests: a row is one indexed INSERT after
the request's transaction commits, and the member's attributes come from the
user object already loaded (one primary-key read when only an id is known).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from hearth.accounts.models import User
from hearth.analytics.models import Activity
from hearth.core.privileges import privileges_for


@dataclass(frozen=True)
class MemberAttributes:
    channel: str = ""
    region: str = ""
    age_band: str = ""
    gender: str = ""
    level: int = 0


def member_attributes(member: User | None) -> MemberAttributes:
    if member is None:
        return MemberAttributes()
    return MemberAttributes(
        channel=member.channel[:40],
        region=member.province[:20],
        age_band=member.age_band[:10],
        gender=member.gender[:1],
        level=privileges_for(member).level_position,
    )


def activity_record(
    *,
    action: str,
    member: User | None = None,
    member_id: int | None = None,
    visitor: str = "",
    at: dt.datetime | None = None,
    board_id: int | None = None,
    topic_id: int | None = None,
    value: float | None = None,
    source: str = "",
    device: str = "",
    properties: Mapping[str, Any] | None = None,
    key: str | None = None,
) -> Activity | None:
    """Append one action; with ``key``, a second record of the same key is ignored (None)."""
    if member is None and member_id is not None:
        member = User.objects.filter(pk=member_id).first()
    attributes = member_attributes(member)
    row = Activity(
        occurred_at=at or timezone.now(),
        member_id=member.pk if member is not None else member_id,
        visitor=visitor[:40],
        action=action,
        board_id=board_id,
        topic_id=topic_id,
        value=value,
        source=source[:40],
        device=device[:10],
        properties=dict(properties or {}),
        key=key,
        channel=attributes.channel,
        region=attributes.region,
        age_band=attributes.age_band,
        gender=attributes.gender,
        level=attributes.level,
    )
    if key is not None and Activity.objects.filter(key=key).exists():
        return None
    row.save(force_insert=True)
    return row
