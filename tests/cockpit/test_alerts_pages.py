"""The alerts page and the dashboard's strip: open alerts first, explained, decided by POST."""

# ruff: noqa: F401, F811 (pytest fixtures imported from the analytics helpers are parameters here)
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hearth.analytics.models import AnomalyAlert
from hearth.cockpit.models import SavedView
from hearth.core import roles
from tests.cockpit.analytics_fixtures import analyst, client
from tests.cockpit.analytics_helpers import html_of

pytestmark = pytest.mark.django_db

ALERTS = "cockpit:analytics_alerts"
WHY = [
    {"dimension": "region", "value": "广东", "current": 40, "expected": 0, "gap": 40, "share": 1},
    {"dimension": "gender", "value": "f", "current": 30, "expected": 12, "gap": 18, "share": 0.6},
]


def alert(metric: str, day: str, status: str = "open", **fields: Any) -> AnomalyAlert:
    values = {"value": 70, "expected": 30, "low": 28.2, "high": 31.8, "score": 66.67}
    return AnomalyAlert.objects.create(
        metric=metric, day=dt.date.fromisoformat(day), status=status, **{**values, **fields}
    )


def cards(html: str) -> list[str]:
    return [part.split('"', 1)[0] for part in html.split('data-alert="')[1:]]


def test_open_alerts_come_first_with_their_explanation(client: Client) -> None:
    alert("dau", "2026-01-20", status="dismissed")
    alert("reads", "2026-01-12", explanation=WHY)
    alert("replies", "2026-01-15", value=2, expected=20, low=14, high=26, score=-9)
    response = client.get(reverse(ALERTS))
    assert response.status_code == 200
    html = html_of(response)
    assert cards(html) == ["replies:2026-01-15", "reads:2026-01-12", "dau:2026-01-20"]
    reads = html.split('data-alert="reads:2026-01-12"', 1)[1].split("</article>", 1)[0]
    assert 'data-testid="alert-value">70<' in reads
    assert 'data-testid="alert-band">28.20 – 31.80<' in reads
    assert "+133.3%" in reads  # 70 against 30
    assert '<span class="muted">Region</span> 广东' in reads
    assert '<span class="muted">Gender</span> Female' in reads  # the stored letter, named
    assert "100.0% of the change" in reads
    assert 'id="alert-chart-' in reads  # the metric around the day, with its band
    assert "?metric=reads&amp;start=2025-12-22&amp;end=2026-01-19" in reads
    # a dismissed alert offers no buttons
    dismissed = html.split('data-alert="dau:2026-01-20"', 1)[1].split("</article>", 1)[0]
    assert "alert-acknowledge" not in dismissed
    assert "alert-dismiss" not in dismissed


def test_the_page_reads_the_database_a_fixed_number_of_times(client: Client) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            assert client.get(reverse(ALERTS)).status_code == 200
        # (the analytics store's own tables are PostgreSQL's too on that engine: not counted)
        return sum("analytics_store_" not in q["sql"] for q in seen.captured_queries)

    alert("reads", "2026-01-12", explanation=WHY)
    alert("dau", "2026-01-13", status="acknowledged")
    queries()  # the first request also creates the brand settings and fills the store
    few = queries()
    for i in range(1, 6):
        alert("replies", f"2026-02-0{i}")
    assert queries() == few


def test_filter_by_status(client: Client) -> None:
    alert("dau", "2026-01-20", status="acknowledged")
    alert("reads", "2026-01-12")
    html = html_of(client.get(reverse(ALERTS), {"status": "acknowledged"}))
    assert cards(html) == ["dau:2026-01-20"]
    assert 'data-status-tab="open" aria-current' not in html
    assert client.get(reverse(ALERTS), {"status": "nonsense"}).status_code == 400
    html = html_of(client.get(reverse(ALERTS), {"status": "dismissed"}))
    assert 'data-testid="alerts-empty"' in html


def test_acknowledge_then_dismiss(client: Client, analyst: Any) -> None:
    found = alert("reads", "2026-01-12")
    url = reverse("cockpit:analytics_alert_decide", args=[found.pk, "acknowledge"])
    response = client.post(url, {"status": "open"})
    assert response.status_code == 302
    assert response["Location"] == reverse(ALERTS) + "?status=open"
    found.refresh_from_db()
    assert (found.status, found.decided_by) == ("acknowledged", analyst)
    response = client.post(url, follow=True)  # twice: a message, not an error
    assert "This alert is Acknowledged already." in html_of(response)
    client.post(reverse("cockpit:analytics_alert_decide", args=[found.pk, "dismiss"]))
    found.refresh_from_db()
    assert found.status == "dismissed"
    assert client.get(url).status_code == 405  # decisions are POSTs
    bad = reverse("cockpit:analytics_alert_decide", args=[found.pk, "reopen"])
    assert client.post(bad).status_code == 404


def test_check_now_runs_the_detection(client: Client) -> None:
    response = client.post(reverse("cockpit:analytics_alerts_check"), follow=True)
    assert response.status_code == 200
    assert "Checked 0 metric-days: 0 open alerts." in html_of(response)


def test_the_dashboard_strip(client: Client) -> None:
    html = html_of(client.get(reverse("cockpit:analytics")))
    assert "No open anomaly alerts" in html
    alert("reads", "2026-01-12", explanation=WHY)
    alert("dau", "2026-01-13", status="dismissed")
    html = html_of(client.get(reverse("cockpit:analytics")))
    strip = html.split('data-testid="alerts-strip"', 1)[1].split("</section>", 1)[0]
    assert "1 open anomaly alert" in strip
    assert 'data-strip-alert="reads"' in strip
    assert 'data-strip-alert="dau"' not in strip
    assert '<span class="chip">Region 广东</span>' in strip
    assert f'href="{reverse(ALERTS)}?status=open"' in strip


def test_only_analytics_staff(make_staff: Callable[..., Any], login: Callable[..., Any]) -> None:
    found = alert("reads", "2026-01-12")
    editor = login(make_staff(roles.CONTENT_EDITOR, username="ed"))
    assert editor.get(reverse(ALERTS)).status_code == 403
    url = reverse("cockpit:analytics_alert_decide", args=[found.pk, "dismiss"])
    assert editor.post(url).status_code == 403
    assert not SavedView.objects.exists()


def test_boards_and_levels_are_named(client: Client, make_board: Callable[..., Any]) -> None:
    from hearth.gamification.selectors import level_list

    board = make_board(name="人工智能讨论区")
    level = level_list().first()
    assert level is not None
    why = [
        {"dimension": "board", "value": str(board.pk), "current": 9, "expected": 30, "gap": -21},
        {
            "dimension": "level",
            "value": str(level.position),
            "current": 5,
            "expected": 9,
            "gap": -4,
        },
    ]
    alert("reads", "2026-01-12", value=9, expected=30, low=27, high=33, score=-12, explanation=why)
    html = html_of(client.get(reverse(ALERTS)))
    assert '<span class="muted">Board</span> 人工智能讨论区' in html
    assert f'<span class="muted">Level</span> {level.name}' in html
    assert "alert-down" in html
