"""Cockpit analytics pages: the numbers of a hand-made log, downloads, saved views, access, bad input.

The log is ``small_log`` of tests/analytics/conftest.py (three members, January 2026):

    a joined Mon 01-05 (seo, 上海): reads 01-05, 01-06, 01-14, 01-27
    b joined Tue 01-06 (wechat, 北京): topic 01-06, a like *received* 01-13, a visit 01-20
    c joined Mon 01-12 (seo, 上海): replies 01-12, 01-13
"""

# ruff: noqa: F401, F811 (pytest fixtures imported from the analytics fixtures are parameters here)
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from hearth.analytics.store.duck import DuckDBEngine
from hearth.analytics.store.sync import store_sync, today
from hearth.cockpit.models import SavedView
from hearth.core import roles
from tests.analytics.conftest import act, member, small_log
from tests.cockpit.analytics_fixtures import analyst, client
from tests.cockpit.analytics_helpers import ROLE_STATUS, csv_rows, html_of, table_rows, xlsx_sheet

pytestmark = pytest.mark.django_db

DASHBOARD = "cockpit:analytics"
TRENDS = "cockpit:analytics_trends"
RETENTION = "cockpit:analytics_retention"
LIFECYCLE = "cockpit:analytics_lifecycle"
PAGES = [DASHBOARD, TRENDS, RETENTION, LIFECYCLE]
JANUARY = {"start": "2026-01-01", "end": "2026-01-31"}


def kpi(html: str, key: str) -> tuple[str, str]:
    """(value, change) of the KPI tile ``key``."""
    tile = html.split(f'data-kpi="{key}"', 1)[1].split('class="sparkline"', 1)[0]
    value = re.search(r'data-testid="kpi-value">([^<]*)<', tile)
    change = re.search(r'data-testid="kpi-change">(.*?)</div>', tile, flags=re.S)
    assert value
    assert change
    return value.group(1).strip(), " ".join(change.group(1).split())


# --- dashboard ---------------------------------------------------------------------------


def test_dashboard_kpis_against_the_week_before(client: Client, small_log: dict[str, Any]) -> None:
    response = client.get(reverse(DASHBOARD), {"start": "2026-01-08", "end": "2026-01-14"})
    assert response.status_code == 200
    html = html_of(response)
    # 01-14: a read → DAU 1; the previous period's last day (01-07) had nobody
    assert kpi(html, "dau") == ("1", "▲ new")
    assert kpi(html, "wau") == ("2", "＝ 0.0%")  # a and c; 01-01…01-07: a and b
    assert kpi(html, "mau") == ("3", "▲ +50.0%")  # a, b, c; on 01-07: a and b
    assert kpi(html, "stickiness") == ("33.3%", "▲ +33.3 pp")
    assert kpi(html, "new_members") == ("1", "▼ −50.0%")  # c; before: a and b
    assert kpi(html, "reads") == ("1", "▼ −50.0%")
    assert kpi(html, "replies") == ("2", "▲ new")
    assert kpi(html, "topics") == ("0", "▼ −100.0%")
    assert kpi(html, "shares") == ("0", "＝ —")


def test_dashboard_breakdown_by_region(client: Client, small_log: dict[str, Any]) -> None:
    response = client.get(
        reverse(DASHBOARD), {"start": "2026-01-12", "end": "2026-01-20", "breakdown": "region"}
    )
    assert response.status_code == 200
    rows = table_rows(html_of(response), "table-active")
    assert rows[0] == ["Day", "上海", "北京", "Total"]
    by_day = {r[0]: r[1:] for r in rows[1:]}
    assert by_day["2026-01-12"] == ["1", "0", "1"]  # c
    assert by_day["2026-01-14"] == ["1", "0", "1"]  # a
    assert by_day["2026-01-20"] == ["0", "1", "1"]  # b's visit
    assert by_day["2026-01-15"] == ["0", "0", "0"]
    assert len(rows) == 1 + 9


