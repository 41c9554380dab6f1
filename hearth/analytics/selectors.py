"""Reads of the analytics app's own settings, and of who was active when (for other apps)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Max, Min, Q, QuerySet

from hearth.analytics.definitions import CUSTOM, DEFAULT_ACTIVE, Action
from hearth.analytics.models import Activity, AnalyticsSettings


def active_actions() -> frozenset[str]:
    """The actions that count as active (the operator's choice, else the default)."""
    row = AnalyticsSettings.objects.filter(pk=1).first()
    if row is None or not row.active_actions:
        return DEFAULT_ACTIVE
    return frozenset(str(a) for a in row.active_actions)


def _active_rows(member_ids: Iterable[int]) -> QuerySet[Activity]:
    """Activity rows of ``member_ids`` whose action counts as active (custom events included
    when the active set holds them)."""
    active = active_actions()
    built_in = {a.value for a in Action}
    condition = Q(action__in=sorted(active & built_in))
    if CUSTOM in active:
        condition |= ~Q(action__in=sorted(built_in))
    return Activity.objects.filter(condition, member_id__in=list(member_ids))


def members_active_between(
    member_ids: Iterable[int], since: dt.datetime, until: dt.datetime
) -> set[int]:
    """The members of ``member_ids`` with an active action in ``[since, until)``, read from
    the activity log (a member's own actions only: a like received does not count)."""
    rows = _active_rows(member_ids).filter(occurred_at__gte=since, occurred_at__lt=until)
    return {int(m) for m in rows.values_list("member_id", flat=True).distinct() if m is not None}


def members_first_active_between(
    member_ids: Iterable[int], since: dt.datetime, until: dt.datetime
) -> dict[int, dt.datetime]:
    """Each member's first active action in ``[since, until)`` (members with none are absent)."""
    rows = (
        _active_rows(member_ids)
        .filter(occurred_at__gte=since, occurred_at__lt=until)
        .values("member_id")
        .annotate(first=Min("occurred_at"))
    )
    return {int(r["member_id"]): r["first"] for r in rows}


def members_last_active(member_ids: Iterable[int]) -> dict[int, dt.datetime]:
    """Each member's latest active action (members never active are absent)."""
    rows = _active_rows(member_ids).values("member_id").annotate(last=Max("occurred_at"))
    return {int(r["member_id"]): r["last"] for r in rows}
