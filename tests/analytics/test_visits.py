"""Visits: one per session start (30 idle minutes), with the device; bots and assets are not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from hearth.analytics.middleware import device_of
from hearth.analytics.models import Activity

PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"


@pytest.mark.parametrize(
    ("agent", "device"),
    [
        (PHONE, "mobile"),
        ("Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)", "tablet"),
        ("Mozilla/5.0 (Linux; Android 14; SM-X700) AppleWebKit/537.36 Safari/537.36", "tablet"),
        (
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Mobile Safari/537.36",
            "mobile",
        ),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126", "desktop"),
        ("Baiduspider/2.0", "bot"),
    ],
)
def test_devices(agent: str, device: str) -> None:
    assert device_of(agent) == device


@pytest.mark.django_db(transaction=True)
def test_a_member_visit_is_recorded_once_per_session(make_member: Callable[..., Any]) -> None:
    member = make_member()
    client = Client(HTTP_USER_AGENT=PHONE, HTTP_REFERER="https://www.baidu.com/s?wd=hearth")
    client.force_login(member)
    for _ in range(3):
        assert client.get("/").status_code == 200
    client.get("/static/cockpit/review.js")
    visits = list(Activity.objects.filter(action="visit"))
    assert len(visits) == 1
    assert (visits[0].member_id, visits[0].device, visits[0].source) == (
        member.pk,
        "mobile",
        "www.baidu.com",
    )


@pytest.mark.django_db(transaction=True)
def test_bots_are_not_visits(db: None) -> None:
    Client(HTTP_USER_AGENT="Googlebot/2.1").get("/")
    assert not Activity.objects.filter(action="visit").exists()
