"""The channel quality table: attribution counts, activation, prorated spend, CAC, cost per
member active at day 30, small-n flags and the totals row (on an in-memory DuckDB store)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from hearth.accounts.models import User
from hearth.analytics.models import Activity
from hearth.analytics.store.duck import DuckDBEngine
from hearth.analytics.store.sync import store_sync
from hearth.growth.models import Channel, MemberAttribution, OnboardingProgress, Spend, Touch
from hearth.growth.quality import Period, channel_quality, period_default

pytestmark = pytest.mark.django_db
ZONE = ZoneInfo("Asia/Shanghai")
PERIOD = Period(start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31), as_of=dt.date(2026, 5, 31))


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ZONE)


@pytest.fixture
def store(settings: Any) -> Iterator[DuckDBEngine]:
    settings.TIME_ZONE = "Asia/Shanghai"
    engine = DuckDBEngine()
    yield engine
    engine.close()


@pytest.fixture
def joined() -> Callable[..., User]:
    def make(name: str, channel: str, day: int, *, active: tuple[int, ...] = ()) -> User:
        first = dt.date(2026, 3, day)
        user = User.objects.create(username=name, channel=channel, date_joined=at(first, 9))
        for offset in active:
            Activity.objects.create(
                member_id=user.pk, action="read", occurred_at=at(first + dt.timedelta(offset))
            )
        return user

    return make


def test_the_table_row_by_row(store: DuckDBEngine, joined: Callable[..., User]) -> None:
    w1 = joined("w1", "weibo", 1, active=(0, 1, 7, 25))
    w2 = joined("w2", "weibo", 2, active=(0,))
    joined("d1", "douyin", 3, active=(0, 30))
    User.objects.create(
        username="late", channel="weibo", date_joined=at(dt.date(2026, 4, 2))
    )  # after it
    MemberAttribution.objects.create(member=w1, first_channel="weibo", last_channel="seo")
    MemberAttribution.objects.create(member=w2, first_channel="weibo", last_channel="weibo")
    Touch.objects.create(member=w1, position=0, occurred_at=at(dt.date(2026, 2, 28)), channel="weibo", credit=0.5)  # fmt: skip
    Touch.objects.create(member=w1, position=1, occurred_at=at(dt.date(2026, 3, 1)), channel="seo", credit=0.5)  # fmt: skip
    OnboardingProgress.objects.create(member=w1, completed_at=at(dt.date(2026, 3, 2)))
    OnboardingProgress.objects.create(member=w2)
    weibo = Channel.objects.get(key="weibo")
    # ¥6,100 over Feb 28 – Apr 29 (61 days, ¥100 a day): 31 days fall in March
    Spend.objects.create(
        channel=weibo,
        period_start=dt.date(2026, 2, 28),
        period_end=dt.date(2026, 4, 29),
        amount=6100,
    )
    store_sync(store)
    table = channel_quality(period=PERIOD, engine=store)
    rows = {row.key: row for row in table.rows}
    assert sorted(rows) == ["douyin", "weibo"]
    weibo_row, douyin_row = rows["weibo"], rows["douyin"]
    assert weibo_row.signups == 2
    assert weibo_row.last_touch == 1
    assert weibo_row.linear == 0.5
    assert rows["douyin"].last_touch == 0
    assert weibo_row.spend == Decimal("3100.00")
    assert weibo_row.cac == pytest.approx(1550)
    assert weibo_row.activation == 0.5  # one of the two checklists is complete
    assert douyin_row.activation is None  # no checklist: "—"
    assert weibo_row.d1 == 0.5
    assert weibo_row.d7 == 0.5
    assert douyin_row.d30 == 1.0
    assert weibo_row.still_active_rate == 0.5  # w1 on day 25
    assert weibo_row.expected_active == 1.0
    assert weibo_row.cost_per_active == pytest.approx(3100)
    assert douyin_row.cac is None
    assert douyin_row.cost_per_active is None
    assert weibo_row.small
    assert douyin_row.small
    assert table.total.signups == 3
    assert table.total.spend == Decimal("3100.00")
    assert table.total.still_active_rate == pytest.approx(2 / 3, abs=1e-4)
    assert table.total.cac == pytest.approx(3100 / 3)


def test_channels_with_spend_but_no_sign_ups_still_show(store: DuckDBEngine) -> None:
    Spend.objects.create(
        channel=Channel.objects.get(key="zhihu"),
        period_start=dt.date(2026, 3, 1),
        period_end=dt.date(2026, 3, 31),
        amount=500,
    )
    store_sync(store)
    row = channel_quality(period=PERIOD, engine=store).rows[0]
    assert (row.key, row.signups, row.spend, row.cac) == ("zhihu", 0, Decimal("500.00"), None)


def test_the_default_period_is_the_last_90_complete_days() -> None:
    period = period_default(today=dt.date(2026, 6, 15))
    assert (period.start, period.end, period.as_of) == (
        dt.date(2026, 3, 17),
        dt.date(2026, 6, 14),
        dt.date(2026, 6, 14),
    )
    assert period.days == 90
