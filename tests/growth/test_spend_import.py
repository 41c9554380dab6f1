"""Spend import: all rows or none, and the error names the row, the column and why."""

from __future__ import annotations

import io
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import Workbook

from hearth.growth.models import Campaign, Channel, Spend
from hearth.growth.spend_import import SpendImportError, spend_import


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The messages are asserted in English (Simplified Chinese is the default)."""
    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db

HEADER = "channel,from,to,amount,type,campaign,note\n"


def _csv(*lines: str) -> bytes:
    return (HEADER + "\n".join(lines) + "\n").encode("utf-8")


def test_a_good_file_imports_every_row() -> None:
    Campaign.objects.create(name="科技展展位", channel=Channel.objects.get(key="offline"))
    content = _csv(
        'douyin,2026-05-01,2026-05-31,"12,000",media,,',
        "offline,2026-05-16,2026-05-17,8000,booth,科技展展位,两天",
    )
    assert spend_import(actor=None, content=content, filename="spend.csv") == 2
    booth = Spend.objects.get(channel__key="offline")
    assert booth.amount == Decimal("8000")
    assert booth.campaign is not None
    assert booth.note == "两天"
    assert Spend.objects.get(channel__key="douyin").amount == Decimal("12000")


def test_one_bad_row_imports_nothing_and_names_each_row() -> None:
    content = _csv(
        "douyin,2026-05-01,2026-05-31,100,media,,",
        "weibo,2026-05-01,2026-05-31,-50,media,,",
        "nosuch,2026-05-01,2026-04-01,10,media,,",
        "zhihu,2026-13-01,2026-05-31,10,media,,",
    )
    with pytest.raises(SpendImportError) as caught:
        spend_import(actor=None, content=content, filename="spend.csv")
    messages = caught.value.messages
    assert "Row 3, amount: The amount cannot be negative." in messages
    assert "Row 4, channel: Unknown channel “nosuch”." in messages
    assert "Row 4, to: The last day is before the first day." in messages
    assert any(m.startswith("Row 5, from:") for m in messages)
    assert not any(m.startswith("Row 2") for m in messages)
    assert not Spend.objects.exists()


def test_missing_columns_and_empty_files() -> None:
    with pytest.raises(SpendImportError, match="lacks the column"):
        spend_import(actor=None, content=b"channel,amount\ndouyin,1\n", filename="x.csv")
    with pytest.raises(SpendImportError, match="no spend rows"):
        spend_import(actor=None, content=HEADER.encode(), filename="x.csv")
    with pytest.raises(SpendImportError):
        spend_import(actor=None, content=b"\x00\x01garbage", filename="x.xlsx")


def test_xlsx_rows_with_real_dates() -> None:
    import datetime as dt

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["渠道", "开始", "结束", "金额", "类型"])
    sheet.append(["wechat", dt.datetime(2026, 5, 1), dt.datetime(2026, 5, 31), 999.5, "media"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert spend_import(actor=None, content=buffer.getvalue(), filename="s.xlsx") == 1
    assert Spend.objects.get().amount == Decimal("999.50")
