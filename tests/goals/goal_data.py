"""Replies planted on the activity log, for the goal tests."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from hearth.accounts.models import User
from hearth.analytics.models import Activity

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
D = dt.date.fromisoformat


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    """``hour`` o'clock of ``day`` in the community's time zone."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ZONE)


def plant(member: User, first: str, last: str, per_day: int, board_id: int | None = None) -> None:
    """``per_day`` replies by ``member`` on each day from ``first`` to ``last`` (on a topic
    of board ``board_id``)."""
    day = D(first)
    while day <= D(last):
        for i in range(per_day):
            Activity.objects.create(
                member_id=member.pk, action="reply", occurred_at=at(day, 10 + i), board_id=board_id
            )
        day += dt.timedelta(days=1)
