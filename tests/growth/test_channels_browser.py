"""Acceptance 5 in Chromium: a manager adds a channel and a tracked link in the cockpit; a
visitor opens the short link in a fresh browser and signs up; the member appears in the
channel's row and on its page. The link's poster renders and prints to a PDF.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from hearth.accounts.models import User
from hearth.core import roles
from hearth.growth.models import Channel, TrackedLink
from tests.growth.browser_helpers import SCREENSHOTS, new_page, shot, with_browser

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
]


@pytest.fixture
def manager(make_member: Callable[..., Any], settings: Any) -> Any:
    from django.contrib.auth.models import Group

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    member = make_member("lan")
    member.groups.add(Group.objects.get(name=roles.COMMUNITY_MANAGER))
    return member


def test_channel_link_signup_and_poster(live_server: Any, manager: Any) -> None:
    base = live_server.url
    seen: dict[str, Any] = {}

    def scenario(browser: Any) -> None:
        staff = new_page(browser)
        staff.goto(f"{base}/accounts/login/")
        form = staff.get_by_test_id("login-form")
        form.locator("[name=username]").fill(manager.username)
        form.locator("[name=password]").fill("correct-horse-battery-9")
        form.locator("button[type=submit]").click()
        staff.wait_for_url(f"{base}/")

        # A channel, through the cockpit.
        staff.goto(f"{base}/ops/")
        staff.get_by_test_id("ops-nav").locator("[data-nav=channels]").click()
        staff.get_by_test_id("channel-new").click()
        form = staff.get_by_test_id("channel-form")
        form.locator("[name=name]").fill("校园地推")
        form.locator("[name=key]").fill("campus")
        form.locator("[name=kind]").select_option("offline")
        form.locator("[name=source_aliases]").fill("xiaoyuan, campus-2026")
        form.locator("[name=description]").fill("开学季在各大高校摆摊")
        staff.get_by_test_id("channel-save").click()

        # A tracked link for it, with a poster incentive.
        staff.get_by_test_id("link-new").click()
        form = staff.get_by_test_id("link-form")
        form.locator("[name=label]").fill("开学季海报")
        form.locator("[name=destination]").fill("/accounts/signup/")
        form.locator("[name=incentive]").fill("现场注册送 50 积分")
        form.locator("[name=utm_medium]").fill("qr")
        staff.get_by_test_id("link-save").click()
        row = staff.get_by_test_id("links-table").locator("tbody tr").first
        short_url = row.get_by_test_id("short-url").inner_text().strip()
        seen["short_url"] = short_url
        shot(staff, "growth-channel-links")

        # A visitor, in a browser of their own, scans it and signs up.
        visitor = new_page(browser)
        visitor.goto(short_url)
        visitor.get_by_test_id("signup-form").wait_for()
        seen["landing"] = visitor.url
        form = visitor.get_by_test_id("signup-form")
        form.locator("[name=username]").fill("xuesheng")
        form.locator("[name=email]").fill("xuesheng@example.com")
        form.locator("[name=password]").fill("桂花-oolong-2026")
        form.locator("[name=password_confirm]").fill("桂花-oolong-2026")
        form.locator("[name=privacy]").check()
        form.locator("button[type=submit]").click()
        visitor.wait_for_url(lambda url: "/accounts/signup/" not in url)

        # Back in the cockpit: the channel's row counts the member, its page lists them.
        staff.goto(f"{base}/ops/growth/channels/")
        campus = staff.locator("[data-testid=channels-table] tr[data-channel=campus]")
        seen["recent"] = campus.locator("[data-col=signups-recent]").inner_text().strip()
        seen["total"] = campus.locator("[data-col=signups-total]").inner_text().strip()
        seen["clicks"] = campus.locator("[data-col=clicks]").inner_text().strip()
        shot(staff, "growth-channels-list")
        campus.locator("a").first.click()
        staff.locator("[data-testid=signups-table] tr[data-member=xuesheng]").wait_for()
        shot(staff, "growth-channel-page")

        # The poster: an A4 sheet with the QR code; it prints to a PDF.
        poster_href = staff.get_by_test_id("poster").first.get_attribute("href")
        staff.goto(f"{base}{poster_href}")
        staff.get_by_test_id("poster-qr").locator("svg").wait_for()
        seen["poster_text"] = staff.get_by_test_id("poster").inner_text()
        shot(staff, "growth-link-poster")
        staff.emulate_media(media="print")
        staff.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
        shot(staff, "growth-link-poster-print")
        seen["toolbar_printed"] = staff.get_by_test_id("poster-toolbar").is_visible()
        seen["pdf"] = staff.pdf(format="A4", print_background=True)
        staff.goto("about:blank")
        visitor.goto("about:blank")

    with_browser(scenario)

    channel = Channel.objects.get(key="campus")
    assert channel.source_aliases == ["xiaoyuan", "campus-2026"]
    link = TrackedLink.objects.get(channel=channel)
    assert seen["short_url"] == f"{live_server.url}/go/{link.code}/"
    assert "utm_source=campus" in seen["landing"]
    assert f"hl={link.code}" in seen["landing"]
    assert link.clicks == 1
    member = User.objects.get(username="xuesheng")
    assert member.channel == "campus"
    assert (seen["recent"], seen["total"], seen["clicks"]) == ("1", "1", "1")
    assert "现场注册送 50 积分" in seen["poster_text"]
    assert f"/go/{link.code}" in seen["poster_text"]
    assert seen["toolbar_printed"] is False
    assert seen["pdf"].startswith(b"%PDF")
    assert len(seen["pdf"]) > 5_000
    assert len(re.findall(rb"/Type\s*/Page[^s]", seen["pdf"])) == 1  # one A4 sheet
    (SCREENSHOTS / "growth-link-poster.pdf").write_bytes(seen["pdf"])
