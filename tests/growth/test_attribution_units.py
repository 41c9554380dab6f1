"""Attribution's parts on their own: search engines, touches, crediting, the channel lookup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from hearth.growth.attribution import (
    channel_cache_clear,
    channel_for_source,
    credit_for,
    linear_by_channel,
    search_engine_for,
)
from hearth.growth.attribution.search import search_term_for
from hearth.growth.attribution.touches import (
    MAX_TOUCHES,
    TouchData,
    TouchKind,
    touch_dump,
    touch_parse,
    touches_add,
)
from hearth.growth.models import Channel, ChannelKind

T0 = dt.datetime(2026, 11, 10, 2, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _fresh_registry() -> Iterator[None]:
    channel_cache_clear()
    yield
    channel_cache_clear()


@pytest.mark.parametrize(
    ("referrer", "engine"),
    [
        ("https://www.baidu.com/link?url=abc&wd=", "baidu"),
        ("https://m.baidu.com/from=844b/s?word=hearth", "baidu"),
        ("http://baidu.com/", "baidu"),
        ("https://tieba.baidu.com/p/1", None),  # Baidu's forum, not its search
        ("https://baike.baidu.com/item/x", None),
        ("https://www.sogou.com/link?url=x", "sogou"),
        ("https://wap.sogou.com/web/searchList.jsp", "sogou"),
        ("https://www.so.com/link?m=x", "so360"),
        ("https://m.so.com/s?q=hearth", "so360"),
        ("https://www.haosou.com/s", "so360"),
        ("https://so.360.cn/", "so360"),
        ("https://cn.bing.com/search?q=hearth", "bing"),
        ("https://www.bing.com/", "bing"),
        ("https://www.google.com/", "google"),
        ("https://www.google.com.hk/url?q=x", "google"),
        ("https://google.co.jp/", "google"),
        ("https://www.google.cn/", "google"),
        ("https://notgoogle.com/", None),
        ("https://google.example.com/", None),
        ("https://www.baidu.com.evil.cn/", None),
        ("https://weibo.com/u/1", None),
        ("", None),
        ("not a url", None),
        ("http://[::1", None),
        ("javascript:alert(1)", None),
    ],
)
def test_search_engines_are_recognised_from_the_referrer(referrer: str, engine: str | None) -> None:
    assert search_engine_for(referrer) == engine


def test_the_search_words_are_kept_when_the_engine_sends_them() -> None:
    assert search_term_for("https://www.sogou.com/web?query=%E7%83%98%E7%84%99") == "烘焙"
    assert search_term_for("https://m.baidu.com/s?word=hearth") == "hearth"
    assert search_term_for("https://www.google.com/") == ""
    assert search_term_for("https://weibo.com/?q=x") == ""


def test_no_touch_is_direct_with_the_whole_credit() -> None:
    credit = credit_for([])
    assert (credit.first_channel, credit.last_channel, credit.linear) == ("direct", "direct", ())
    assert linear_by_channel([]) == {"direct": 1.0}


def test_first_last_and_linear_credit() -> None:
    credit = credit_for(["weibo", "seo"])
    assert (credit.first_channel, credit.last_channel) == ("weibo", "seo")
    assert credit.linear == (0.5, 0.5)
    three = credit_for(["weibo", "seo", "referral"])
    assert three.linear == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert sum(three.linear) == pytest.approx(1.0)
    assert linear_by_channel(["weibo", "seo", "weibo", "zhihu"]) == {
        "weibo": 0.5,
        "seo": 0.25,
        "zhihu": 0.25,
    }


def touch(source: str, at: dt.datetime, kind: str = TouchKind.UTM) -> TouchData:
    return TouchData(at=at, kind=kind, channel=source, source=source, landing_path="/")


def test_the_same_touch_within_30_minutes_is_not_repeated() -> None:
    first = [touch("weibo", T0)]
    assert touches_add(first, touch("weibo", T0 + dt.timedelta(minutes=29)), now=T0) is None
    later = T0 + dt.timedelta(minutes=31)
    assert touches_add(first, touch("weibo", later), now=later) is not None
    other = touches_add(first, touch("zhihu", T0 + dt.timedelta(minutes=1)), now=T0)
    assert other is not None
    assert [t.source for t in other] == ["weibo", "zhihu"]


def test_the_first_and_the_latest_touches_are_kept() -> None:
    touches: list[TouchData] = []
    for n in range(15):
        at = T0 + dt.timedelta(hours=n)
        added = touches_add(touches, touch(f"s{n}", at), now=at)
        assert added is not None
        touches = added
    assert len(touches) == MAX_TOUCHES
    assert [t.source for t in touches] == ["s0", *(f"s{n}" for n in range(6, 15))]


def test_a_touch_survives_its_compact_form() -> None:
    original = TouchData(
        at=T0,
        kind=TouchKind.LINK,
        channel="weibo",
        source="weibo",
        medium="social",
        campaign="x",
        link_id=7,
        referrer="https://weibo.com/",
        landing_path="/?hl=abc",
    )
    assert touch_parse(touch_dump(original)) == original


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        "weibo",
        {"t": "1700000000", "k": "utm"},
        {"t": 1700000000.5, "k": "utm"},
        {"t": -5, "k": "utm"},
        {"t": True, "k": "utm"},
        {"t": 1700000000, "k": "made-up"},
        {"t": 1700000000, "k": "utm", "s": 5},
        {"t": 1700000000, "k": "utm", "s": "x" * 101},
        {"t": 1700000000, "k": "utm", "l": "7"},
        {"t": 1700000000, "k": "utm", "l": 0},
        {"t": 1700000000, "k": "utm", "zz": "extra"},
    ],
)
def test_touches_of_a_wrong_shape_are_refused(data: object) -> None:
    assert touch_parse(data) is None


@pytest.mark.django_db
def test_a_source_resolves_by_key_or_alias_ignoring_case() -> None:
    assert channel_for_source("weibo") == "weibo"
    assert channel_for_source("WeiXin") == "wechat"
    assert channel_for_source(" WX ") == "wechat"
    assert channel_for_source("Baidu") == "seo"
    assert channel_for_source("mystery-blog") == "other"
    assert channel_for_source("") == "other"


@pytest.mark.django_db
def test_a_new_channel_is_seen_after_the_cache_is_cleared() -> None:
    assert channel_for_source("douban") == "other"
    Channel.objects.create(
        key="douban", name="豆瓣", kind=ChannelKind.OTHER, source_aliases=["db-group"]
    )
    channel_cache_clear()  # what the channel services call after a change
    assert channel_for_source("douban") == "douban"
    assert channel_for_source("DB-Group") == "douban"
