"""Tracked links: codes, the redirect, clicks, QR codes, the poster, campaigns, bad input."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlsplit
from xml.etree import ElementTree

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image

from hearth.core import roles
from hearth.growth.links.codes import ALPHABET, CODE_LENGTH, destination_check, link_landing_url
from hearth.growth.links.qr import qr_pixels
from hearth.growth.links.services import campaign_save, link_create, link_update, link_visit
from hearth.growth.models import Campaign, Channel, TrackedLink
from tests.growth.channels_fixtures import client_as, english, staff_as

__all__ = ["client_as", "english", "staff_as"]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def weibo() -> Channel:
    return Channel.objects.get(key="weibo")


def _link(channel: Channel, **fields: Any) -> TrackedLink:
    return link_create(actor=None, channel=channel, label=fields.pop("label", "微博系列"), **fields)


def test_random_codes_are_unambiguous_and_unique(weibo: Channel) -> None:
    codes = {_link(weibo).code for _ in range(30)}
    assert len(codes) == 30
    for code in codes:
        assert len(code) == CODE_LENGTH
        assert set(code) <= set(ALPHABET)
        assert not set(code) & set("01lio")


def test_utm_source_defaults_to_the_channel_key_and_campaign_fills_utm_campaign(
    weibo: Channel,
) -> None:
    campaign = campaign_save(actor=None, name="春季系列", channel=weibo, utm_campaign="spring")
    link = _link(weibo, campaign=campaign, utm_medium="social")
    assert (link.utm_source, link.utm_medium, link.utm_campaign) == ("weibo", "social", "spring")


@pytest.mark.parametrize(
    "bad",
    [
        "https://evil.example/",
        "//evil.example/x",
        "evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
        "/a b",
    ],
)
def test_destination_must_be_a_local_path(bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        destination_check(bad)
    assert "destination" in info.value.message_dict


def test_custom_code_is_checked_and_unique(weibo: Channel) -> None:
    assert _link(weibo, code="Fair24").code == "fair24"
    with pytest.raises(ValidationError) as info:
        _link(weibo, code="fair24")
    assert "already taken" in info.value.message_dict["code"][0]
    with pytest.raises(ValidationError) as info:
        _link(weibo, code="a/b")
    assert "code" in info.value.message_dict
    assert TrackedLink.objects.count() == 1


def test_landing_url_merges_with_the_destination_query(weibo: Channel) -> None:
    link = _link(
        weibo,
        destination="/t/42/?page=2&utm_source=old#reply-9",
        utm_medium="social",
        utm_campaign="spring",
        code="wb-spring",
    )
    parts = urlsplit(link_landing_url(link))
    assert (parts.path, parts.fragment) == ("/t/42/", "reply-9")
    assert parse_qsl(parts.query) == [
        ("page", "2"),
        ("utm_source", "weibo"),
        ("utm_medium", "social"),
        ("utm_campaign", "spring"),
        ("hl", "wb-spring"),
    ]


def test_short_url_counts_the_click_and_redirects(client: Any, weibo: Channel) -> None:
    link = _link(weibo, destination="/accounts/signup/?next=/", code="wbsignup")
    response = client.get("/go/WBSIGNUP/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/signup/?next=%2F&utm_source=weibo&hl=wbsignup"
    client.get("/go/wbsignup/")
    assert client.head("/go/wbsignup/")["Location"].startswith("/accounts/signup/")  # uncounted
    link.refresh_from_db()
    assert link.clicks == 2
    assert link.last_clicked_at is not None


def test_unknown_or_inactive_code_goes_home_uncounted(client: Any, weibo: Channel) -> None:
    link = _link(weibo, code="gone")
    link_update(actor=None, link=link, label=link.label, destination="/", active=False)
    for path in ("/go/gone/", "/go/nothing-here/", "/go/%E4%B8%AD%E6%96%87/"):
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, "/")
    link.refresh_from_db()
    assert link.clicks == 0
    assert link_visit(code="x" * 500) is None


def test_qr_png_is_a_png_of_the_asked_size(client: Any, weibo: Channel) -> None:
    link = _link(weibo, code="qrtest")
    response = client.get(f"/go/{link.code}/qr.png?scale=5")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "max-age" in response["Cache-Control"]
    image = Image.open(io.BytesIO(response.content))
    expected = qr_pixels("http://testserver/go/qrtest/", scale=5)
    assert (image.format, image.size) == ("PNG", (expected, expected))
    # The scale is bounded, and nonsense gives the default.
    huge = Image.open(io.BytesIO(client.get(f"/go/{link.code}/qr.png?scale=9999").content))
    assert huge.size[0] == qr_pixels("http://testserver/go/qrtest/", scale=40)
    assert client.get(f"/go/{link.code}/qr.png?scale=abc").status_code == 200


def test_qr_svg_is_valid_xml(client: Any, weibo: Channel) -> None:
    link = _link(weibo, code="svgtest")
    response = client.get(f"/go/{link.code}/qr.svg?download=1")
    assert response["Content-Type"] == "image/svg+xml"
    assert 'filename="qr-svgtest.svg"' in response["Content-Disposition"]
    root = ElementTree.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert client.get("/go/nope/qr.svg").status_code == 404


def test_poster_renders_for_print(
    staff_as: Callable[..., Any], client_as: Callable[..., Any], weibo: Channel
) -> None:
    offline = Channel.objects.get(key="offline")
    link = _link(offline, label="美食节展位", incentive="现场注册送 50 积分", code="food24")
    client = client_as(staff_as(roles.COMMUNITY_MANAGER))
    response = client.get(reverse("cockpit:growth_link_poster", args=[link.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "@page { size: A4;" in html
    assert "现场注册送 50 积分" in html
    assert "<svg" in html
    assert "testserver/go/food24" in html
    assert "window.print()" in html
    assert 'data-testid="ops-nav"' not in html  # no cockpit navigation on the sheet
    assert (
        client_as(staff_as(roles.MODERATOR, "mod"))
        .get(reverse("cockpit:growth_link_poster", args=[link.pk]))
        .status_code
        == 403
    )


def test_link_form_rejects_external_destination_and_duplicate_code(
    staff_as: Callable[..., Any], client_as: Callable[..., Any], weibo: Channel
) -> None:
    _link(weibo, code="taken")
    client = client_as(staff_as(roles.COMMUNITY_MANAGER))
    url = reverse("cockpit:growth_link_new", args=[weibo.pk])
    response = client.post(url, {"label": "外链", "destination": "https://evil.example/"})
    assert response.status_code == 400
    assert "not an address of another site" in response.content.decode()
    response = client.post(url, {"label": "重复", "destination": "/", "code": "taken"})
    assert response.status_code == 400
    assert "The short code “taken” is already taken." in response.content.decode()
    assert TrackedLink.objects.count() == 1
    response = client.post(
        url, {"label": "微博置顶", "destination": "/accounts/signup/", "utm_medium": "social"}
    )
    assert response.status_code == 302
    created = TrackedLink.objects.get(label="微博置顶")
    assert (created.utm_source, created.utm_medium) == ("weibo", "social")


def test_analysts_see_links_but_do_not_create_them(
    staff_as: Callable[..., Any], client_as: Callable[..., Any], weibo: Channel
) -> None:
    link = _link(weibo, code="seeme")
    client = client_as(staff_as(roles.ANALYST))
    url = reverse("cockpit:growth_link_new", args=[weibo.pk])
    assert client.post(url, {"label": "x", "destination": "/"}).status_code == 403
    assert client.get(reverse("cockpit:growth_link_edit", args=[link.pk])).status_code == 403
    assert client.get(reverse("cockpit:growth_campaigns")).status_code == 200
    assert client.get(reverse("cockpit:growth_campaign_new")).status_code == 403
    assert client.get(reverse("cockpit:growth_link_poster", args=[link.pk])).status_code == 200
    assert TrackedLink.objects.count() == 1


def test_link_edit_keeps_code_and_switches_off(
    staff_as: Callable[..., Any], client_as: Callable[..., Any], weibo: Channel
) -> None:
    link = _link(weibo, code="keepme")
    client = client_as(staff_as(roles.ADMIN))
    response = client.post(
        reverse("cockpit:growth_link_edit", args=[link.pk]),
        {"label": "新标签", "destination": "/", "code": "other"},
    )
    assert response.status_code == 302
    link.refresh_from_db()
    assert (link.code, link.label, link.active) == ("keepme", "新标签", False)


def test_campaign_dates_and_name_are_checked(weibo: Channel) -> None:
    with pytest.raises(ValidationError) as info:
        campaign_save(
            actor=None,
            name="倒序",
            starts_on=dt.date(2026, 5, 2),
            ends_on=dt.date(2026, 5, 1),
        )
    assert "ends_on" in info.value.message_dict
    campaign_save(actor=None, name="美食节", utm_campaign="food")
    with pytest.raises(ValidationError) as info:
        campaign_save(actor=None, name="美食节", utm_campaign="Food Fest")
    assert set(info.value.message_dict) == {"name", "utm_campaign"}


def test_campaign_pages(
    staff_as: Callable[..., Any], client_as: Callable[..., Any], weibo: Channel
) -> None:
    client = client_as(staff_as(roles.COMMUNITY_MANAGER))
    response = client.post(
        reverse("cockpit:growth_campaign_new"),
        {"name": "科技展 2026", "channel": weibo.pk, "utm_campaign": "tech-2026",
         "starts_on": "2026-05-10", "ends_on": "2026-05-01"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "The campaign cannot end before it starts." in response.content.decode()
    response = client.post(
        reverse("cockpit:growth_campaign_new"),
        {"name": "科技展 2026", "channel": weibo.pk, "utm_campaign": "tech-2026",
         "starts_on": "2026-05-01", "ends_on": "2026-05-10"},
    )  # fmt: skip
    assert response.status_code == 302
    campaign = Campaign.objects.get(name="科技展 2026")
    listing = client.get(reverse("cockpit:growth_campaigns")).content.decode()
    assert f'data-campaign="{campaign.pk}"' in listing
    response = client.post(
        reverse("cockpit:growth_campaign_edit", args=[campaign.pk]),
        {"name": "科技展", "utm_campaign": "tech-2026", "notes": "展位 B12"},
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert (campaign.name, campaign.channel, campaign.notes) == ("科技展", None, "展位 B12")


def test_demo_links_plant_and_reset() -> None:
    from django.utils import timezone

    from hearth.demo.links import LINKS, links_plant, links_reset

    now = timezone.now()
    assert links_plant(seed=7, now=now) == len(LINKS)
    links_plant(seed=7, now=now)  # again: the same links and campaigns, not twice
    assert TrackedLink.objects.count() == len(LINKS)
    booth = TrackedLink.objects.get(code="foodfair")
    assert (booth.channel.key, booth.campaign and booth.campaign.name) == ("offline", "美食节展位")
    assert booth.incentive == "现场注册送 50 积分"
    assert booth.clicks > 0
    assert booth.utm_source == "offline"
    for campaign in Campaign.objects.all():
        assert campaign.starts_on is not None
        assert campaign.ends_on is not None
        assert campaign.ends_on >= campaign.starts_on
    links_reset()
    assert not TrackedLink.objects.exists()
    assert not Campaign.objects.exists()
