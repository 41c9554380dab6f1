"""In Chromium: a member finds an event, registers, and the planner sees them in the cockpit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from hearth.core import roles
from hearth.events.models import Registration, RegistrationStatus
from hearth.events.services import event_invite, event_register
from tests.moderation.queue_fixtures import browser_log_in, in_browser, shot

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
]


def test_a_member_registers_and_the_planner_sees_it(
    live_server: Any,
    make_event: Callable[..., Any],
    make_member: Callable[..., Any],
    make_staff: Callable[..., Any],
) -> None:
    event = make_event(
        title="周末读书分享会（第 12 期）",
        capacity=3,
        description="本期主题：《置身事内》。\n\n- 每人分享 5 分钟\n- 茶水由社区提供",
    )
    make_event(
        title="线上直播：新人答疑", days=2, location="", online_url="https://live.example.com/1"
    )
    make_event(title="社区年度线下见面会", days=-20)
    event_register(event=event, member=make_member("early"))
    member = make_member("reader")
    event_invite(event=event, member=member)
    planner = make_staff(roles.EVENT_PLANNER, username="planner")
    seen: dict[str, str] = {}

    def register(page: Any) -> None:
        browser_log_in(page, live_server.url, member.username)
        page.goto(f"{live_server.url}/events/")
        page.get_by_test_id("invited-banner").wait_for()
        shot(page, "events-list")
        page.get_by_role("link", name="周末读书分享会（第 12 期）").first.click()
        page.get_by_test_id("register-button").wait_for()
        seen["before"] = page.get_by_test_id("places-left").inner_text()
        shot(page, "event-invited")
        page.get_by_test_id("register-button").click()
        page.get_by_test_id("going").wait_for()
        seen["after"] = page.get_by_test_id("places-left").inner_text()
        shot(page, "event-going")

    in_browser(register)
    registration = Registration.objects.get(event=event, member=member)
    assert registration.status == RegistrationStatus.GOING
    assert seen["before"] != seen["after"]

    def planner_view(page: Any) -> None:
        browser_log_in(page, live_server.url, planner.username)
        page.goto(f"{live_server.url}/ops/engagement/events/")
        page.get_by_test_id("events-table").wait_for()
        shot(page, "cockpit-events")
        page.goto(f"{live_server.url}/ops/engagement/events/{event.pk}/registrations/")
        seen["going"] = page.locator('[data-count="going"]').inner_text()
        seen["table"] = page.get_by_test_id("registrations-table").inner_text()
        shot(page, "cockpit-event-registrations")
        page.goto(f"{live_server.url}/ops/engagement/events/new/")
        page.locator("[name=title]").fill("城市科技节 · 社区展位")
        page.locator("[name=starts_at]").fill("2030-05-01T10:00")
        page.locator("[name=ends_at]").fill("2030-05-01T09:00")
        page.get_by_test_id("event-form").locator("button[type=submit]").click()
        page.get_by_test_id("form-errors").wait_for()
        shot(page, "cockpit-event-form-error")

    in_browser(planner_view)
    assert seen["going"] == "2"
    assert "@reader" in seen["table"]
    assert "@early" in seen["table"]
