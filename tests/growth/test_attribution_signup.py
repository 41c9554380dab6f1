"""Acceptance: a visitor's touches, from the first landing to the sign-up, and how they are credited."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import signing
from django.test import Client
from freezegun import freeze_time

from hearth.accounts.models import User
from hearth.growth.attribution import channel_cache_clear
from hearth.growth.attribution.cookie import COOKIE_NAME, COOKIE_SALT
from hearth.growth.models import Channel, MemberAttribution, Touch, TrackedLink
from tests.growth.signup_form import SIGNUP, form_data


@pytest.fixture(autouse=True)
def _fresh_registry() -> Iterator[None]:
    channel_cache_clear()
    yield
    channel_cache_clear()


@pytest.fixture
def weibo_link(db: None) -> TrackedLink:
    return TrackedLink.objects.create(
        code="wbspring",
        channel=Channel.objects.get(key="weibo"),
        label="微博春季",
        utm_source="weibo",
        utm_medium="social",
        utm_campaign="x",
    )


def touches_of(member: User) -> list[tuple[str, str, int | None, float]]:
    return [
        (t.channel, t.source, t.link_id, t.credit)
        for t in Touch.objects.filter(member=member).order_by("position")
    ]


def cookie_touches(client: Client) -> list[dict[str, Any]]:
    cookie = client.cookies.get(COOKIE_NAME)
    if cookie is None or not cookie.value:
        return []
    value: list[dict[str, Any]] = signing.loads(cookie.value, salt=COOKIE_SALT)
    return value


def test_a_weibo_link_then_baidu_the_next_day_then_sign_up(weibo_link: TrackedLink) -> None:
    client = Client()
    with freeze_time("2026-11-10 20:00:00+08:00") as frozen:
        landing = f"/?utm_source=weibo&utm_medium=social&utm_campaign=x&hl={weibo_link.code}"
        assert client.get(landing, headers={"referer": "https://weibo.com/u/1"}).status_code == 200
        client.get("/rules/", headers={"referer": "http://testserver/"})
        client.get("/culture/", headers={"referer": "http://testserver/rules/"})
        client.get(landing, headers={"referer": "http://testserver/culture/"})  # back: a reload
        assert len(cookie_touches(client)) == 1
        frozen.move_to("2026-11-11 09:30:00+08:00")
        client.get("/", headers={"referer": "https://www.baidu.com/link?url=Xy7kQ&wd=&eqid=9"})
        client.get(SIGNUP, headers={"referer": "http://testserver/"})
        response = client.post(SIGNUP, form_data())
    assert response.status_code == 302
    member = User.objects.get(username="xiaoming")
    assert touches_of(member) == [
        ("weibo", "weibo", weibo_link.pk, 0.5),
        ("seo", "baidu", None, 0.5),
    ]
    first, last = Touch.objects.filter(member=member).order_by("position")
    assert (first.medium, first.campaign, first.referrer) == (
        "social",
        "x",
        "https://weibo.com/u/1",
    )
    assert (last.medium, last.referrer) == ("organic", "https://www.baidu.com/link")
    assert first.occurred_at.date().isoformat() == "2026-11-10"
    assert last.occurred_at.date().isoformat() == "2026-11-11"
    attribution = MemberAttribution.objects.get(member=member)
    assert (attribution.first_channel, attribution.last_channel) == ("weibo", "seo")
    assert attribution.touch_count == 2
    assert attribution.invited_by is None
    assert len(attribution.signup_device) == 64
    assert (member.channel, member.utm_source, member.utm_campaign) == ("weibo", "weibo", "x")


@pytest.mark.django_db
def test_an_unknown_utm_source_is_other_with_the_raw_source_kept() -> None:
    client = Client()
    client.get("/?utm_source=MysteryBlog&utm_medium=post")
    client.post(SIGNUP, form_data())
    member = User.objects.get(username="xiaoming")
    assert member.channel == "other"
    assert member.utm_source == "MysteryBlog"
    assert touches_of(member) == [("other", "MysteryBlog", None, 1.0)]


@pytest.mark.django_db
def test_an_inactive_or_unknown_link_code_credits_only_what_the_url_says() -> None:
    client = Client()
    client.get("/?hl=nosuchlink")  # a code alone, of no link: no touch
    assert cookie_touches(client) == []
    client.get("/?utm_source=zhihu&hl=nosuchlink")
    client.post(SIGNUP, form_data())
    assert touches_of(User.objects.get(username="xiaoming")) == [("zhihu", "zhihu", None, 1.0)]


@pytest.mark.django_db
def test_a_channel_added_between_landing_and_sign_up_gets_the_credit() -> None:
    client = Client()
    client.get("/?utm_source=douban")
    assert cookie_touches(client)[0]["c"] == "other"
    Channel.objects.create(key="douban", name="豆瓣", kind="other")
    client.post(SIGNUP, form_data())
    assert User.objects.get(username="xiaoming").channel == "douban"


@pytest.mark.django_db
def test_another_site_is_a_touch_of_its_host_and_a_direct_visit_is_none() -> None:
    client = Client()
    client.get("/")
    assert cookie_touches(client) == []
    client.get("/", headers={"referer": "https://news.ycombinator.com/item?id=1"})
    client.post(SIGNUP, form_data())
    member = User.objects.get(username="xiaoming")
    assert touches_of(member) == [("other", "news.ycombinator.com", None, 1.0)]
    assert member.channel == "other"


@pytest.mark.django_db
def test_a_direct_sign_up_is_one_direct_touch() -> None:
    Client().post(SIGNUP, form_data())
    member = User.objects.get(username="xiaoming")
    assert member.channel == "direct"
    assert touches_of(member) == [("direct", "", None, 1.0)]
    attribution = MemberAttribution.objects.get(member=member)
    assert (attribution.first_channel, attribution.last_channel) == ("direct", "direct")


@pytest.mark.parametrize(
    "value",
    [
        "garbage",
        "W10:1tE9xx:" + "A" * 43,  # the shape of a signed value, a forged signature
        "x" * 5000,
        signing.dumps([{"t": 1}], salt="another.salt", compress=True),
        "",
    ],
    # Fixed ids: a signed value holds its time, and every xdist worker must collect the same.
    ids=["garbage", "forged-signature", "oversized", "another-salt", "empty"],
)
@pytest.mark.django_db
def test_a_tampered_cookie_is_ignored_and_the_sign_up_is_direct(
    value: str, caplog: pytest.LogCaptureFixture
) -> None:
    client = Client()
    client.cookies[COOKIE_NAME] = value
    with caplog.at_level(logging.INFO, logger="hearth.growth.attribution.cookie"):
        response = client.get("/rules/")
    assert response.status_code == 200
    if value:
        assert "attribution cookie ignored" in caplog.text
        assert client.cookies[COOKIE_NAME].value == ""  # replaced by a clean (empty) cookie
    assert client.post(SIGNUP, form_data()).status_code == 302
    member = User.objects.get(username="xiaoming")
    assert member.channel == "direct"
    assert touches_of(member) == [("direct", "", None, 1.0)]


@pytest.mark.django_db
def test_an_altered_cookie_loses_its_touches_but_a_new_landing_still_counts() -> None:
    client = Client()
    client.get("/?utm_source=weibo")
    genuine = client.cookies[COOKIE_NAME].value
    client.cookies[COOKIE_NAME] = genuine[:-2] + ("AA" if genuine[-2:] != "AA" else "BB")
    assert client.get("/?utm_source=zhihu").status_code == 200
    assert [t["c"] for t in cookie_touches(client)] == ["zhihu"]
    client.post(SIGNUP, form_data())
    assert touches_of(User.objects.get(username="xiaoming")) == [("zhihu", "zhihu", None, 1.0)]


@pytest.mark.django_db
def test_a_signed_cookie_keeps_its_well_formed_touches_only() -> None:
    client = Client()
    good = {"t": 1_790_000_000, "k": "utm", "c": "weibo", "s": "weibo"}
    client.cookies[COOKIE_NAME] = signing.dumps(
        [good, {"t": "soon", "k": "utm", "c": "douyin", "s": "douyin"}],
        salt=COOKIE_SALT,
        compress=True,
    )
    with freeze_time("2026-10-01 12:00:00+08:00"):
        assert client.get("/rules/").status_code == 200
        assert [t["c"] for t in cookie_touches(client)] == ["weibo"]
        client.post(SIGNUP, form_data())
    assert User.objects.get(username="xiaoming").channel == "weibo"


@pytest.mark.django_db
def test_the_cookie_is_signed_first_party_and_http_only() -> None:
    client = Client()
    response = client.get("/?utm_source=weibo")
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 90 * 24 * 3600
    device = response.cookies["hearth_device"]
    assert device["httponly"] is True
    assert len(device.value) >= 16


@pytest.mark.django_db
def test_a_referrer_from_another_host_of_this_site_is_internal(settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["testserver", ".hearth.example"]
    client = Client()
    client.get("/rules/", headers={"referer": "https://www.hearth.example/t/1/"})
    assert cookie_touches(client) == []
    client.get("/rules/", headers={"referer": "https://hearth.example.evil.cn/"})
    assert [t["s"] for t in cookie_touches(client)] == ["hearth.example.evil.cn"]
