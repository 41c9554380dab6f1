"""Channel quality per channel, on every engine, counted by hand.

as of 2026-02-20 (the last complete day); members joined 2026-01-05…2026-02-16:

a seo     joined 01-05: read 01-05, read 01-06 (D1), reply 01-12 (D7), read 01-30 (offset 25),
                        read 02-04 (offset 30: D30, outside the first 30 days); level 2
b seo     joined 01-10: topic 01-10, a like *received* 01-11 (not active), visit 01-17 (D7;
                        a visit is active but not an action)
c douyin  joined 01-06: read 01-06
d douyin  joined 02-15: read 02-16 (D1); too young for D7 and D30
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from hearth.accounts.models import User
from hearth.analytics.channels import channel_outcomes
from hearth.analytics.definitions import DEFAULT_ACTIVE
from hearth.analytics.queries.channel_quality import ChannelQuality
from hearth.analytics.queries.params import QueryError, Window
from hearth.analytics.store.engine import Engine
from hearth.analytics.store.sync import store_sync
from hearth.gamification.models import Level, PointBalance

AS_OF = dt.date(2026, 2, 20)
WINDOW = Window(
    start=dt.date(2026, 1, 5), end=dt.date(2026, 2, 16), actions=DEFAULT_ACTIVE, tz="Asia/Shanghai"
)


@pytest.fixture
def channel_log(engine: Engine, member: Callable[..., User], act: Callable[..., Any]) -> Engine:
    a = member("a", "2026-01-05", channel="seo")
    b = member("b", "2026-01-10", channel="seo")
    c = member("c", "2026-01-06", channel="douyin")
    d = member("d", "2026-02-15", channel="douyin")
    for day in ("2026-01-05", "2026-01-06", "2026-01-30", "2026-02-04"):
        act(a, "read", day)
    act(a, "reply", "2026-01-12")
    act(b, "topic", "2026-01-10")
    act(b, "like_received", "2026-01-11")
    act(b, "visit", "2026-01-17")
    act(c, "read", "2026-01-06")
    act(d, "read", "2026-02-16")
    level = Level.objects.get(position=2)
    PointBalance.objects.create(member=a, lifetime=level.threshold, level=level)
    store_sync(engine)
    return engine


def test_channel_quality_counted_by_hand(channel_log: Engine) -> None:
    found = ChannelQuality(WINDOW, as_of=AS_OF, period="month").calculate(channel_log)
    rows = {o.channel: o for o in found.channels}
    assert sorted(rows) == ["douyin", "seo"]
    seo, douyin = rows["seo"], rows["douyin"]
    assert seo.members == 2
    assert seo.eligible == {1: 2, 7: 2, 30: 2}
    assert seo.retained == {1: 1, 7: 2, 30: 1}
    assert seo.still_active == 1  # a: offsets 25 and 30
    assert seo.posted == 2
    assert seo.median_actions == 2.5  # a: 4 actions in offsets 0–29, b: 1
    assert seo.level2 == 1
    assert seo.level2_rate == 0.5
    assert douyin.members == 2
    assert douyin.eligible == {1: 2, 7: 1, 30: 1}  # d joined 5 days before as_of
    assert douyin.retained == {1: 1, 7: 0, 30: 0}
    assert douyin.still_active == 0
    assert douyin.still_active_rate == 0.0
    assert douyin.posted == 0
    assert douyin.median_actions == 1.0
    assert douyin.rate(7) == 0.0
    assert seo.rate(1) == 0.5
    # the trend: per channel and join month
    assert [(o.period, o.members, o.eligible[7]) for o in found.trend["douyin"]] == [
        ("2026-01-01", 1, 1),
        ("2026-02-01", 1, 0),
    ]
    assert [o.period for o in found.trend["seo"]] == ["2026-01-01"]


def test_public_face_on_a_given_store(channel_log: Engine) -> None:
    found = channel_outcomes(
        start=WINDOW.start, end=WINDOW.end, as_of=AS_OF, period="week", engine=channel_log
    )
    assert {o.channel: o.members for o in found.channels} == {"douyin": 2, "seo": 2}
    assert [o.period for o in found.trend["seo"]] == ["2026-01-05"]  # both joined that ISO week


def test_unknown_period_is_a_query_error() -> None:
    with pytest.raises(QueryError):
        ChannelQuality(WINDOW, as_of=AS_OF, period="year")
