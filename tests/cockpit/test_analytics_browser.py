"""An analyst reads the analytics pages in Chromium: dashboard by region, trends, retention, lifecycle."""

# ruff: noqa: F401, F811 (pytest fixtures imported from the analytics fixtures are parameters here)
from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import gettext

from hearth.accounts.models import User
from hearth.analytics.models import Activity
from hearth.analytics.store.sync import today
from tests.cockpit.analytics_fixtures import analyst
from tests.cockpit.analytics_helpers import full_shot, zh
from tests.moderation.queue_fixtures import browser_log_in, in_browser

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
]

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
REGIONS = ("上海", "北京", "广东", "浙江", "四川")
CHANNELS = ("seo", "wechat", "weibo", "referral")
ACTIONS = ("visit", "read", "read", "read", "reply", "topic", "like", "share")


def community(days: int = 100, members: int = 60) -> None:
    """Members joining over the last ``days`` days, each active on some days after joining."""
    rng = random.Random(7)
    end = today()
    rows = []
    for i in range(members):
        joined = end - dt.timedelta(days=rng.randrange(days))
        member = User.objects.create(
            username=f"m{i}",
            date_joined=dt.datetime.combine(joined, dt.time(9), tzinfo=ZONE),
            province=REGIONS[i % len(REGIONS)],
            channel=CHANNELS[i % len(CHANNELS)],
            gender="fm"[i % 2],
            birth_year=1980 + i % 25,
        )
        keen = rng.random()
        day = joined
        while day <= end:
            if day == joined or rng.random() < keen * 0.6:
                for _ in range(rng.randint(1, 3)):
                    at = dt.datetime.combine(day, dt.time(rng.randint(8, 22)), tzinfo=ZONE)
                    rows.append(
                        Activity(
                            member_id=member.pk,
                            action=rng.choice(ACTIONS),
                            occurred_at=at,
                            region=member.province,
                            channel=member.channel,
                        )
                    )
            day += dt.timedelta(days=1)
            keen *= 0.985  # interest fades
    Activity.objects.bulk_create(rows, batch_size=2000)


def test_an_analyst_reads_the_analytics_pages(live_server: Any, analyst: Any) -> None:
    community()
    with translation.override("zh-hans"):  # the site's language
        region = gettext("Region")
        retention_nav = gettext("Retention")
        join_period = gettext("Join period")
        heading = gettext("Analytics dashboard")
        not_known = gettext("Not known")
    base = live_server.url
    downloaded: dict[str, str] = {}

    def scenario(page: Any) -> None:
        browser_log_in(page, base, analyst.username)
        page.goto(f"{base}/ops/analytics/")
        page.get_by_role("heading", name=heading).wait_for()
        page.locator("#analytics-chart[data-rendered='1']").wait_for()
        assert page.locator("[data-kpi] .sparkline svg").count() == 9
        full_shot(page, "analytics-dashboard")

        # the breakdown applies at once: the chart and the table show regions
        page.get_by_label(zh("Breakdown")).select_option(label=region)
        page.wait_for_url("**breakdown=region**")
        chart = page.locator("#analytics-chart[data-rendered='1']")
        chart.wait_for()
        drawn = chart.get_attribute("data-series") or ""
        # (the analyst's own visits count too, with no region known)
        assert set(REGIONS) <= set(drawn.split("|")) <= {*REGIONS, not_known}
        header = page.get_by_test_id("table-active").locator("thead th").all_inner_texts()
        assert set(header[1:-1]) == set(drawn.split("|"))
        # the range stayed relative (last 30 days), so a saved view keeps moving with time
        assert "start=" not in page.url
        page.locator("#id_start").scroll_into_view_if_needed()
        full_shot(page, "analytics-dashboard-region")

        page.goto(f"{base}/ops/analytics/trends/?metric=read&breakdown=channel&period=week&days=90")
        page.locator("#analytics-chart[data-rendered='1']").wait_for()
        full_shot(page, "analytics-trends")

        page.get_by_test_id("ops-nav").get_by_role("link", name=retention_nav).click()
        heatmap = page.get_by_test_id("retention-heatmap")
        heatmap.wait_for()
        assert heatmap.locator("tbody tr").count() >= 10  # weekly cohorts of ~14 weeks
        full_shot(page, "analytics-retention")
        with page.expect_download() as info:
            page.get_by_test_id("export-rates").locator("[data-export=csv]").click()
        download = info.value
        downloaded["name"] = download.suggested_filename
        downloaded["text"] = Path(download.path()).read_text(encoding="utf-8-sig")

        page.goto(f"{base}/ops/analytics/lifecycle/")
        page.locator("#analytics-chart[data-rendered='1']").wait_for()
        full_shot(page, "analytics-lifecycle")

        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{base}/ops/analytics/?breakdown=region")
        page.locator("#analytics-chart[data-rendered='1']").wait_for()
        full_shot(page, "analytics-dashboard-phone")

    in_browser(scenario)
    assert downloaded["name"].startswith("hearth-retention-rates-retention-joined-week-")
    lines = downloaded["text"].splitlines()
    assert lines[0].split(",")[:2] == [join_period, zh("Members")]
    first = lines[1].split(",")
    assert dt.date.fromisoformat(first[0]).weekday() == 0  # a week's Monday
    assert first[2] == "1.0"  # everyone is active in the week they joined
