"""Budget advice (预算建议): the next period's budget across the paid channels, by cost per
retained member, with the reasoning, flags and a what-if.

*Retained* means still active at day 30 (the channel quality table's
definition); a channel's retained members in the last period are its sign-ups
× its measured still-active rate.

**Response model.** Spending ``s`` on a channel that brought ``n0`` sign-ups
and ``r0`` retained members for ``s0`` is expected to bring
``n0·(s/s0)^α`` sign-ups and ``r0·(s/s0)^α`` retained members, ``α`` =
:data:`ALPHA` (0.6): more money buys more members, each yuan a little fewer
(diminishing returns). Doubling a channel's spend brings about 1.5× its members.

**The plan** maximises the expected retained members for the total: at the
optimum every channel's *marginal* cost per retained member is the same,
i.e. ``s_i ∝ (r0_i / s0_i^α)^(1/(1−α))``. To stay prudent (the model is a
guess outside what was observed) each channel moves at most ±50 %
(:data:`CAP`) from what it got; a pinned channel gets exactly its pin.
A total below what the floors allow drops the floors (a channel may fall to
nothing); a total above what the ceilings allow drops the ceilings, so the
extra money goes where it buys the most. Channels whose members are too new to be
measured keep their spend. The answer depends only on the inputs (channels
taken in key order; no randomness).

**Flags.** *Reduce*: a channel that brings volume but not quality: its share
of sign-ups is at least :data:`REDUCE_VOLUME` (1.5×) its share of retained
members and its cost per retained member at least :data:`REDUCE_COST` (1.5×)
the median of the paid channels (or it retained nobody). *Grow*: cost per
retained member at most :data:`GROW_COST` (⅔) of the median. Channels with no
spend (organic: SEO, referral, direct …) are listed apart as free channels.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hearth.growth.quality import QualityTable

ALPHA = 0.6
CAP = 0.5
REDUCE_VOLUME = 1.5
REDUCE_COST = 1.5
GROW_COST = 2 / 3
REDUCE, GROW, KEEP, NEW = "reduce", "grow", "keep", "new"


@dataclass(frozen=True)
class ChannelBase:
    """What a channel got and brought in the last period."""

    key: str
    name: str
    spend: float
    signups: float
    retained: float | None  # None: its members are too new to tell

    @property
    def cost_per_retained(self) -> float | None:
        if self.retained is None or self.spend <= 0:
            return None
        return self.spend / self.retained if self.retained > 0 else float("inf")


@dataclass
class Line:
    base: ChannelBase
    planned: float
    pinned: bool = False
    flag: str = KEEP
    signup_share: float = 0.0
    retained_share: float = 0.0
    to_median: float | None = None  # cost per retained ÷ the median
    reason: str = ""

    @property
    def change(self) -> float:
        return self.planned / self.base.spend - 1 if self.base.spend else 0.0

    @property
    def expected_signups(self) -> float:
        return respond(self.base.signups, self.base.spend, self.planned)

    @property
    def expected_retained(self) -> float:
        return respond(self.base.retained or 0.0, self.base.spend, self.planned)


@dataclass
class Outcome:
    signups: float
    retained: float


@dataclass
class Advice:
    total: float
    current_total: float
    lines: list[Line]
    free: list[ChannelBase]
    median_cost: float | None
    plan: Outcome
    keep: Outcome  # the current allocation scaled to the same total
    pins: dict[str, float] = field(default_factory=dict)

    @property
    def gain(self) -> Outcome:
        return Outcome(
            signups=self.plan.signups - self.keep.signups,
            retained=self.plan.retained - self.keep.retained,
        )


def respond(base: float, spend: float, amount: float) -> float:
    """Members expected for ``amount`` from a channel that brought ``base`` for ``spend``."""
    if spend <= 0 or amount <= 0:
        return 0.0
    return float(base * (amount / spend) ** ALPHA)


def _fit(free: list[ChannelBase], budget: float) -> dict[str, float]:
    """The free channels' amounts for ``budget``: equal marginal cost inside the ±CAP band.

    A total below every floor drops the floors; above every ceiling, the ceilings (the
    money then goes where it buys the most, never spread evenly over bad channels).
    """
    if not free:
        return {}
    lo = {c.key: c.spend * (1 - CAP) for c in free}
    hi = {c.key: c.spend * (1 + CAP) for c in free}
    if budget <= sum(lo.values()):
        lo = dict.fromkeys(lo, 0.0)
    elif budget >= sum(hi.values()):
        hi = dict.fromkeys(hi, math.inf)
    weight = {c.key: ((c.retained or 0.0) / c.spend**ALPHA) ** (1 / (1 - ALPHA)) for c in free}
    if not any(weight.values()):  # nobody retained anywhere: keep the current shares
        spent = sum(c.spend for c in free)
        return {c.key: budget * c.spend / spent for c in free}

    def amounts(t: float) -> dict[str, float]:
        return {k: min(max(weight[k] * t, lo[k]), hi[k]) for k in lo}

    low, high = 0.0, max(min(hi[k], budget) / w for k, w in weight.items() if w > 0)
    for _step in range(200):
        middle = (low + high) / 2
        if sum(amounts(middle).values()) < budget:
            low = middle
        else:
            high = middle
    found = amounts(high)
    short = budget - sum(found.values())
    room = {k: hi[k] - found[k] for k in found if weight[k] == 0}
    if short > 1e-9 and sum(room.values()) > 0:  # the channels that retained nobody fill up last
        for k, r in room.items():
            found[k] += short * r / sum(room.values())
    return found


def _outcome(lines: list[Line], amounts: dict[str, float]) -> Outcome:
    return Outcome(
        signups=sum(respond(x.base.signups, x.base.spend, amounts[x.base.key]) for x in lines),
        retained=sum(
            respond(x.base.retained or 0.0, x.base.spend, amounts[x.base.key]) for x in lines
        ),
    )


def _flag(line: Line, median: float | None) -> str:
    cost = line.base.cost_per_retained
    if cost is None:
        return NEW
    if median is None:
        return KEEP
    line.to_median = cost / median if median and cost != float("inf") else None
    volume = line.signup_share >= REDUCE_VOLUME * line.retained_share
    if volume and (cost == float("inf") or cost >= REDUCE_COST * median):
        return REDUCE
    if cost <= GROW_COST * median:
        return GROW
    return KEEP


def budget_advise(
    channels: list[ChannelBase], *, total: float | None = None, pins: dict[str, float] | None = None
) -> Advice:
    """The advice for ``channels`` (paid and free); ``total`` defaults to the paid spend."""
    ordered = sorted(channels, key=lambda c: c.key)
    paid = [c for c in ordered if c.spend > 0]
    free = [c for c in ordered if c.spend <= 0]
    current = sum(c.spend for c in paid)
    total = current if total is None else total
    pins = {k: v for k, v in sorted((pins or {}).items()) if any(c.key == k for c in paid)}
    if total < 0 or any(v < 0 for v in pins.values()):
        raise ValidationError({"total": _("A budget cannot be negative.")})
    held = {c.key: c.spend for c in paid if c.retained is None and c.key not in pins}
    budget = total - sum(pins.values()) - sum(held.values())
    if budget < 0:
        raise ValidationError(
            {"total": _("The pinned amounts add up to more than the total budget.")}
        )
    movable = [c for c in paid if c.key not in pins and c.key not in held]
    if not movable and budget > 1e-6:
        raise ValidationError(
            {"total": _("Every channel is pinned: the total must equal the pins.")}
        )
    amounts = {**_fit(movable, budget), **pins, **held}
    all_signups = sum(c.signups for c in ordered) or 1.0
    all_retained = sum(c.retained or 0.0 for c in ordered) or 1.0
    costs = [c.cost_per_retained for c in paid if c.cost_per_retained is not None]
    finite = [c for c in costs if c != float("inf")]
    median = statistics.median(finite) if finite else None
    lines = []
    for c in paid:
        line = Line(base=c, planned=amounts[c.key], pinned=c.key in pins)
        line.signup_share = c.signups / all_signups
        line.retained_share = (c.retained or 0.0) / all_retained
        line.flag = _flag(line, median)
        line.reason = reasoning(line)
        lines.append(line)
    scale = total / current if current else 0.0
    keep = {c.key: c.spend * scale for c in paid}
    return Advice(
        total=total,
        current_total=current,
        lines=lines,
        free=free,
        median_cost=median,
        plan=_outcome(lines, amounts),
        keep=_outcome(lines, keep),
        pins=pins,
    )


def _action(line: Line) -> str:
    change = round(line.change * 100)
    if line.pinned:
        return _("pinned at ¥%(amount)s") % {"amount": f"{line.planned:,.0f}"}
    if change <= -1:
        return _("reduce by %(n)d%%") % {"n": -change}
    if change >= 1:
        return _("grow by %(n)d%%") % {"n": change}
    return _("keep as it is")


def reasoning(line: Line) -> str:
    """One sentence: the channel's cost per retained member, its shares, and the move."""
    base = line.base
    shares = _("%(signups).0f%% of sign-ups but %(retained).0f%% of retained members") % {
        "signups": line.signup_share * 100,
        "retained": line.retained_share * 100,
    }
    cost = base.cost_per_retained
    if cost is None:
        head = _("members too new to measure; its spend is kept")
    elif cost == float("inf"):
        head = _("no member still active at day 30")
    elif line.to_median is not None:
        head = _("¥%(cost)s per retained member, %(ratio).1f× the median") % {
            "cost": f"{cost:,.0f}",
            "ratio": line.to_median,
        }
    else:
        head = _("¥%(cost)s per retained member") % {"cost": f"{cost:,.0f}"}
    return _("%(channel)s: %(cost)s; %(shares)s → %(action)s") % {
        "channel": base.name,
        "cost": head,
        "shares": shares,
        "action": _action(line),
    }


def budget_channels(table: QualityTable) -> list[ChannelBase]:
    """The quality table's rows as the advice's inputs (retained = expected still active)."""
    return [
        ChannelBase(
            key=row.key,
            name=row.name or row.key,
            spend=float(row.spend),
            signups=float(row.signups),
            retained=row.expected_active,
        )
        for row in table.rows
    ]
