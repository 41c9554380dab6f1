"""The channel quality table (渠道质量): per channel, what its sign-ups cost and how they did.

Members who joined in the period (days in the community's time zone), one
row per first-touch channel (``User.channel``):

* *sign-ups* by first touch, with last-touch (``MemberAttribution.last_channel``)
  and linear (the sum of ``Touch.credit``) counts beside them;
* *spend* prorated to the period by days (:func:`hearth.growth.spend.prorated`),
  *CAC* = spend ÷ first-touch sign-ups;
* *activation*: the share of the channel's members with a checklist
  (``OnboardingProgress``) who completed it ("—" with no checklist rows);
* the analytics store's outcomes (:mod:`hearth.analytics.channels`): D1/D7/D30
  retention, median actions and posting in the first 30 days, level 2;
* *still active at day 30*: active on any day with offset 23–30. For members
  who joined less than 30 days ago it is not known yet; the channel's
  *expected* still-active members are its sign-ups × its measured rate, and
  *cost per active member at day 30* = spend ÷ that;
* the *trend*: D7 retention per join week.

Rows with fewer than :data:`SMALL_N` sign-ups are flagged: their rates move a
lot with one member.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from hearth.analytics.channels import ChannelOutcome, channel_outcomes
from hearth.analytics.store.engine import Engine
from hearth.growth.models import Channel, MemberAttribution, OnboardingProgress, Touch
from hearth.growth.spend import spend_by_channel

SMALL_N = 30
PRESETS = (30, 90, 180)
DEFAULT_DAYS = 90


@dataclass(frozen=True)
class Period:
    """Join days ``start``…``end``, measured up to ``as_of`` (the last complete day)."""

    start: dt.date
    end: dt.date
    as_of: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def period_default(*, today: dt.date, days: int = DEFAULT_DAYS) -> Period:
    """The last ``days`` complete days."""
    end = today - dt.timedelta(days=1)
    return Period(start=end - dt.timedelta(days=days - 1), end=end, as_of=end)


@dataclass
class QualityRow:
    key: str
    name: str
    signups: int
    last_touch: int = 0
    linear: float = 0.0
    spend: Decimal = Decimal(0)
    activation: float | None = None
    outcome: ChannelOutcome | None = None
    trend: list[float] = field(default_factory=list)

    @property
    def paid(self) -> bool:
        return self.spend > 0

    @property
    def small(self) -> bool:
        return self.signups < SMALL_N

    @property
    def cac(self) -> float | None:
        return float(self.spend) / self.signups if self.paid and self.signups else None

    def rate(self, day: int) -> float | None:
        return self.outcome.rate(day) if self.outcome else None

    @property
    def retention(self) -> list[float | None]:
        """D1, D7 and D30 retention."""
        return [self.rate(1), self.rate(7), self.rate(30)]

    @property
    def d1(self) -> float | None:
        return self.rate(1)

    @property
    def d7(self) -> float | None:
        return self.rate(7)

    @property
    def d30(self) -> float | None:
        return self.rate(30)

    @property
    def median_actions(self) -> float | None:
        return self.outcome.median_actions if self.outcome else None

    @property
    def posted_rate(self) -> float | None:
        return self.outcome.posted_rate if self.outcome else None

    @property
    def level2_rate(self) -> float | None:
        return self.outcome.level2_rate if self.outcome else None

    @property
    def still_active_rate(self) -> float | None:
        return self.outcome.still_active_rate if self.outcome else None

    @property
    def expected_active(self) -> float | None:
        """Sign-ups expected still active at day 30 (measured rate × all sign-ups)."""
        rate = self.still_active_rate
        return None if rate is None else self.signups * rate

    @property
    def cost_per_active(self) -> float | None:
        active = self.expected_active
        return float(self.spend) / active if self.paid and active else None


@dataclass
class QualityTable:
    period: Period
    rows: list[QualityRow]
    total: QualityRow


def _attribution_counts(start: dt.date, end: dt.date) -> tuple[dict[str, int], dict[str, float]]:
    joined = Q(member__date_joined__date__gte=start, member__date_joined__date__lte=end)
    last = dict(
        MemberAttribution.objects.filter(joined)
        .values_list("last_channel")
        .annotate(n=Count("pk"))
        .values_list("last_channel", "n")
    )
    linear = {
        key: float(total or 0)
        for key, total in Touch.objects.filter(joined)
        .values_list("channel")
        .annotate(total=Sum("credit"))
        .values_list("channel", "total")
    }
    return last, linear


def _activation(start: dt.date, end: dt.date) -> dict[str, float]:
    rows = (
        OnboardingProgress.objects.filter(
            member__date_joined__date__gte=start, member__date_joined__date__lte=end
        )
        .values_list("member__channel")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(completed_at__isnull=False)))
        .values_list("member__channel", "n", "done")
    )
    return {key or "": done / n for key, n, done in rows if n}


def _total(rows: list[QualityRow], period: Period) -> QualityRow:
    outcome = ChannelOutcome(channel="", period="", members=sum(r.signups for r in rows))
    for day in (1, 7, 30):
        outcome.eligible[day] = sum(r.outcome.eligible.get(day, 0) for r in rows if r.outcome)
        outcome.retained[day] = sum(r.outcome.retained.get(day, 0) for r in rows if r.outcome)
    for name in ("still_active", "posted", "level2"):
        setattr(outcome, name, sum(getattr(r.outcome, name) for r in rows if r.outcome))
    return QualityRow(
        key="",
        name="",
        signups=outcome.members,
        last_touch=sum(r.last_touch for r in rows),
        linear=sum(r.linear for r in rows),
        spend=sum((r.spend for r in rows), Decimal(0)),
        outcome=outcome,
    )


def channel_quality(*, period: Period, engine: Engine | None = None) -> QualityTable:
    """The table for members who joined in ``period``, one row per channel (by key)."""
    found = channel_outcomes(
        start=period.start, end=period.end, as_of=period.as_of, period="week", engine=engine
    )
    names = dict(Channel.objects.values_list("key", "name"))
    spend = spend_by_channel(start=period.start, end=period.end)
    last, linear = _attribution_counts(period.start, period.end)
    activation = _activation(period.start, period.end)
    outcomes = {o.channel: o for o in found.channels}
    keys = sorted(set(outcomes) | set(spend))
    rows = []
    for key in keys:
        outcome = outcomes.get(key)
        trend = [o.rate(7) for o in found.trend.get(key, [])]
        rows.append(
            QualityRow(
                key=key,
                name=names.get(key, key),
                signups=outcome.members if outcome else 0,
                last_touch=last.get(key, 0),
                linear=round(linear.get(key, 0.0), 2),
                spend=spend.get(key, Decimal(0)),
                activation=activation.get(key),
                outcome=outcome,
                trend=[t for t in trend if t is not None],
            )
        )
    return QualityTable(period=period, rows=rows, total=_total(rows, period))


def local_today() -> dt.date:
    return timezone.localdate()
