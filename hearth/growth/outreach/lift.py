"""Honest lift (提升): did the members who got the outreach come back more than the holdout?

A recipient *returned* when they took any action of their own that counts as
active (the analytics log; a like received does not count) within
``return_days`` after the outreach was sent. Every treated recipient counts,
including those skipped as unsubscribed or rate-limited (intention to treat:
leaving them out would flatter the message). Lift is the treated return rate
minus the holdout's, with a 95 % confidence interval by Newcombe's hybrid
score method (Wilson intervals of each rate combined; Newcombe 1998, method 10),
which stays inside [-1, 1] and behaves on small groups and rates near 0 or 1.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.utils import timezone

from hearth.analytics.selectors import members_first_active_between
from hearth.growth.models import Outreach, OutreachRecipient, RecipientGroup

Z95 = 1.959963984540054


@dataclass(frozen=True)
class Rate:
    n: int
    returned: int

    @property
    def value(self) -> float | None:
        return self.returned / self.n if self.n else None


@dataclass(frozen=True)
class Lift:
    treated: Rate
    holdout: Rate
    difference: float | None
    low: float | None
    high: float | None
    final: bool
    """True once ``return_days`` have passed since the send: the numbers no longer move."""

    @property
    def significant(self) -> bool:
        return self.low is not None and self.high is not None and (self.low > 0 or self.high < 0)


def wilson_interval(returned: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion ``returned / n`` (n > 0)."""
    p = returned / n
    denominator = 1 + z * z / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - spread) / denominator, (centre + spread) / denominator


def lift_compute(treated: Rate, holdout: Rate, *, final: bool = True) -> Lift:
    """The difference of the two return rates and its Newcombe 95 % interval."""
    if not treated.n or not holdout.n:
        return Lift(treated, holdout, None, None, None, final)
    p1, p2 = treated.returned / treated.n, holdout.returned / holdout.n
    l1, u1 = wilson_interval(treated.returned, treated.n)
    l2, u2 = wilson_interval(holdout.returned, holdout.n)
    d = p1 - p2
    low = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return Lift(treated, holdout, d, low, high, final)


def _window(outreach: Outreach) -> tuple[dt.datetime, dt.datetime] | None:
    if outreach.sent_at is None:
        return None
    return outreach.sent_at, outreach.sent_at + dt.timedelta(days=outreach.return_days)


def outreach_returns_update(outreach: Outreach) -> int:
    """Fill ``returned_at`` (first active action in the return window) of the recipients
    not marked yet; returns how many were marked now. Safe to repeat."""
    window = _window(outreach)
    if window is None:
        return 0
    rows = OutreachRecipient.objects.filter(outreach=outreach, returned_at__isnull=True)
    ids = list(rows.values_list("member_id", flat=True))
    firsts = members_first_active_between(ids, *window)
    for member_id, at in firsts.items():
        rows.filter(member_id=member_id).update(returned_at=at)
    return len(firsts)


def outreach_lift(outreach: Outreach, *, now: dt.datetime | None = None) -> Lift:
    """The return rates of the treated and the holdout, read from the recipients."""
    now = now or timezone.now()
    window = _window(outreach)
    rates = {}
    for group in (RecipientGroup.TREATED, RecipientGroup.HOLDOUT):
        rows = OutreachRecipient.objects.filter(outreach=outreach, group=group)
        rates[group] = Rate(rows.count(), rows.filter(returned_at__isnull=False).count())
    final = window is not None and now >= window[1]
    return lift_compute(rates[RecipientGroup.TREATED], rates[RecipientGroup.HOLDOUT], final=final)
