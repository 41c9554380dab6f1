"""The landing-source middleware: what it remembers for attribution, and what it ignores."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.test import Client, RequestFactory

from hearth.accounts.middleware import SESSION_KEY, landing_source_for


@pytest.mark.django_db
def test_the_first_landing_is_kept_and_a_utm_landing_replaces_a_direct_one() -> None:
    client = Client()
    client.get("/rules/", headers={"referer": "https://www.baidu.com/s?wd=hearth"})
    assert client.session[SESSION_KEY]["referrer"] == "https://www.baidu.com/s?wd=hearth"
    client.get("/culture/")
    assert client.session[SESSION_KEY]["landing_path"] == "/rules/"
    client.get("/culture/?utm_source=wechat&utm_medium=social")
    assert client.session[SESSION_KEY]["utm_source"] == "wechat"
    client.get("/rules/")
    assert client.session[SESSION_KEY]["utm_source"] == "wechat"


@pytest.mark.django_db
def test_reloading_the_landing_keeps_its_original_referrer() -> None:
    client = Client()
    url = "/rules/?utm_source=weibo"
    client.get(url, headers={"referer": "https://weibo.com/"})
    client.get(url, headers={"referer": "http://testserver/rules/?utm_source=weibo"})
    assert client.session[SESSION_KEY]["referrer"] == "https://weibo.com/"


@pytest.mark.django_db
def test_api_calls_and_assets_are_not_landings() -> None:
    Client().get("/api/v1/boards?utm_source=bot")
    Client().get("/static/hearth/css/hearth.css?utm_source=bot")
    assert not Session.objects.exists()


def test_members_who_are_logged_in_are_not_tracked(
    make_member: Callable[..., Any], client_as: Callable[..., Any]
) -> None:
    client = client_as(make_member())
    client.get("/rules/?utm_source=weibo")
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_the_signup_url_wins_over_an_older_landing() -> None:
    request = RequestFactory().post("/accounts/signup/?utm_source=douyin&utm_campaign=summer")
    request.session = {  # type: ignore[assignment]
        SESSION_KEY: {"utm_source": "weibo", "landing_path": "/?utm_source=weibo"}
    }
    source = landing_source_for(request)
    assert (source.channel, source.utm_campaign) == ("douyin", "summer")
    assert source.landing_path == "/accounts/signup/?utm_source=douyin&utm_campaign=summer"
    assert source.referrer == ""
