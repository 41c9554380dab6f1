"""Who an outreach may reach: members, never staff or deactivated accounts.

A segment (#5) lists every account that matches it, staff and deactivated ones
included; an outreach's audience is always passed through :func:`audience_clean`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from hearth.accounts.models import User
from hearth.analytics.models import Segment
from hearth.analytics.segments.audience import segment_member_ids
from hearth.core.roles import ROLE_LABELS


def staff_q(prefix: str = "") -> Q:
    """Matches staff accounts: Django staff, superusers and holders of a staff role."""
    return (
        Q(**{f"{prefix}is_staff": True})
        | Q(**{f"{prefix}is_superuser": True})
        | Q(**{f"{prefix}groups__name__in": list(ROLE_LABELS)})
    )


@dataclass(frozen=True)
class Audience:
    """The members an outreach goes to, ascending, and how many accounts were left out."""

    member_ids: list[int]
    left_out: int


def audience_clean(member_ids: Iterable[int]) -> Audience:
    """Keep the active, non-staff members of ``member_ids`` (unknown ids count as left out)."""
    wanted = sorted({int(m) for m in member_ids})
    staff = set(User.objects.filter(staff_q(), pk__in=wanted).values_list("pk", flat=True))
    kept = sorted(
        pk
        for pk in User.objects.filter(pk__in=wanted, is_active=True).values_list("pk", flat=True)
        if pk not in staff
    )
    return Audience(member_ids=kept, left_out=len(wanted) - len(kept))


def audience_of_segment(segment: Segment) -> Audience:
    """A segment's members now, cleaned; raises ``EmptySegmentError`` when it has none."""
    return audience_clean(segment_member_ids(segment=segment))
