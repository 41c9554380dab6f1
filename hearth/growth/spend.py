"""Spend (投放花费): record, edit and delete it; list it with totals; prorate it over a period.

Writes are ``spend_record`` / ``spend_update`` / ``spend_delete``; each checks
every field first and raises a :class:`ValidationError` naming the field
(a negative amount, an end before the start, an unknown channel), so nothing
half-valid is saved. Amounts are CNY (¥) with two decimals.

*Prorating*: a spend row covers ``period_start``…``period_end`` (both
included); the part of it inside another period is its amount × the days the
two share ÷ the row's days. The channel quality table and the budget advice
read spend that way.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.growth.models import Campaign, Channel, Spend, SpendKind

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("9999999999.99")


@dataclass(frozen=True)
class SpendInput:
    """One spend row as typed or imported, before it is checked."""

    channel: str  # the channel's key
    period_start: dt.date | None
    period_end: dt.date | None
    amount: Decimal | str | None
    kind: str = SpendKind.MEDIA
    campaign: str = ""  # a campaign's name, or empty
    note: str = ""


@dataclass(frozen=True)
class SpendFields:
    """A checked row: what :class:`Spend` stores."""

    channel: Channel
    campaign: Campaign | None
    kind: str
    period_start: dt.date
    period_end: dt.date
    amount: Decimal
    note: str


def amount_parse(raw: Decimal | str | float | int | None) -> Decimal:
    """A CNY amount: digits with up to two decimals, ¥ and thousands commas allowed, ≥ 0."""
    if raw is None or str(raw).strip() == "":
        raise ValidationError({"amount": _("Enter an amount.")})
    text = str(raw).strip().replace(",", "").replace("，", "").lstrip("¥￥").strip()
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError(
            {"amount": _("“%(value)s” is not an amount in yuan.") % {"value": raw}}
        ) from None
    if not value.is_finite():
        raise ValidationError(
            {"amount": _("“%(value)s” is not an amount in yuan.") % {"value": raw}}
        )
    if value < 0:
        raise ValidationError({"amount": _("The amount cannot be negative.")})
    if value > MAX_AMOUNT:
        raise ValidationError({"amount": _("The amount is too large.")})
    if value != value.quantize(CENT):
        raise ValidationError({"amount": _("Give the amount in yuan with at most two decimals.")})
    return value.quantize(CENT)


def spend_check(data: SpendInput, *, channels: dict[str, Channel] | None = None) -> SpendFields:
    """``data`` checked field by field; every problem is raised at once, by field."""
    errors: dict[str, str] = {}
    key = (data.channel or "").strip()
    known = channels if channels is not None else {c.key: c for c in Channel.objects.all()}
    channel = known.get(key)
    if not key:
        errors["channel"] = _("Choose a channel.")
    elif channel is None:
        errors["channel"] = _("Unknown channel “%(key)s”.") % {"key": key}
    kind = (data.kind or SpendKind.MEDIA).strip()
    if kind not in SpendKind.values:
        errors["kind"] = _("Unknown type “%(kind)s”; types: %(kinds)s.") % {
            "kind": kind,
            "kinds": ", ".join(SpendKind.values),
        }
    if data.period_start is None:
        errors["period_start"] = _("Enter the first day.")
    if data.period_end is None:
        errors["period_end"] = _("Enter the last day.")
    if data.period_start and data.period_end and data.period_end < data.period_start:
        errors["period_end"] = _("The last day is before the first day.")
    amount = Decimal(0)
    try:
        amount = amount_parse(data.amount)
    except ValidationError as error:
        errors["amount"] = error.message_dict["amount"][0]
    campaign = None
    name = (data.campaign or "").strip()
    if name:
        campaign = Campaign.objects.filter(name=name).first()
        if campaign is None:
            errors["campaign"] = _("Unknown campaign “%(name)s”.") % {"name": name}
    note = (data.note or "").strip()
    if len(note) > 200:
        errors["note"] = _("Keep the note under 200 characters.")
    if errors:
        raise ValidationError(errors)
    assert channel is not None
    assert data.period_start
    assert data.period_end
    return SpendFields(channel, campaign, kind, data.period_start, data.period_end, amount, note)


def spend_record(*, actor: User | None, data: SpendInput) -> Spend:
    """Record one spend row (ValidationError by field when anything is wrong)."""
    fields = spend_check(data)
    return Spend.objects.create(created_by=actor, **fields.__dict__)


def spend_update(*, actor: User | None, spend: Spend, data: SpendInput) -> Spend:
    """Change every field of ``spend`` (checked like a new row)."""
    fields = spend_check(data)
    for name, value in fields.__dict__.items():
        setattr(spend, name, value)
    spend.save()
    return spend


def spend_delete(*, actor: User | None, spend: Spend) -> None:
    spend.delete()


def spend_bulk_create(*, actor: User | None, rows: list[SpendFields]) -> int:
    """Save checked rows in one transaction (all or none)."""
    with transaction.atomic():
        Spend.objects.bulk_create(Spend(created_by=actor, **row.__dict__) for row in rows)
    return len(rows)


# -- selectors ---------------------------------------------------------------------------------


def spend_list(
    *, channel: str = "", campaign: int | None = None, month: dt.date | None = None
) -> QuerySet[Spend]:
    """Spend rows, newest period first; ``month`` keeps rows overlapping that calendar month."""
    rows = Spend.objects.select_related("channel", "campaign")
    if channel:
        rows = rows.filter(channel__key=channel)
    if campaign:
        rows = rows.filter(campaign_id=campaign)
    if month is not None:
        first, last = month_bounds(month)
        rows = rows.filter(period_start__lte=last, period_end__gte=first)
    return rows.order_by("-period_start", "channel__key", "pk")


def spend_total(rows: QuerySet[Spend]) -> Decimal:
    return rows.aggregate(total=Sum("amount"))["total"] or Decimal(0)


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def prorated(spend: Spend, start: dt.date, end: dt.date) -> Decimal:
    """The part of ``spend`` that falls in ``start``…``end``, by days shared."""
    first, last = max(spend.period_start, start), min(spend.period_end, end)
    if last < first:
        return Decimal(0)
    shared = (last - first).days + 1
    days = (spend.period_end - spend.period_start).days + 1
    return spend.amount * shared / days


def spend_by_channel(*, start: dt.date, end: dt.date) -> dict[str, Decimal]:
    """Each channel's spend in ``start``…``end`` (prorated, to the cent); channels without none."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    rows = Spend.objects.filter(Q(period_start__lte=end) & Q(period_end__gte=start))
    for row in rows.select_related("channel"):
        totals[row.channel.key] += prorated(row, start, end)
    return {k: v.quantize(CENT, rounding=ROUND_HALF_UP) for k, v in sorted(totals.items())}
