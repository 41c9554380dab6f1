"""Board health with its drill-down, retention by the first post's board and the stickiness
distribution on the lifecycle page: numbers of hand-made logs, exports, bad input.

Board health (the window 01-11…01-20 against 01-01…01-10): on 区块链 a reader aged 18-24
reads every day before and stops; a reader aged 40+ reads 区块链 and 人工智能 every day of
both windows. 区块链: 10 reads against 20 (−50 %); 人工智能: 10 against 10; the community:
20 against 30 (−33.3 %), so 区块链 did 25 % worse than the community (declining) and
人工智能 50 % better. Behind 区块链: 18-24 had 10 reads, would have had 6.67 at the
community's trend and had 0 (gap −6.67); 40+ had 10 against 6.67 (gap +3.33).
"""

# ruff: noqa: F401, F811 (pytest fixtures imported from the analytics fixtures are parameters here)
from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hearth.cockpit.models import SavedView
from tests.analytics.conftest import act, member, small_log
from tests.cockpit.analytics_fixtures import analyst, client
from tests.cockpit.analytics_helpers import csv_rows, html_of, table_rows, xlsx_sheet

pytestmark = pytest.mark.django_db

BOARDS = "cockpit:analytics_boards"
WINDOW = {"start": "2026-01-11", "end": "2026-01-20"}


@pytest.fixture
def boards(make_board: Callable[..., Any], member: Any, act: Any) -> dict[str, Any]:
    chain = make_board(name="区块链", slug="chain")
    ai = make_board(name="人工智能", slug="ai")
    young = member("young", "2025-12-01", birth_year=2004)
    older = member("older", "2025-12-01", birth_year=1980)
    y, o = {"age_band": "18-24"}, {"age_band": "40+"}
    for i in range(10):
        act(young, "read", f"2026-01-{i + 1:02d}", board_id=chain.pk, **y)
        act(older, "read", f"2026-01-{i + 1:02d}", board_id=chain.pk, **o)
        act(older, "read", f"2026-01-{i + 1:02d}", board_id=ai.pk, hour=13, **o)
        act(older, "read", f"2026-01-{i + 11:02d}", board_id=chain.pk, **o)
        act(older, "read", f"2026-01-{i + 11:02d}", board_id=ai.pk, hour=13, **o)
    act(young, "reply", "2026-01-15", board_id=ai.pk, **y)
    return {"chain": chain, "ai": ai}


def test_boards_against_the_window_before(client: Client, boards: dict[str, Any]) -> None:
    response = client.get(reverse(BOARDS), WINDOW)
    assert response.status_code == 200
    html = html_of(response)
    rows = table_rows(html, "table-boards")
    assert rows[1:] == [  # declining boards first
        ["区块链", "10", "−50.0%", "−25.0%", "", "0", "—", "1", "−50.0%", "Declining"],
        ["人工智能", "10", "—" if False else "0.0%", "+50.0%", "", "1", "—", "2", "+100.0%",
         "Steady"],
    ]  # fmt: skip
    assert "−33.3%" in html  # the community's reads change
    assert f'data-sparkline="board-{boards["chain"].pk}"' in html
    sparks = html.split('id="analytics-sparks" type="application/json">', 1)[1].split("<", 1)[0]
    assert json.loads(sparks)[f"board-{boards['ai'].pk}"] == [1] * 10  # one read a day


def test_the_drill_down_ranks_the_segment_behind_the_decline(
    client: Client, boards: dict[str, Any]
) -> None:
    chain = boards["chain"]
    response = client.get(reverse(BOARDS), {**WINDOW, "board": chain.pk})
    assert response.status_code == 200
    html = html_of(response)
    assert 'data-testid="drilldown"' in html
    top = html.split('data-testid="drill-top">', 1)[1].split("</p>", 1)[0]
    assert "Age band 18-24" in top
    assert "−6.67" in top or "-6.67" in top
    response = client.get(
        reverse(BOARDS), {**WINDOW, "board": chain.pk, "export": "csv", "table": "drilldown"}
    )
    assert csv_rows(response) == [
        ["Attribute", "Segment", "This window", "Previous window", "Expected at the community's trend", "Gap",
         "Share of the attribute's gap"],
        ["Age band", "18-24", "0", "10", "6.67", "-6.67", "2.0"],
        ["Age band", "40+", "10", "10", "6.67", "3.33", "-1.0"],
    ]  # fmt: skip


