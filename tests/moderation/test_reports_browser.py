"""A member reports a reply from the topic page, in Chromium (HTMX answers in place)."""
# ruff: noqa: F401, F811 (pytest fixtures imported from queue_fixtures are parameters here)

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from hearth.moderation.models import Report
from tests.moderation.queue_fixtures import (  # fixtures, imported to be found
    browser_log_in,
    in_browser,
    make_reply,
    make_topic,
    queue_defaults,
    shot,
    writer,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
]


def test_a_member_reports_a_reply_and_is_thanked(
    live_server: Any,
    make_topic: Callable[..., Any],
    make_reply: Callable[..., Any],
    make_member: Callable[..., Any],
) -> None:
    topic = make_topic()
    reply = make_reply(topic)
    reader = make_member("reader")
    thanks: list[str] = []

    def scenario(page: Any) -> None:
        browser_log_in(page, live_server.url, reader.username)
        page.goto(f"{live_server.url}/t/{topic.pk}/")
        row = page.locator(f"#r{reply.pk}")
        row.get_by_test_id("report-button").click()
        row.locator("select[name=reason]").select_option("other")
        row.get_by_test_id("report-form").locator("button[type=submit]").click()
        row.get_by_test_id("report-error").wait_for()
        row.locator("input[name=text]").fill("在回复里发广告")
        shot(page, "report-reply-form")
        row.get_by_test_id("report-form").locator("button[type=submit]").click()
        thanks.append(row.get_by_test_id("reported").inner_text())

    in_browser(scenario)

    assert thanks
    report = Report.objects.get()
    assert (report.content_kind, report.content_id, report.reason, report.text) == (
        "reply",
        reply.pk,
        "other",
        "在回复里发广告",
    )
