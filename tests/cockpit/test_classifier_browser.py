"""A community manager retrains the classifier from review decisions, in Chromium."""
# ruff: noqa: F401, F811 (pytest fixtures imported from other modules are parameters here)

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import gettext

from hearth.core import roles
from hearth.moderation.classifier.train import MIN_DECISIONS_PER_CLASS
from hearth.moderation.models import AuditEntry, ClassifierModel
from tests.moderation.classifier_fixtures import (
    _var_dir,
    decide,
    decided_rude_and_kind,
    make_topic,
    queue_defaults,
    writer,
)
from tests.moderation.queue_fixtures import browser_log_in, in_browser, shot, staff_with

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
]


def test_retrain_from_decisions_in_the_page(
    live_server: Any,
    staff_with: Callable[..., Any],
    decided_rude_and_kind: Callable[[int], None],
) -> None:
    manager = staff_with(roles.COMMUNITY_MANAGER, username="lan")
    decided_rude_and_kind(MIN_DECISIONS_PER_CLASS)

    with translation.override("zh-hans"):  # the site's language
        button = gettext("Retrain from decisions")
        live = gettext(
            "Version %(version)d of “%(category)s” is live: F1 %(f1).3f on its held-out split."
        )
    live %= {"version": 1, "category": "offensive", "f1": 1.0}  # the decisions separate cleanly

    def scenario(page: Any) -> None:
        browser_log_in(page, live_server.url, manager.username)
        page.goto(f"{live_server.url}/ops/order/classifier/")
        card = page.locator("[data-category=offensive]")
        assert "40" in card.get_by_test_id("new-labels-offensive").inner_text()
        card.get_by_role("button", name=button).click()
        page.get_by_text(live).wait_for()
        card.get_by_test_id("live").wait_for()
        assert card.locator("[data-version='1'] td").nth(3).inner_text().startswith("1.000")
        shot(page, "cockpit-classifier-retrained")

    in_browser(scenario)
    assert ClassifierModel.objects.get(category="offensive").version == 1
    assert AuditEntry.objects.filter(action="classifier.retrain", actor=manager).exists()