def test_dashboard_breakdown_names_levels_and_genders(
    client: Client, small_log: dict[str, Any], make_board: Callable[..., Any]
) -> None:
    from hearth.gamification.selectors import level_list

    first = level_list().first()
    response = client.get(reverse(DASHBOARD), {**JANUARY, "breakdown": "level"})
    assert response.status_code == 200
    header = table_rows(html_of(response), "table-active")[0]
    assert header[1] == (first.name if first else "Not known")
    response = client.get(reverse(DASHBOARD), {**JANUARY, "breakdown": "gender"})
    assert table_rows(html_of(response), "table-active")[0][1] == "Prefer not to say"


def test_dashboard_defaults_to_the_last_30_days(client: Client, small_log: dict[str, Any]) -> None:
    html = html_of(client.get(reverse(DASHBOARD)))
    end = today()
    start = end - dt.timedelta(days=29)
    assert f'name="start" id="id_start" value="{start.isoformat()}"' in html
    assert f'name="end" id="id_end" value="{end.isoformat()}"' in html
    assert 'data-preset="30" aria-current="true"' in html
    # the presets keep the other parameters and make the range relative
    html = html_of(client.get(reverse(DASHBOARD), {"breakdown": "region", "days": "7"}))
    assert f'value="{(end - dt.timedelta(days=6)).isoformat()}"' in html
    assert 'href="?breakdown=region&amp;days=90"' in html


def test_charts_load_echarts_from_local_static_files(client: Client) -> None:
    for page in PAGES:
        html = html_of(client.get(reverse(page)))
        assert '<script src="/static/vendor/echarts/echarts.min.js"' in html, page
        assert "https://" not in html.split("<body", 1)[1], page


