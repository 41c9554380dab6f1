"""An analyst in Chromium: defines a completion rate, reads its chart per week, checks for
anomalies, finds the planted spike in reads explained by region, and acknowledges it."""

# ruff: noqa: F401, F811 (pytest fixtures imported from the analytics fixtures are parameters here)
from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from typing import Any

import pytest

from hearth.accounts.models import User
from hearth.analytics.models import Activity, AnomalyAlert
from hearth.analytics.store.sync import today
from tests.cockpit.analytics_fixtures import analyst
from tests.cockpit.analytics_helpers import full_shot
from tests.moderation.queue_fixtures import browser_log_in, in_browser

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
]

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ZONE)


def community(spike: dt.date) -> None:
    """Eight weeks of steady reading (30 on weekdays, 12 at weekends) and one day of 40 more
    reads from 广东; students enrolling in and completing courses."""
    rng = random.Random(5)
    joined = _at(today() - dt.timedelta(days=90), 9)
    readers = [User.objects.create(username=f"r{i}", date_joined=joined) for i in range(6)]
    guests = [User.objects.create(username=f"g{i}", date_joined=joined) for i in range(2)]
    students = [User.objects.create(username=f"s{i}", date_joined=joined) for i in range(24)]
    rows = []
    for offset in range(1, 57):
        day = today() - dt.timedelta(days=offset)
        weekday = day.weekday() < 5
        for user in readers if weekday else readers[:3]:
            region = "上海" if user.pk % 2 else "北京"
            for hour in range(10, 15 if weekday else 14):
                rows.append(
                    Activity(
                        member_id=user.pk,
                        action="read",
                        occurred_at=_at(day, hour),
                        region=region,
                        channel="seo",
                    )
                )
    for user in guests:
        rows += [
            Activity(
                member_id=user.pk,
                action="read",
                occurred_at=_at(spike, 8 + i % 12),
                region="广东",
                channel="weibo",
            )
            for i in range(20)
        ]
    for user in students:
        enrolled = today() - dt.timedelta(days=rng.randint(10, 55))
        rows.append(
            Activity(member_id=user.pk, action="course_enrolled", occurred_at=_at(enrolled, 20))
        )
        if rng.random() < 0.6:
            done = min(enrolled + dt.timedelta(days=rng.randint(3, 20)), today())
            rows.append(
                Activity(member_id=user.pk, action="course_completed", occurred_at=_at(done, 21))
            )
    Activity.objects.bulk_create(rows)


def test_an_analyst_defines_a_metric_and_acknowledges_an_alert(
    live_server: Any, analyst: Any
) -> None:
    spike = today() - dt.timedelta(days=3)
    community(spike)
    base = live_server.url
    card = f"[data-alert='reads:{spike.isoformat()}']"

    def scenario(page: Any) -> None:
        browser_log_in(page, base, analyst.username)
        page.goto(f"{base}/ops/analytics/metrics/")
        page.locator("#metric-chart[data-rendered='1']").wait_for()  # DAU, built in
        page.get_by_test_id("metric-new").first.click()
        form = page.get_by_test_id("metric-form")
        form.locator("#id_name").fill("完课率")
        form.locator("#id_key").fill("completion_rate")
        form.locator("#id_numerator").fill("course_completed")
        form.locator("#id_denominator").fill("course_enrolled")
        form.locator("#id_unit").select_option("members")
        full_shot(page, "metrics-new")
        page.get_by_test_id("metric-save").click()
        page.wait_for_url("**metric=completion_rate**")
        chart = page.locator("#metric-chart[data-rendered='1']")
        chart.wait_for()
        assert (chart.get_attribute("data-series") or "").startswith("完课率|")
        page.locator("#id_period").select_option("week")  # applies at once
        page.wait_for_url("**period=week**")
        page.locator("#metric-chart[data-rendered='1']").wait_for()
        assert page.get_by_test_id("table-metric").locator("tbody tr").count() >= 4
        full_shot(page, "metrics-completion-rate")

        page.goto(f"{base}/ops/analytics/alerts/")
        page.get_by_test_id("alerts-check").click()
        page.locator(f"{card} [data-alert-chart][data-rendered='1']").wait_for()
        reasons = page.locator(f"{card} [data-testid=alert-reasons] li").all_inner_texts()
        assert "广东" in reasons[0]
        full_shot(page, "alerts-open")
        page.goto(f"{base}/ops/analytics/")
        strip = page.get_by_test_id("alerts-strip")
        strip.locator("[data-strip-alert=reads]").wait_for()
        full_shot(page, "analytics-dashboard-alerts")
        strip.get_by_test_id("alerts-strip-link").click()
        page.wait_for_url("**status=open**")
        page.locator(f"{card} [data-testid=alert-acknowledge]").click()
        page.locator(card).wait_for(state="detached")  # no longer open
        page.get_by_test_id("alert-tabs").locator("[data-status-tab=acknowledged]").click()
        page.locator(f"{card}.alert-acknowledged").wait_for()
        full_shot(page, "alerts-acknowledged")
        page.set_viewport_size({"width": 390, "height": 844})
        page.reload()
        page.locator(f"{card} [data-alert-chart][data-rendered='1']").wait_for()
        full_shot(page, "alerts-phone")

    in_browser(scenario)
    found = AnomalyAlert.objects.get(metric="reads", day=spike)
    usual = 30 if spike.weekday() < 5 else 12
    assert (found.status, found.value, found.expected) == ("acknowledged", usual + 40, usual)
