"""In Chromium: a manager opens the at-risk queue, selects members, previews and sends a
message, and lands on the outreach page with its holdout and lift."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from hearth.accounts.models import User
from hearth.growth.models import OnboardingProgress, Outreach, OutreachRecipient, RecipientGroup
from tests.growth.browser_helpers import new_page, shot, with_browser

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
]

PASSWORD = "correct-horse-battery-9"


def test_manager_messages_selected_at_risk_members(
    live_server: Any, staff_member: User, make_member: Callable[..., Any]
) -> None:
    joined = timezone.now() - dt.timedelta(days=3)
    newcomers = [make_member(f"newbie{i}", display_name=f"新人{i}") for i in range(6)]
    for member in newcomers:
        User.objects.filter(pk=member.pk).update(date_joined=joined, channel="douyin")
        OnboardingProgress.objects.update_or_create(
            member_id=member.pk,
            defaults={"started_at": joined, "profile_at": joined, "boards_at": None},
        )
    base = live_server.url

    def scenario(page: Any) -> None:
        page.goto(f"{base}/accounts/login/")
        form = page.get_by_test_id("login-form")
        form.locator("[name=username]").fill(staff_member.username)
        form.locator("[name=password]").fill(PASSWORD)
        form.locator("button[type=submit]").click()
        page.wait_for_url(f"{base}/")
        page.goto(f"{base}/ops/growth/at-risk/")
        headline = page.get_by_test_id("headline").first.inner_text()
        assert "100%" in headline
        shot(page, "rescue-at-risk-queue")
        for member in newcomers:
            page.locator(f'tr[data-member="{member.username}"] input[name=member]').check()
        page.get_by_test_id("message-selected").click()
        page.wait_for_url(f"{base}/ops/growth/outreach/new/")
        assert "6" in page.get_by_test_id("audience").inner_text()
        form = page.get_by_test_id("outreach-form")
        form.locator("[name=name]").fill("第一周关注版块提醒")
        form.locator("[name=subject]").fill("{name}，欢迎你")
        form.locator("[name=body]").fill("{name}，关注 3 个版块，首页就有适合你的话题。")
        form.locator("[name=email]").check()
        form.locator("button[name=preview]").click()
        assert "新人0，关注 3 个版块" in page.get_by_test_id("preview").inner_text()
        shot(page, "rescue-compose-preview")
        page.get_by_test_id("send").click()
        page.wait_for_url(f"{base}/ops/growth/outreach/*/")
        assert page.get_by_test_id("treated").inner_text() == "5"
        assert page.get_by_test_id("holdout").inner_text() == "1"
        page.get_by_test_id("lift").wait_for()
        shot(page, "rescue-outreach-page")

    with_browser(lambda browser: scenario(new_page(browser)))
    outreach = Outreach.objects.get()
    rows = OutreachRecipient.objects.filter(outreach=outreach)
    assert rows.filter(group=RecipientGroup.TREATED, notified_at__isnull=False).count() == 5