def test_dashboard_exports_csv_and_xlsx(client: Client, small_log: dict[str, Any]) -> None:
    params = {"start": "2026-01-12", "end": "2026-01-20", "breakdown": "region"}
    response = client.get(reverse(DASHBOARD), {**params, "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        'filename="hearth-dashboard-active-2026-01-12_2026-01-20.csv"'
        in response["Content-Disposition"]
    )
    rows = csv_rows(response)
    assert rows[0] == ["Day", "上海", "北京", "Total"]
    assert rows[1] == ["2026-01-12", "1", "0", "1"]
    response = client.get(reverse(DASHBOARD), {**params, "export": "xlsx", "table": "kpis"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = xlsx_sheet(response)
    assert [c.value for c in sheet[1]] == [
        "Metric",
        "Covers",
        "Value",
        "Previous period",
        "Change vs previous period",
    ]
    values = {row[0]: row[2:] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values["DAU"] == (1, 0, None)  # 01-20: b; 01-11: nobody
    assert values["MAU"] == (3, 2, 0.5)  # 12-13…01-11: a and b
    assert sheet["E2"].number_format == "0.0%"


# --- trends ------------------------------------------------------------------------------


def test_trend_of_active_members_by_region_per_week(
    client: Client, small_log: dict[str, Any]
) -> None:
    response = client.get(
        reverse(TRENDS),
        {"start": "2026-01-12", "end": "2026-01-25", "breakdown": "region", "period": "week"},
    )
    assert response.status_code == 200
    html = html_of(response)
    assert table_rows(html, "table-trend") == [
        ["Week", "上海", "北京", "Total"],
        ["2026-01-12", "2", "0", "2"],  # a and c
        ["2026-01-19", "0", "1", "1"],  # b
    ]
    total = re.search(r'data-testid="trend-total">([^<]*)<', html)
    change = re.search(r'data-testid="trend-change">(.*?)</div>', html, flags=re.S)
    assert total
    assert total.group(1) == "3"
    assert change
    assert " ".join(change.group(1).split()) == "▲ +50.0%"  # 12-29…01-11: 2
    assert "2025-12-29 to 2026-01-11: 2" in html


def test_trend_of_one_action_per_month_exports(client: Client, small_log: dict[str, Any]) -> None:
    params = {**JANUARY, "metric": "read", "period": "month"}
    html = html_of(client.get(reverse(TRENDS), params))
    assert table_rows(html, "table-trend") == [["Month", "Read"], ["2026-01-01", "4"]]
    sheet = xlsx_sheet(client.get(reverse(TRENDS), {**params, "export": "xlsx"}))
    assert sheet.title == "Read"
    assert sheet["A2"].value == dt.datetime(2026, 1, 1)
    assert sheet["A2"].number_format == "yyyy-mm-dd"
    assert sheet["B2"].value == 4


def test_trend_of_a_custom_event_named_in_the_url(
    client: Client, small_log: dict[str, Any], act: Callable[..., Any]
) -> None:
    act(small_log["a"], "course_enrolled", "2026-01-10")
    html = html_of(client.get(reverse(TRENDS), {**JANUARY, "metric": "course_enrolled"}))
    assert '<option value="course_enrolled" selected>course_enrolled</option>' in html
    assert re.search(r'data-testid="trend-total">1<', html)


# --- retention ---------------------------------------------------------------------------


def test_weekly_retention_heatmap(client: Client, small_log: dict[str, Any]) -> None:
    response = client.get(reverse(RETENTION), {**JANUARY, "periods": "4"})
    assert response.status_code == 200
    rows = table_rows(html_of(response), "retention-heatmap")
    assert rows == [
        ["Join period", "Members", "Week 0", "Week 1", "Week 2", "Week 3", "Week 4"],
        ["2026-01-05", "2", "100.0%", "50.0%", "50.0%", "50.0%", "0.0%"],  # a: 0, 1, 3; b: 0, 2
        ["2026-01-12", "1", "100.0%", "0.0%", "0.0%", "0.0%", "0.0%"],  # c: week 0
        ["All cohorts", "3", "100.0%", "33.3%", "33.3%", "33.3%", "0.0%"],
    ]
    html = html_of(response)
    assert 'title="1 / 2"' in html  # members retained out of the cohort, on hover


def test_retention_on_or_after_by_channel(client: Client, small_log: dict[str, Any]) -> None:
    params = {**JANUARY, "periods": "2", "cohort_by": "channel", "mode": "on_or_after"}
    rows = table_rows(html_of(client.get(reverse(RETENTION), params)), "retention-heatmap")
    assert rows[1:3] == [
        ["seo", "2", "100.0%", "50.0%", "0.0%"],  # a reached week 1; c week 0
        ["wechat", "1", "100.0%", "100.0%", "100.0%"],  # b came back in week 2
    ]


def test_retention_exports_rates_and_counts(client: Client, small_log: dict[str, Any]) -> None:
    params = {**JANUARY, "periods": "4"}
    rows = csv_rows(client.get(reverse(RETENTION), {**params, "export": "csv"}))
    assert rows[0][:3] == ["Join period", "Members", "Week 0"]
    assert rows[1] == ["2026-01-05", "2", "1.0", "0.5", "0.5", "0.5", "0.0"]
    response = client.get(reverse(RETENTION), {**params, "export": "xlsx", "table": "counts"})
    assert "retention-counts-retention-joined-week" in response["Content-Disposition"]
    sheet = xlsx_sheet(response)
    assert [c.value for c in sheet[2]] == ["2026-01-05", 2, 2, 1, 1, 1, 0]
    rates = xlsx_sheet(client.get(reverse(RETENTION), {**params, "export": "xlsx"}))
    assert rates["D2"].value == 0.5
    assert rates["D2"].number_format == "0.0%"


def test_periods_not_begun_stay_empty(small_log: dict[str, Any]) -> None:
    from hearth.analytics.queries.params import window
    from hearth.cockpit.reports.retention import retention_report

    engine = DuckDBEngine()
    try:
        store_sync(engine)
        report = retention_report(
            engine,
            window=window(start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 31)),
            period="week",
            periods=3,
            mode="n_period",
            cohort_by="joined",
            today=dt.date(2026, 1, 20),
        )
    finally:
        engine.close()
    assert [c.rate for c in report.rows[0].cells] == [1.0, 0.5, 0.5, None]  # 01-26 not yet
    assert [c.rate for c in report.rows[1].cells] == [1.0, 0.0, None, None]
    assert report.average is not None
    assert [c.rate for c in report.average.cells] == [1.0, 0.3333, 0.5, None]


# --- lifecycle ---------------------------------------------------------------------------


def test_weekly_lifecycle_table_and_export(client: Client, small_log: dict[str, Any]) -> None:
    params = {"start": "2026-01-05", "end": "2026-02-01", "period": "week"}
    response = client.get(reverse(LIFECYCLE), params)
    assert response.status_code == 200
    assert table_rows(html_of(response), "table-lifecycle") == [
        ["Week", "New", "Returning", "Resurrecting", "Dormant", "Active members"],
        ["2026-01-05", "2", "0", "0", "0", "2"],
        ["2026-01-12", "1", "1", "0", "-1", "2"],
        ["2026-01-19", "0", "0", "1", "-2", "1"],
        ["2026-01-26", "0", "0", "1", "-1", "1"],
    ]
    sheet = xlsx_sheet(client.get(reverse(LIFECYCLE), {**params, "export": "xlsx"}))
    assert [c.value for c in sheet[4]][1:] == [0, 0, 1, -2, 1]  # negative numbers stay numbers


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "params", "message"),
    [
        (DASHBOARD, {"start": "2026-02-01", "end": "2026-01-01"}, "after the end date"),
        (DASHBOARD, {"start": "2026-13-45"}, "Enter a valid date"),
        (DASHBOARD, {"breakdown": "shoe_size"}, "Select a valid choice"),
        (DASHBOARD, {"start": "2020-01-01", "end": "2026-01-01"}, "at most 1096 days"),
        (TRENDS, {"metric": "Likes!"}, "Unknown metric"),
        (TRENDS, {"metric": "active", "breakdown": "device"}, "Device breaks down action counts"),
        (TRENDS, {"period": "year"}, "Select a valid choice"),
        (RETENTION, {"periods": "0"}, "greater than or equal to 1"),
        (RETENTION, {"mode": "forever"}, "Select a valid choice"),
        (LIFECYCLE, {"start": "2026-03-01", "end": "2026-02-01"}, "after the end date"),
    ],
)
def test_bad_parameters_are_a_form_error(
    client: Client, page: str, params: dict[str, str], message: str
) -> None:
    response = client.get(reverse(page), params)
    assert response.status_code == 400
    html = html_of(response)
    errors = html.split('data-testid="analytics-errors"', 1)[1].split("</div>\n  </div>", 1)[0]
    assert message in errors
    assert 'id="analytics-chart"' not in html
    # a download of a wrong view is the page with the error, not a file
    download = client.get(reverse(page), {**params, "export": "csv"})
    assert download.status_code == 400
    assert download["Content-Type"].startswith("text/html")


def test_bad_input_is_explained_in_chinese(analyst: Any, small_log: dict[str, Any]) -> None:
    from django.utils import translation
    from django.utils.translation import gettext

    client = Client(headers={"accept-language": "zh-hans"})
    client.force_login(analyst)
    response = client.get(reverse(DASHBOARD), {"start": "2026-02-01", "end": "2026-01-01"})
    assert response.status_code == 400
    with translation.override("zh-hans"):
        message = gettext("The start date %(start)s is after the end date %(end)s.") % {
            "start": "2026-02-01",
            "end": "2026-01-01",
        }
        heading = gettext("Analytics dashboard")
    html = html_of(response)
    assert message in html
    assert heading in html
    assert '<html lang="zh-hans">' in html


def test_a_store_failure_is_a_message_not_a_server_error(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    import duckdb

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise duckdb.IOException("disk on fire")

    monkeypatch.setattr("hearth.cockpit.views.analytics.dashboard.dashboard_report", broken)
    response = client.get(reverse(DASHBOARD))
    assert response.status_code == 400
    assert "could not answer this question (IOException)" in html_of(response)


# --- access ------------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(("role", "status"), ROLE_STATUS)
def test_role_page_matrix(
    page: str, role: str, status: int, make_staff: Callable[..., Any], login: Any
) -> None:
    assert login(make_staff(role)).get(reverse(page)).status_code == status


@pytest.mark.parametrize("page", PAGES)
def test_members_and_visitors_are_kept_out(
    page: str, make_member: Callable[..., Any], login: Any
) -> None:
    assert login(make_member()).get(reverse(page)).status_code == 403
    response = login(None).get(reverse(page), {"export": "csv"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_only_analytics_roles_may_save_views(
    make_staff: Callable[..., Any], make_member: Callable[..., Any], login: Any
) -> None:
    url = reverse("cockpit:analytics_saved_new", args=["dashboard"])
    for user in (make_member(), make_staff(roles.MODERATOR)):
        assert login(user).post(url, {"name": "x", "query": ""}).status_code == 403
    assert not SavedView.objects.exists()


# --- saved views -------------------------------------------------------------------------


def saved_list(response: Any) -> str:
    return html_of(response).split('data-testid="saved-views"', 1)[1].split("</section>", 1)[0]


def test_save_a_view_and_open_it_again(
    client: Client, analyst: Any, make_staff: Callable[..., Any], login: Any
) -> None:
    response = client.post(
        reverse("cockpit:analytics_saved_new", args=["retention"]),
        {
            "name": "渠道留存",
            "query": "cohort_by=channel&days=90&export=csv&evil=1&period=month&periods=",
        },
    )
    view = SavedView.objects.get(owner=analyst)
    assert (view.page, view.name) == ("retention", "渠道留存")
    assert view.query == "days=90&period=month&cohort_by=channel"  # the page's own, non-empty
    assert response.status_code == 302
    assert response["Location"] == reverse(RETENTION) + "?" + view.query
    saved = saved_list(client.get(reverse(RETENTION)))
    assert f'href="{reverse(RETENTION)}?days=90&amp;period=month&amp;cohort_by=channel"' in saved
    # the same name on the same page replaces it; other pages and other people don't see it
    client.post(
        reverse("cockpit:analytics_saved_new", args=["retention"]),
        {"name": "渠道留存", "query": "cohort_by=region"},
    )
    assert SavedView.objects.get(owner=analyst).query == "cohort_by=region"
    assert "渠道留存" not in saved_list(client.get(reverse(LIFECYCLE)))
    other = login(make_staff(roles.ANALYST))
    assert "渠道留存" not in saved_list(other.get(reverse(RETENTION)))
    assert other.post(reverse("cockpit:analytics_saved_delete", args=[view.pk])).status_code == 404
    response = client.post(reverse("cockpit:analytics_saved_delete", args=[view.pk]))
    assert response.status_code == 302
    assert not SavedView.objects.exists()


def test_the_page_offers_to_save_its_current_parameters(client: Client) -> None:
    html = html_of(client.get(reverse(TRENDS), {"metric": "reply", "period": "week", "x": "1"}))
    form = html.split('data-testid="save-view"', 1)[1].split("</form>", 1)[0]
    assert 'name="query" value="metric=reply&amp;period=week"' in form


def test_a_view_needs_a_name(client: Client) -> None:
    response = client.post(
        reverse("cockpit:analytics_saved_new", args=["dashboard"]),
        {"name": "  ", "query": "breakdown=region"},
    )
    assert response["Location"] == reverse(DASHBOARD) + "?breakdown=region"
    assert not SavedView.objects.exists()
    unknown = client.post(reverse("cockpit:analytics_saved_new", args=["nowhere"]), {"name": "x"})
    assert unknown.status_code == 404


# --- the PostgreSQL store ----------------------------------------------------------------


def test_pages_read_the_postgresql_store(
    client: Client, small_log: dict[str, Any], settings: Any
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL engine runs on the PostgreSQL pass")
    settings.HEARTH_ANALYTICS_ENGINE = "postgres"
    response = client.get(reverse(RETENTION), {**JANUARY, "periods": "4"})
    assert response.status_code == 200
    rows = table_rows(html_of(response), "retention-heatmap")
    assert rows[1] == ["2026-01-05", "2", "100.0%", "50.0%", "50.0%", "50.0%", "0.0%"]
    html = html_of(client.get(reverse(DASHBOARD), {"start": "2026-01-08", "end": "2026-01-14"}))
    assert kpi(html, "mau") == ("3", "▲ +50.0%")


def test_a_page_reads_the_database_a_bounded_number_of_times(
    client: Client, small_log: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    client.get(reverse(DASHBOARD))  # the first sync copies the log
    # session, user, permissions, settings, the log past the watermark, members and levels,
    # saved views, the layout's own: whatever the range and the breakdown
    with django_assert_max_num_queries(15):
        assert client.get(reverse(DASHBOARD), {"breakdown": "level"}).status_code == 200
