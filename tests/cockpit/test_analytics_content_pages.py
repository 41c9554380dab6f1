"""Cockpit content-metrics and reading pages on the hand-made log of
``tests/analytics/content_fixtures.py`` (week Mon 2026-03-02 … Sun 03-08): tiles, tables,
downloads, saved views, access and bad input."""

# ruff: noqa: F401, F811 (pytest fixtures imported from the analytics fixtures are parameters here)
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hearth.cockpit.models import SavedView
from hearth.core import roles
from tests.analytics.conftest import act, member
from tests.analytics.content_fixtures import ContentLog, content_log
from tests.cockpit.analytics_fixtures import analyst, client
from tests.cockpit.analytics_helpers import csv_rows, html_of, table_rows, xlsx_sheet

pytestmark = pytest.mark.django_db

CONTENT = "cockpit:analytics_content"
READING = "cockpit:analytics_reading"
WEEK = {"start": "2026-03-02", "end": "2026-03-08"}


def tile(html: str, key: str) -> str:
    part = html.split(f'data-kpi="{key}"', 1)[1]
    return part.split('data-testid="tile-value">', 1)[1].split("</div>", 1)[0].strip()


def test_content_page_tiles_boards_and_unanswered(client: Client, content_log: ContentLog) -> None:
    response = client.get(reverse(CONTENT), WEEK)
    assert response.status_code == 200
    html = html_of(response)
    assert tile(html, "pgc_topics") == "20.0%"  # t2 of t1, t2, t3, t4, t7
    assert tile(html, "pgc_reads") == "60.0%"  # t2 ×2 and t6 of 5 reads
    assert tile(html, "first_reply") == "2 h"  # 0.5 h, 2 h, 26 h
    assert tile(html, "answered_day") == "40.0%"
    assert tile(html, "unanswered") == "2"
    assert tile(html, "engaged") == "3"
    rows = table_rows(html, "table-boards")
    assert rows[0][:5] == ["Board", "Topics", "UGC topics", "PGC topics", "PGC share"]
    by_board = {r[0]: r for r in rows[1:]}
    assert by_board["B1"][1:8] == ["3", "2", "1", "33.3%", "3", "66.7%", "66.7%"]
    assert by_board["B2"][1:5] == ["2", "2", "0", "0.0%"]
    assert by_board["All boards"][-1] == "2"
    listed = table_rows(html, "unanswered-list")
    assert [r[0] for r in listed[1:]] == ["t", "t"]
    t3, t7 = content_log.topics["t3"], content_log.topics["t7"]
    assert html.index(reverse("community:topic", args=[t3.pk])) < html.index(
        reverse("community:topic", args=[t7.pk])
    )
    assert 'id="content-mix-chart"' in html


def test_content_tables_download(client: Client, content_log: ContentLog) -> None:
    boards = client.get(reverse(CONTENT), {**WEEK, "export": "csv", "table": "boards"})
    assert boards.status_code == 200
    assert "hearth-content-boards-2026-03-02_2026-03-08.csv" in boards["Content-Disposition"]
    rows = csv_rows(boards)
    assert rows[-1][0] == "All boards"
    assert rows[-1][1:4] == ["5", "4", "1"]
    sheet = xlsx_sheet(
        client.get(reverse(CONTENT), {**WEEK, "export": "xlsx", "table": "unanswered"})
    )
    assert [c.value for c in sheet[1]] == ["Topic", "Board", "Kind", "Posted", "Waiting (h)"]
    assert [sheet.cell(row=r, column=2).value for r in (2, 3)] == ["B2", "B1"]  # t3, then t7


def test_reading_page_tiles_heatmap_and_distributions(
    client: Client, content_log: ContentLog
) -> None:
    response = client.get(reverse(READING), WEEK)
    assert response.status_code == 200
    html = html_of(response)
    assert tile(html, "reads") == "5"
    assert tile(html, "dwell") == "100 s"
    assert tile(html, "depth") == "80.0%"
    assert tile(html, "finished") == "50.0%"
    assert tile(html, "peak") == "21:00"
    assert tile(html, "weekend") == "1.33×"
    heat = table_rows(html, "table-heatmap")
    assert heat[0][:2] == ["Weekday", "00"]
    monday = heat[1]
    assert monday[0] == "Monday"
    assert monday[1 + 21] == "1"
    depth = csv_rows(client.get(reverse(READING), {**WEEK, "export": "csv", "table": "depth"}))
    assert depth[1:] == [
        ["0–24%", "0", "0.0"],
        ["25–49%", "1", "0.25"],
        ["50–74%", "1", "0.25"],
        ["75–99%", "0", "0.0"],
        ["100% (to the end)", "2", "0.5"],
    ]
    dwell = csv_rows(client.get(reverse(READING), {**WEEK, "export": "csv", "table": "dwell"}))
    assert [r[1] for r in dwell[1:]] == ["1", "0", "0", "2", "1", "1"]
    boards = table_rows(html, "table-boards")
    assert boards[-1][:3] == ["All boards", "5", "100"]


def test_reading_hours_follow_the_chosen_time_zone(client: Client, content_log: ContentLog) -> None:
    rows = csv_rows(
        client.get(reverse(READING), {**WEEK, "tz": "UTC", "export": "csv", "table": "heatmap"})
    )
    monday, sunday = rows[1], rows[7]
    assert (monday[1 + 13], monday[1 + 21]) == ("1", "0")
    assert (sunday[1 + 15], sunday[1 + 16]) == ("1", "1")  # r6 is Sunday 16:30 in UTC


@pytest.mark.parametrize(
    ("page", "params", "message"),
    [
        (CONTENT, {"start": "2026-03-08", "end": "2026-03-01"}, "after the end date"),
        (READING, {"start": "2026-03-08", "end": "2026-03-01"}, "after the end date"),
        (READING, {"tz": "Mars/Olympus"}, "Unknown time zone: Mars/Olympus"),
        (CONTENT, {"start": "yesterday"}, "Enter a valid date"),
    ],
)
def test_bad_parameters_are_a_form_error(
    client: Client, page: str, params: dict[str, str], message: str
) -> None:
    response = client.get(reverse(page), params)
    assert response.status_code == 400
    assert message in html_of(response)
    download = client.get(reverse(page), {**params, "export": "csv"})
    assert download.status_code == 400


def test_views_are_saved_and_pages_are_in_the_nav(client: Client, analyst: Any) -> None:
    url = reverse("cockpit:analytics_saved_new", args=["reading"])
    response = client.post(url, {"name": "晚间阅读", "query": "days=28&tz=UTC&export=csv"})
    assert response.status_code == 302
    view = SavedView.objects.get(owner=analyst, page="reading")
    assert view.query == "days=28&tz=UTC"
    html = html_of(client.get(reverse(CONTENT)))
    assert reverse(READING) in html
    assert 'href="' + reverse(CONTENT) + '"' in html
    assert "晚间阅读" in html_of(client.get(reverse(READING)))


def test_only_analytics_roles_see_the_pages(
    make_staff: Callable[..., Any], make_member: Callable[..., Any], login: Callable[[Any], Client]
) -> None:
    editor = login(make_staff(roles.CONTENT_EDITOR, username="ed"))
    assert editor.get(reverse(CONTENT)).status_code == 403
    assert login(make_member()).get(reverse(READING)).status_code == 403
