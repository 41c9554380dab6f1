"""The channel table: sign-ups per first-touch channel, their early retention and the spend."""

from __future__ import annotations

from decimal import Decimal

from hearth.analytics.channels import channel_outcomes
from hearth.growth.models import Channel
from hearth.growth.spend import spend_by_channel
from hearth.reporting.builder.context import Context
from hearth.reporting.sections import ChannelRow


def channel_rows(ctx: Context) -> list[ChannelRow]:
    """One row per channel with sign-ups or spend in the period, most sign-ups first.

    d7 / d30: the share of the period's sign-ups old enough (by the day before the report is
    built) that were active on their 7th / 30th day — None while none is old enough. Spend is
    prorated to the period's days (the growth app's rule).
    """
    period = ctx.period
    now = channel_outcomes(start=period.start, end=period.end, as_of=ctx.as_of, engine=ctx.engine)
    first, last = ctx.previous
    before = channel_outcomes(start=first, end=last, as_of=ctx.as_of, engine=ctx.engine)
    spend = spend_by_channel(start=period.start, end=period.end)
    names = dict(Channel.objects.values_list("key", "name"))
    outcomes = {o.channel: o for o in now.channels}
    previous = {o.channel: o.members for o in before.channels}
    rows: list[ChannelRow] = []
    for key in set(outcomes) | set(spend):
        outcome = outcomes.get(key)
        signups = outcome.members if outcome else 0
        cost = spend.get(key)
        rows.append(
            ChannelRow(
                key=key,
                name=names.get(key, key) or key,
                signups=signups,
                previous_signups=previous.get(key, 0),
                d7=outcome.rate(7) if outcome else None,
                d30=outcome.rate(30) if outcome else None,
                spend=float(cost) if cost is not None else None,
                cost_per_member=_per(cost, signups),
            )
        )
    rows.sort(key=lambda r: (-r["signups"], r["key"]))
    return rows


def _per(cost: Decimal | None, members: int) -> float | None:
    if cost is None or not members:
        return None
    return round(float(cost) / members, 2)
