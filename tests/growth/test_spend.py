"""Spend: record, edit, delete, the list's filters and totals, prorating; bad input by field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from hearth.growth.models import Campaign, Channel, Spend, SpendKind
from hearth.growth.spend import (
    SpendInput,
    amount_parse,
    prorated,
    spend_by_channel,
    spend_delete,
    spend_list,
    spend_record,
    spend_total,
    spend_update,
)

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The messages are asserted in English (Simplified Chinese is the default)."""
    with translation.override("en"):
        yield


def _input(**fields: object) -> SpendInput:
    base: dict[str, object] = {
        "channel": "douyin",
        "period_start": D(2026, 5, 1),
        "period_end": D(2026, 5, 31),
        "amount": "3,100",
    }
    base.update(fields)
    return SpendInput(**base)  # type: ignore[arg-type]


def test_record_edit_delete() -> None:
    booth = Campaign.objects.create(name="美食节展位", channel=Channel.objects.get(key="offline"))
    spend = spend_record(
        actor=None,
        data=_input(channel="offline", kind=SpendKind.BOOTH, campaign=booth.name, amount="¥8000.5"),
    )
    assert spend.amount == Decimal("8000.50")
    assert spend.campaign == booth
    assert spend.kind == SpendKind.BOOTH
    assert spend.channel.key == "offline"
    spend_update(actor=None, spend=spend, data=_input(amount="100"))
    spend.refresh_from_db()
    assert spend.amount == Decimal("100.00")
    assert spend.campaign is None
    spend_delete(actor=None, spend=spend)
    assert not Spend.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"amount": "-5"}, "amount", "negative"),
        ({"amount": "abc"}, "amount", "not an amount"),
        ({"amount": "1.005"}, "amount", "two decimals"),
        ({"amount": ""}, "amount", "Enter an amount"),
        ({"period_end": D(2026, 4, 30)}, "period_end", "before the first day"),
        ({"channel": "tiktok-ads"}, "channel", "Unknown channel"),
        ({"kind": "bribes"}, "kind", "Unknown type"),
        ({"campaign": "nope"}, "campaign", "Unknown campaign"),
    ],
)
def test_bad_input_names_the_field(fields: dict[str, object], field: str, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        spend_record(actor=None, data=_input(**fields))
    assert words in caught.value.message_dict[field][0]
    assert not Spend.objects.exists()


def test_the_database_refuses_negative_spend_too() -> None:
    channel = Channel.objects.get(key="douyin")
    with pytest.raises(IntegrityError), transaction.atomic():
        Spend.objects.create(
            channel=channel, period_start=D(2026, 5, 1), period_end=D(2026, 5, 2), amount=-1
        )


def test_amount_parse() -> None:
    assert amount_parse("12,345.6") == Decimal("12345.60")
    assert amount_parse("￥0") == Decimal("0.00")


def test_list_filters_and_totals() -> None:
    spend_record(actor=None, data=_input(amount="100"))
    spend_record(actor=None, data=_input(channel="weibo", amount="50"))
    spend_record(
        actor=None,
        data=_input(amount="7", period_start=D(2026, 6, 1), period_end=D(2026, 6, 30)),
    )
    assert spend_total(spend_list()) == Decimal("157")
    assert spend_total(spend_list(channel="douyin")) == Decimal("107")
    assert spend_total(spend_list(month=D(2026, 6, 1))) == Decimal("7")
    assert [s.amount for s in spend_list(channel="douyin")] == [Decimal("7"), Decimal("100")]


def test_prorating_by_days() -> None:
    row = spend_record(actor=None, data=_input(amount="3100"))  # 31 days, ¥100 a day
    assert prorated(row, D(2026, 5, 21), D(2026, 6, 30)) == Decimal("1100")
    assert prorated(row, D(2026, 6, 1), D(2026, 6, 30)) == 0
    spend_record(
        actor=None,
        data=_input(
            channel="weibo", amount="10", period_start=D(2026, 5, 31), period_end=D(2026, 6, 1)
        ),
    )
    assert spend_by_channel(start=D(2026, 5, 1), end=D(2026, 5, 31)) == {
        "douyin": Decimal("3100.00"),
        "weibo": Decimal("5.00"),
    }