def test_boards_export_and_bad_input(client: Client, boards: dict[str, Any]) -> None:
    response = client.get(reverse(BOARDS), {**WINDOW, "export": "xlsx"})
    sheet = xlsx_sheet(response)
    assert [c.value for c in sheet[1]][:4] == ["Board", "Reads", "Reads before", "Reads change"]
    assert next(iter(sheet.iter_rows(min_row=2, values_only=True)))[:5] == (
        "区块链", 10, 20, -0.5, -0.25,
    )  # fmt: skip
    response = client.get(reverse(BOARDS), {**WINDOW, "board": "99999"})
    assert response.status_code == 400
    assert "There is no board 99999." in html_of(response)
    response = client.get(reverse(BOARDS), {"start": "2026-02-01", "end": "2026-01-01"})
    assert response.status_code == 400
    response = client.get(reverse(BOARDS), {**WINDOW, "metric": "like"})
    assert response.status_code == 400


def test_board_views_are_saved(client: Client, boards: dict[str, Any]) -> None:
    chain = boards["chain"]
    query = f"start=2026-01-11&end=2026-01-20&board={chain.pk}&metric=read"
    client.post(
        reverse("cockpit:analytics_saved_new", args=["boards"]), {"name": "链", "query": query}
    )
    assert SavedView.objects.get(page="boards").query == query
    html = html_of(client.get(reverse(BOARDS), WINDOW))
    assert "链" in html
    assert 'class="active"' not in html or "Board health" in html


def test_retention_cohorts_by_the_board_of_the_first_post(
    client: Client, boards: dict[str, Any], member: Any, act: Any
) -> None:
    newcomer = member("new", "2026-01-12")
    act(newcomer, "topic", "2026-01-12", board_id=boards["chain"].pk)
    act(newcomer, "read", "2026-01-20", board_id=boards["ai"].pk)
    response = client.get(
        reverse("cockpit:analytics_retention"),
        {"start": "2026-01-12", "end": "2026-01-18", "cohort_by": "first_board", "periods": "2"},
    )
    assert response.status_code == 200
    html = html_of(response)
    assert '<option value="first_board" selected>Board of first post</option>' in html
    row = html.split(f'data-cohort="{boards["chain"].pk}"', 1)[1].split("</tr>", 1)[0]
    assert "区块链" in row
    assert "100.0%" in row  # week 0 and week 1 (01-20)


def test_the_stickiness_distribution_on_the_lifecycle_page(
    client: Client, small_log: dict[str, Any]
) -> None:
    params = {"start": "2026-01-05", "end": "2026-01-14"}
    response = client.get(reverse("cockpit:analytics_lifecycle"), params)
    assert response.status_code == 200
    rows = table_rows(html_of(response), "table-stickiness")
    assert rows[0] == ["Active in", "Members", "Share of active members"]
    assert rows[1:4] == [
        ["1 day", "1", "33.3%"],
        ["2 days", "1", "33.3%"],
        ["3 days", "1", "33.3%"],
    ]
    assert len(rows) == 1 + 10
    response = client.get(
        reverse("cockpit:analytics_lifecycle"),
        {**params, "sticky": "week", "export": "csv", "table": "stickiness"},
    )
    assert csv_rows(response) == [
        ["Active in", "Members", "Share of active members"],
        ["1 week", "2", "0.6667"],  # b, c
        ["2 weeks", "1", "0.3333"],  # a
    ]
    response = client.get(reverse("cockpit:analytics_lifecycle"), {**params, "sticky": "year"})
    assert response.status_code == 400
