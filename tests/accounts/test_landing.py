"""Landings before sign-up: what the attribution cookie keeps, and what it ignores."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.core import signing
from django.test import Client, RequestFactory

from hearth.growth.attribution import landing_source_for
from hearth.growth.attribution.cookie import COOKIE_NAME, COOKIE_SALT


def touches_in(client: Client) -> list[dict[str, Any]]:
    cookie = client.cookies.get(COOKIE_NAME)
    if cookie is None or not cookie.value:
        return []
    value: list[dict[str, Any]] = signing.loads(cookie.value, salt=COOKIE_SALT)
    return value


@pytest.mark.django_db
def test_a_search_landing_then_a_utm_landing_are_two_touches_and_browsing_adds_none() -> None:
    client = Client()
    client.get("/rules/", headers={"referer": "https://www.baidu.com/s?wd=hearth"})
    client.get("/culture/", headers={"referer": "http://testserver/rules/"})
    assert [(t["c"], t["s"], t["p"]) for t in touches_in(client)] == [("seo", "baidu", "/rules/")]
    client.get("/culture/?utm_source=wechat&utm_medium=social")
    client.get("/rules/")
    assert [t["c"] for t in touches_in(client)] == ["seo", "wechat"]


@pytest.mark.django_db
def test_reloading_the_landing_adds_no_touch_and_keeps_its_referrer() -> None:
    client = Client()
    url = "/rules/?utm_source=weibo"
    client.get(url, headers={"referer": "https://weibo.com/u/1?token=secret"})
    client.get(url, headers={"referer": "http://testserver/rules/?utm_source=weibo"})
    (touch,) = touches_in(client)
    assert touch["r"] == "https://weibo.com/u/1"  # no query string: tokens and words stay out


@pytest.mark.django_db
def test_api_calls_and_assets_are_not_landings() -> None:
    client = Client()
    client.get("/api/v1/boards?utm_source=bot")
    client.get("/static/hearth/css/hearth.css?utm_source=bot")
    assert touches_in(client) == []
    assert not Session.objects.exists()


def test_members_who_are_logged_in_are_not_tracked(
    make_member: Callable[..., Any], client_as: Callable[..., Any]
) -> None:
    client = client_as(make_member())
    client.get("/rules/?utm_source=weibo")
    assert touches_in(client) == []


@pytest.mark.django_db
def test_a_post_to_a_utm_signup_url_counts_as_its_latest_touch() -> None:
    request = RequestFactory().post("/accounts/signup/?utm_source=douyin&utm_campaign=summer")
    source = landing_source_for(request)
    assert (source.channel, source.utm_campaign) == ("douyin", "summer")
    assert source.landing_path == "/accounts/signup/?utm_source=douyin&utm_campaign=summer"
    assert source.referrer == ""
    assert len(source.touches) == 1
