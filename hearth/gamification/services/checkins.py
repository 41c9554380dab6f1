"""Daily sign-in (签到): one per member and local day, with a streak and points."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from hearth.accounts.models import User
from hearth.core.events import publish
from hearth.gamification.actions import PointAction
from hearth.gamification.events import CheckedIn
from hearth.gamification.models import CheckIn
from hearth.gamification.services.awards import points_award


def check_in_source(*, member_id: int, day: dt.date) -> str:
    """The ledger source of a sign-in's points: ``checkin:<member>:<day>``."""
    return f"checkin:{member_id}:{day.isoformat()}"


def check_in(*, member: User, now: dt.datetime | None = None) -> CheckIn:
    """Sign ``member`` in for today (local time) and award the sign-in points.

    Idempotent: a second call on the same day returns that day's row and
    awards nothing more. The streak continues yesterday's, else starts at 1.
    Concurrent calls meet at the unique (member, day) constraint: one row,
    one award, one :class:`CheckedIn` event.
    """
    moment = now or timezone.now()
    day = timezone.localdate(moment)
    existing = CheckIn.objects.filter(member_id=member.pk, day=day).first()
    if existing is not None:
        return existing
    yesterday = (
        CheckIn.objects.filter(member_id=member.pk, day=day - dt.timedelta(days=1))
        .values_list("streak", flat=True)
        .first()
    )
    row = CheckIn(member_id=member.pk, day=day, streak=(yesterday or 0) + 1, created_at=moment)
    with transaction.atomic():
        try:
            with transaction.atomic():
                row.save(force_insert=True)
        except IntegrityError:  # a concurrent call signed in first: its row, its points
            return CheckIn.objects.get(member_id=member.pk, day=day)
        points_award(
            member=member.pk,
            action=PointAction.SIGN_IN,
            source_key=check_in_source(member_id=member.pk, day=day),
            occurred_at=moment,
        )
        publish(
            CheckedIn(
                member_id=member.pk, day=day.isoformat(), streak=row.streak, occurred_at=moment
            )
        )
    return row
