"""The channel quality table and the budget advice in Chromium: the table sorts, the what-if
recomputes in place. Screenshots: growth-quality, growth-budget, growth-budget-whatif, growth-spend.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from hearth.accounts.models import User
from hearth.analytics.models import Activity
from hearth.core import roles
from hearth.growth.models import Channel, Spend
from tests.growth.browser_helpers import logged_in_page, session_of, shot, with_browser

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
]

# channel: members, chance of staying active after the first week, yuan per sign-up
WORLD = {
    "seo": (40, 0.6, 0),
    "wechat": (36, 0.45, 15),
    "zhihu": (30, 0.5, 18),
    "douyin": (45, 0.08, 25),
    "weibo": (12, 0.3, 20),
}


def _world() -> None:
    """Members who joined over the last 150 days; who stays is active every few days after."""
    rng = random.Random(7)
    now = timezone.now()
    rows = []
    for key, (count, stay, cac) in WORLD.items():
        for n in range(count):
            joined = now - dt.timedelta(days=rng.randint(35, 150), hours=rng.randint(0, 5))
            member = User.objects.create(username=f"{key}{n}", channel=key, date_joined=joined)
            stays = rng.random() < stay
            days = [0] + [d for d in range(1, 40 if stays else 6) if rng.random() < 0.4]
            for day in days:
                action = "reply" if rng.random() < 0.15 else "read"
                rows.append(
                    Activity(
                        member_id=member.pk,
                        action=action,
                        occurred_at=joined + dt.timedelta(days=day),
                    )
                )
        if cac:
            today = timezone.localdate()
            # A live-server test flushes the database, default channels included.
            channel, _created = Channel.objects.get_or_create(
                key=key, defaults={"name": key, "kind": "other"}
            )
            Spend.objects.create(
                channel=channel,
                period_start=today - dt.timedelta(days=180),
                period_end=today - dt.timedelta(days=1),
                amount=Decimal(count * cac),
            )
    Activity.objects.bulk_create(rows)


def test_quality_table_and_budget_what_if(live_server: Any, make_staff: Callable[..., Any]) -> None:
    _world()
    analyst = make_staff(roles.COMMUNITY_MANAGER, username="ana")
    session = session_of(analyst)
    base = live_server.url

    def scenario(browser: Any) -> None:
        page = logged_in_page(browser, base, session, width=1440, timeout_ms=20_000)
        page.goto(f"{base}/ops/growth/quality/?days=180")
        table = page.get_by_test_id("quality-table")
        assert table.locator("tbody tr").count() == len(WORLD)
        page.wait_for_selector(".sparkline svg")
        # sort by "active at day 30", highest first: SEO or Zhihu lead, Douyin is last
        heading = table.locator("thead th").nth(11)
        heading.click()
        if heading.get_attribute("aria-sort") != "descending":
            heading.click()
        keys = [r.get_attribute("data-channel") for r in table.locator("tbody tr").all()]
        assert keys[-1] == "douyin"
        shot(page, "growth-quality")
        page.goto(f"{base}/ops/growth/budget/?days=180")
        douyin = page.locator('[data-testid=plan-table] tr[data-channel="douyin"]')
        assert douyin.get_attribute("data-flag") == "reduce"
        shot(page, "growth-budget")
        before = page.get_by_test_id("plan-total").inner_text()
        page.get_by_test_id("whatif-total").fill("5000")
        page.get_by_test_id("pin-wechat").fill("1000")
        page.get_by_test_id("whatif-apply").click()
        page.wait_for_function(
            "document.querySelector('[data-testid=plan-total]').innerText !== " + repr(before)
        )
        assert page.get_by_test_id("plan-total").inner_text() == "¥5,000"
        wechat = page.locator(
            '[data-testid=plan-table] tr[data-channel="wechat"] [data-testid=planned]'
        )
        assert wechat.inner_text() == "¥1,000"
        assert "/ops/growth/budget/" in page.url  # recomputed in place (htmx)
        shot(page, "growth-budget-whatif")
        page.goto(f"{base}/ops/growth/spend/")
        assert page.get_by_test_id("spend-table").locator("tbody tr").count() == 4
        shot(page, "growth-spend")
        page.context.close()

    with_browser(scenario)
