"""The funnel builder page: steps, breakdown, exports, saved views and bad input.

The log, by hand (Asia/Shanghai), tests/analytics/funnel_log.py:

    a (seo)     sign-up 01-05 10:00, profile 01-05 11:00, read 01-06 12:00
    b (seo)     sign-up 01-06 10:00, read 01-07 10:00 (never completes the profile)
    c (douyin)  sign-up 01-06 10:00, profile 01-06 12:00
    d (douyin)  sign-up 01-07 10:00, profile 01-20 10:00 (13 days later: outside 7 days)
"""

# ruff: noqa: F401, F811 (pytest fixtures imported from the analytics fixtures are parameters here)
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hearth.cockpit.models import SavedView
from tests.analytics.conftest import act, member
from tests.analytics.funnel_log import onboarding_log
from tests.cockpit.analytics_fixtures import analyst, client
from tests.cockpit.analytics_helpers import csv_rows, html_of, table_rows, xlsx_sheet

pytestmark = pytest.mark.django_db

FUNNELS = "cockpit:analytics_funnels"
STEPS = {
    "start": "2026-01-01",
    "end": "2026-01-31",
    "step_1": "sign_up",
    "step_2": "profile_complete",
    "step_3": "read",
}


@pytest.fixture
def onboarding(member: Callable[..., Any], act: Callable[..., Any]) -> None:
    onboarding_log(member, act)


def test_without_steps_the_onboarding_funnel_is_shown(client: Client, onboarding: None) -> None:
    response = client.get(reverse(FUNNELS), {"start": "2026-01-01", "end": "2026-01-31"})
    assert response.status_code == 200
    rows = table_rows(html_of(response), "table-funnel")
    assert [r[0] for r in rows[1:4]] == ["1. Sign-up", "2. Profile completed", "3. Follow × 3"]
    assert rows[1][1:3] == ["4", "100.0%"]
    assert rows[2][1:5] == ["2", "50.0%", "50.0%", "1.5 h"]  # a 1 h, c 2 h
    assert rows[3][1] == "0"  # nobody followed three boards


def test_steps_conversion_and_the_breakdown_by_channel(client: Client, onboarding: None) -> None:
    response = client.get(reverse(FUNNELS), {**STEPS, "breakdown": "channel"})
    assert response.status_code == 200
    html = html_of(response)
    assert table_rows(html, "table-funnel")[1:] == [
        ["1. Sign-up", "4", "100.0%", "—", "—"],
        ["2. Profile completed", "2", "50.0%", "50.0%", "1.5 h"],
        ["3. Read", "1", "25.0%", "50.0%", "25 h"],  # a: 01-05 11:00 → 01-06 12:00
    ]
    segments = table_rows(html, "table-segments")
    assert segments[0] == ["Channel", "1. Sign-up", "2. Profile completed", "3. Read", "Overall"]
    # each cell: the share of the step before, then its members
    assert segments[1:] == [
        ["douyin", "2", "50.0%1", "0.0%0", "0.0%"],
        ["seo", "2", "50.0%1", "100.0%1", "50.0%"],
    ]
    assert 'data-testid="funnel-worst"' in html
    assert 'name="step_3"' in html
    assert 'name="step_4"' not in html


def test_exports_of_the_funnel_and_its_segments(client: Client, onboarding: None) -> None:
    params = {**STEPS, "breakdown": "channel", "within": "14"}
    response = client.get(reverse(FUNNELS), {**params, "export": "csv", "table": "segments"})
    assert response.status_code == 200
    assert (
        "hearth-funnel-segments-3-steps-2026-01-01_2026-01-31.csv"
        in (response["Content-Disposition"])
    )
    rows = csv_rows(response)
    assert rows[0] == [
        "Channel",
        "1. Sign-up",
        "2. Profile completed",
        "2. Profile completed (from previous)",
        "3. Read",
        "3. Read (from previous)",
        "Conversion from the first step",
    ]
    assert rows[1] == ["douyin", "2", "2", "1.0", "0", "0.0", "0.0"]  # d within 14 days
    response = client.get(reverse(FUNNELS), {**params, "export": "xlsx", "table": "funnel"})
    sheet = xlsx_sheet(response)
    assert [c.value for c in sheet[1]][:3] == [
        "Funnel step",
        "Members",
        "Conversion from the first step",
    ]
    assert [list(r)[:3] for r in sheet.iter_rows(min_row=2, values_only=True)] == [
        ["1. Sign-up", 4, 1],
        ["2. Profile completed", 3, 0.75],
        ["3. Read", 1, 0.25],
    ]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"step_1": "sign_up", "step_2": ""}, "A funnel needs at least two steps."),
        ({"step_1": "sign_up", "step_2": "No Such!"}, "Unknown funnel step: No Such!."),
        ({"step_1": "sign_up", "step_2": "read", "within": "0"}, "1 to 365 days"),
        ({"step_1": "sign_up", "step_2": "read", "within": "-3"}, "1 to 365 days"),
        ({"step_1": "sign_up", "step_2": "read", "times_2": "0"}, "1 to 99"),
        ({"step_1": "sign_up", "step_2": "read", "breakdown": "device"}, "Select a valid choice"),
    ],
)
def test_bad_input_is_a_form_error(
    client: Client, onboarding: None, params: dict[str, str], message: str
) -> None:
    response = client.get(reverse(FUNNELS), params)
    assert response.status_code == 400
    html = html_of(response)
    assert 'data-testid="analytics-errors"' in html
    assert message in html.replace("&#x27;", "'")


def test_a_custom_event_seen_is_a_step_choice(client: Client, onboarding: None, member: Any,
                                              act: Any) -> None:  # fmt: skip
    e = member("e", "2026-01-08")
    act(e, "course_enrolled", "2026-01-09")
    html = html_of(client.get(reverse(FUNNELS), STEPS))
    assert '<option value="course_enrolled">course_enrolled</option>' in html


def test_a_funnel_is_saved_with_its_steps(client: Client, onboarding: None) -> None:
    query = "step_1=sign_up&step_2=read&times_2=2&breakdown=channel&days=30&junk=1"
    response = client.post(
        reverse("cockpit:analytics_saved_new", args=["funnel"]),
        {"name": "注册到阅读", "query": query},
    )
    assert response.status_code == 302
    view = SavedView.objects.get(page="funnel")
    assert view.query == "days=30&breakdown=channel&step_1=sign_up&step_2=read&times_2=2"
    html = html_of(client.get(reverse(FUNNELS)))
    assert "注册到阅读" in html
    assert 'data-testid="analytics-errors"' not in html


def test_the_nav_links_the_page(client: Client) -> None:
    html = html_of(client.get(reverse(FUNNELS)))
    assert 'href="/ops/analytics/funnels/"' in html
    assert 'href="/ops/analytics/boards/"' in html
