"""A moderator works through the review queue with the keyboard, in Chromium."""
# ruff: noqa: F401, F811 (pytest fixtures imported from other modules are parameters here)

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from hearth.moderation.models import ReviewItem
from hearth.moderation.services.reports import report_create
from tests.moderation.queue_fixtures import (  # fixtures, imported to be found
    browser_log_in,
    client_for,
    hold,
    in_browser,
    make_reply,
    make_topic,
    mod,
    mod2,
    mod_settings,
    queue_defaults,
    rule,
    senior,
    shot,
    staff_with,
    writer,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
]


def test_claim_approve_reject_and_select_with_the_keyboard(
    live_server: Any,
    make_topic: Callable[..., Any],
    make_member: Callable[..., Any],
    hold: Callable[..., ReviewItem],
    mod: Any,
    rule: Any,
) -> None:
    hold(make_topic(), severity=3)
    hold(make_topic(), severity=2)
    reported = make_topic()
    report_create(reporter=make_member(), kind="topic", content_id=reported.pk, reason="spam")

    ids: list[int] = []

    def scenario(page: Any) -> None:
        browser_log_in(page, live_server.url, mod.username)
        page.goto(f"{live_server.url}/ops/content/review/")
        order = page.locator(".review-item").evaluate_all("els => els.map(e => +e.dataset.item)")
        ids.extend(order)
        card = page.locator(f"#item-{order[0]}")

        page.keyboard.press("j")
        page.locator(f"#item-{order[0]}.is-current").wait_for()
        page.keyboard.press("c")
        card.get_by_test_id("claimed-by-me").wait_for()
        page.keyboard.press("a")
        page.locator(f"#item-{order[0]}[data-state=decided]").wait_for()
        page.locator(f"#item-{order[1]}.is-current").wait_for()  # the cursor moved on

        page.keyboard.press("x")
        assert page.locator("[data-selected-count]").inner_text() == "1"
        page.keyboard.press("x")
        assert page.locator("[data-selected-count]").inner_text() == "0"

        page.keyboard.press("r")
        reject = page.locator(f"#item-{order[1]} form[data-action=reject]")
        assert reject.locator("select").first.evaluate("el => el === document.activeElement")
        reject.locator("select").first.select_option(str(rule.pk))
        reject.locator("input[type=text]").fill("Contact details for trading.")
        reject.locator("input[type=text]").press("Enter")
        page.locator(f"#item-{order[1]}[data-state=decided]").wait_for()
        shot(page, "review-queue-keyboard")

        page.keyboard.press("e")
        why = page.locator(f"#item-{order[2]} form[data-action=escalate] input[type=text]")
        assert why.evaluate("el => el === document.activeElement")

    in_browser(scenario)
    first, second, _third = (ReviewItem.objects.get(pk=pk) for pk in ids)
    assert first.severity == 3  # the highest priority came first
    assert (first.outcome, second.outcome, second.rule) == ("approved", "rejected", rule)
    assert second.note == "Contact details for trading."
