"""A manager builds a segment in Chromium: channel + inactivity, live count, save, export, compare.

Twelve members joined 20–31 days ago, alternately via SEO and WeChat; every
fourth one was active two days ago, the others only on the day they joined.
So "joined via SEO, not active in the last 14 days" holds three members
(m2, m6, m10).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zoneinfo
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hearth.accounts.models import User
from hearth.analytics.models import Activity, Segment
from hearth.analytics.segments.definition import definition_parse
from hearth.analytics.segments.services import segment_create
from hearth.analytics.store.sync import today
from hearth.core import roles
from tests.cockpit.analytics_helpers import full_shot, zh
from tests.moderation.queue_fixtures import browser_log_in, in_browser, shot

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
]

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
QUIET_SEO = ["m10", "m2", "m6"]


def community() -> None:
    now = today()
    rows = []
    for i in range(12):
        joined = now - dt.timedelta(days=20 + i)
        member = User.objects.create(
            username=f"m{i}",
            date_joined=dt.datetime.combine(joined, dt.time(9), tzinfo=ZONE),
            channel="seo" if i % 2 == 0 else "wechat",
            province="上海" if i % 3 else "北京",
        )
        days = [joined] + ([now - dt.timedelta(days=2)] if i % 4 == 0 else [])
        for day in days:
            at = dt.datetime.combine(day, dt.time(15), tzinfo=ZONE)
            rows.append(Activity(member_id=member.pk, action="read", occurred_at=at))
    Activity.objects.bulk_create(rows)


@pytest.fixture
def manager(make_staff: Callable[..., Any], settings: Any) -> Any:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return make_staff(roles.COMMUNITY_MANAGER, username="mgr")


def test_a_manager_builds_exports_and_compares_segments(live_server: Any, manager: Any) -> None:
    community()
    segment_create(
        name="微信来的", definition=definition_parse({"attributes": {"channel": ["wechat"]}})
    )
    base = live_server.url
    downloaded: dict[str, str] = {}

    def scenario(page: Any) -> None:
        browser_log_in(page, base, manager.username)
        page.goto(f"{base}/ops/analytics/segments/")
        page.get_by_test_id("new-segment").click()
        builder = page.get_by_test_id("segment-builder")
        builder.wait_for()
        page.get_by_test_id("preview-error").wait_for()  # nothing chosen: the reason, at once
        builder.locator("[data-attribute=channel] label", has_text="seo").click()
        page.locator("[data-testid=preview-count][data-count='6']").wait_for()
        row = builder.locator("[data-behaviour-row]").first
        row.locator("select[name=b_kind]").select_option("did_not")
        assert row.locator("[data-times]").is_hidden()  # "at least N times" is for "did"
        row.locator("select[name=b_action]").select_option("active")
        row.locator("input[name=b_days]").fill("14")
        row.locator("input[name=b_days]").dispatch_event("change")
        page.locator("[data-testid=preview-count][data-count='3']").wait_for()
        builder.get_by_test_id("add-behaviour").click()  # a second row, then removed again
        assert builder.locator("[data-behaviour-row]").count() == 2
        with page.expect_response(lambda r: "/preview/" in r.url):  # counted again
            builder.locator("[data-remove-row]").nth(1).click()
        assert builder.locator("[data-behaviour-row]").count() == 1
        builder.locator("[name=name]").fill("沉睡的SEO会员")
        page.evaluate("window.scrollTo(0, 0)")
        full_shot(page, "segment-builder")
        builder.get_by_test_id("save-segment").click()

        page.get_by_test_id("segment-members").wait_for()
        assert page.get_by_test_id("segment-members").inner_text() == "3"
        names = page.get_by_test_id("table-members").locator("tbody tr td:nth-child(2)")
        assert sorted(names.all_inner_texts()) == QUIET_SEO
        full_shot(page, "segment-page")
        with page.expect_download() as info:
            page.get_by_test_id("export-members").locator("[data-export=csv]").click()
        downloaded["text"] = Path(info.value.path()).read_text(encoding="utf-8-sig")

        page.goto(f"{base}/ops/analytics/segments/compare/")
        controls = page.get_by_test_id("analytics-controls")
        for name in ("沉睡的SEO会员", "微信来的"):
            controls.locator("#id_segments label", has_text=name).click()
        controls.locator("button[type=submit]").click()
        page.locator("#segment-rates-chart[data-rendered='1']").wait_for()
        # in the order of the list of segments (the WeChat one was saved first)
        assert page.locator("#segment-actions-chart").get_attribute("data-series") == (
            "微信来的|沉睡的SEO会员"
        )
        rows = page.get_by_test_id("table-comparison").locator("tbody tr")
        assert rows.nth(0).locator("td").nth(1).inner_text() == "6"
        assert rows.nth(1).locator("td").nth(1).inner_text() == "3"
        page.locator("#segment-rates-chart").scroll_into_view_if_needed()
        full_shot(page, "segment-compare")
        page.get_by_test_id("ops-nav").locator("[data-nav=segments]").click()
        listed = page.get_by_test_id("segment-list").locator("tbody tr")
        assert listed.count() == 2
        shot(page, "segment-list")

    in_browser(scenario)
    lines = list(csv.reader(io.StringIO(downloaded["text"])))
    assert lines[0][:3] == [zh("Member ID"), zh("Username"), zh("Channel")]
    assert sorted(r[1] for r in lines[1:]) == QUIET_SEO
    assert {r[2] for r in lines[1:]} == {"seo"}
    assert Segment.objects.get(name="沉睡的SEO会员").member_count == 3
