"""The metrics page: define a completion rate, read it per week against the week before, export
it, save the view; bad definitions and unknown metrics are clear errors (400)."""

# ruff: noqa: F401, F811 (pytest fixtures imported from the analytics fixtures are parameters here)
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hearth.analytics.models import CustomMetric
from hearth.cockpit.models import SavedView
from hearth.core import roles
from tests.analytics.conftest import act, member
from tests.analytics.test_custom_metrics import COMPLETED, ENROLLED
from tests.cockpit.analytics_fixtures import analyst, client
from tests.cockpit.analytics_helpers import csv_rows, html_of, table_rows, xlsx_sheet

pytestmark = pytest.mark.django_db

METRICS = "cockpit:analytics_metrics"
NEW = "cockpit:analytics_metric_new"
WEEKS = {"start": "2026-01-05", "end": "2026-01-25", "period": "week"}
RATE = {
    "key": "completion_rate",
    "name": "完课率",
    "description": "完成 ÷ 报名",
    "numerator": "course_completed",
    "denominator": "course_enrolled",
    "unit": "members",
}


@pytest.fixture
def courses(member: Callable[..., Any], act: Callable[..., Any]) -> None:
    people = {name: member(f"k{name}", "2026-01-01") for name in "abcde"}
    for action, log in (("course_enrolled", ENROLLED), ("course_completed", COMPLETED)):
        for name, days in log.items():
            for day in days:
                act(people[name], action, day)


def test_define_a_completion_rate_and_read_it_per_week(client: Client, courses: None) -> None:
    assert client.get(reverse(NEW)).status_code == 200
    response = client.post(reverse(NEW), RATE)
    assert response.status_code == 302
    assert response["Location"] == reverse(METRICS) + "?metric=completion_rate"
    response = client.get(reverse(METRICS), {**WEEKS, "metric": "completion_rate"})
    assert response.status_code == 200
    html = html_of(response)
    assert table_rows(html, "table-metric") == [
        ["Week", "Numerator", "Denominator", "完课率", "Period before", "Change vs period before"],
        ["2026-01-05", "1", "4", "25.0%", "100.0%", "-75.0%"],  # a of a b c e; before: a of a
        ["2026-01-12", "2", "1", "200.0%", "25.0%", "700.0%"],  # b c of d
        ["2026-01-19", "1", "0", "—", "200.0%", "—"],  # nobody enrolled: no value
    ]
    # over the whole range: a b c d of a b c d e, against 1 of 1 the 21 days before
    assert 'data-testid="metric-value">80.0%<' in html
    assert "−20.0 pp" in html
    assert '<code>course_completed</code> <span class="op">÷</span>' in html
    assert 'id="metric-chart-data"' in html
    assert 'data-metric="completion_rate" class="current"' in html


def test_the_metric_table_exports(client: Client, courses: None) -> None:
    client.post(reverse(NEW), RATE)
    params = {**WEEKS, "metric": "completion_rate"}
    response = client.get(reverse(METRICS), {**params, "export": "csv"})
    assert (
        'filename="hearth-metrics-metric-completion_rate-week-2026-01-05_2026-01-25.csv"'
        in response["Content-Disposition"]
    )
    assert csv_rows(response)[1] == ["2026-01-05", "1", "4", "0.25", "1.0", "-0.75"]
    sheet = xlsx_sheet(client.get(reverse(METRICS), {**params, "export": "xlsx"}))
    assert [c.value for c in sheet[2]][1:4] == [1, 4, 0.25]
    assert sheet["D2"].number_format == "0.0%"


def test_built_in_metrics_and_saved_views(client: Client, courses: None) -> None:
    response = client.get(reverse(METRICS), {"start": "2026-01-12", "end": "2026-01-14"})
    assert response.status_code == 200  # no custom metric yet: DAU
    html = html_of(response)
    assert table_rows(html, "table-metric")[0][:2] == ["Day", "DAU"]
    assert 'data-testid="custom-metrics-empty"' in html
    query = "metric=dau&period=week&days=90"
    response = client.post(
        reverse("cockpit:analytics_saved_new", args=["metrics"]),
        {"name": "日活周报", "query": query},
    )
    assert response.status_code == 302
    assert SavedView.objects.get().query == "days=90&metric=dau&period=week"
    assert "日活周报" in html_of(client.get(reverse(METRICS)))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"key": "Completion Rate"}, "A key is 2 to 40 of a–z"),
        ({"denominator": "course_completed"}, "another action than the numerator"),
        ({"numerator": "完成"}, "Unknown action: 完成"),
        ({"key": "dau"}, "is a built-in metric"),
    ],
)
def test_bad_definitions_are_form_errors(
    client: Client, changes: dict[str, str], message: str
) -> None:
    response = client.post(reverse(NEW), {**RATE, **changes})
    assert response.status_code == 400
    assert message in html_of(response)
    assert not CustomMetric.objects.exists()


def test_an_unknown_metric_is_a_form_error(client: Client) -> None:
    response = client.get(reverse(METRICS), {"metric": "nope"})
    assert response.status_code == 400
    assert "Unknown metric: nope" in html_of(response)
    response = client.get(reverse(METRICS), {"metric": "dau", "period": "year"})
    assert response.status_code == 400
    response = client.get(reverse(METRICS), {"start": "2026-02-01", "end": "2026-01-01"})
    assert response.status_code == 400
    assert "The start date 2026-02-01 is after the end date 2026-01-01." in html_of(response)


def test_edit_keeps_the_key_and_delete(client: Client) -> None:
    client.post(reverse(NEW), RATE)
    metric = CustomMetric.objects.get()
    edit = reverse("cockpit:analytics_metric_edit", args=[metric.pk])
    assert 'name="key"' in html_of(client.get(edit))
    response = client.post(edit, {**RATE, "key": "other", "name": "结课率", "unit": "events"})
    assert response.status_code == 302
    metric.refresh_from_db()
    assert (metric.key, metric.name, metric.unit) == ("completion_rate", "结课率", "events")
    response = client.post(reverse("cockpit:analytics_metric_delete", args=[metric.pk]))
    assert response.status_code == 302
    assert not CustomMetric.objects.exists()


def test_only_analytics_staff_see_it(
    make_staff: Callable[..., Any], login: Callable[[Any], Client], client: Client
) -> None:
    editor = login(make_staff(roles.CONTENT_EDITOR, username="ed"))
    assert editor.get(reverse(METRICS)).status_code == 403
    assert editor.post(reverse(NEW), RATE).status_code == 403
    nav = html_of(client.get(reverse(METRICS)))
    assert f'href="{reverse(METRICS)}"' in nav
    assert f'href="{reverse("cockpit:analytics_alerts")}"' in nav
