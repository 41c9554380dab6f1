"""Cockpit segment pages: list, builder with its live count, a segment's page and export,
comparison, access, and bad input (a clear form error, never a server error).

The log is ``small_log`` of tests/analytics/conftest.py (January 2026):

    a joined 01-05 (seo, 上海): reads 01-05, 01-06, 01-14, 01-27
    b joined 01-06 (wechat, 北京): topic 01-06, a like *received* 01-13, a visit 01-20
    c joined 01-12 (seo, 上海): replies 01-12, 01-13

Conditions on attributes and join dates keep the answers independent of today.
"""

# ruff: noqa: F401, F811 (pytest fixtures imported from the analytics fixtures are parameters here)
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hearth.analytics.models import Segment
from hearth.analytics.segments.definition import definition_parse
from hearth.analytics.segments.services import segment_create
from hearth.cockpit.models import SavedView
from tests.analytics.conftest import act, member, small_log
from tests.cockpit.analytics_fixtures import analyst, client
from tests.cockpit.analytics_helpers import ROLE_STATUS, csv_rows, html_of, table_rows, xlsx_sheet

pytestmark = pytest.mark.django_db

LIST = "cockpit:analytics_segments"
NEW = "cockpit:analytics_segment_new"
PREVIEW = "cockpit:analytics_segment_preview"
COMPARE = "cockpit:analytics_segment_compare"
JANUARY = {"start": "2026-01-01", "end": "2026-01-31"}


def saved(name: str, definition: dict[str, Any]) -> Segment:
    return segment_create(name=name, definition=definition_parse(definition))


SEO = {"attributes": {"channel": ["seo"]}}
WECHAT = {"attributes": {"channel": ["wechat"]}}


def test_the_builder_saves_a_segment_with_its_count(
    client: Client, analyst: Any, small_log: dict[str, Any]
) -> None:
    page = client.get(reverse(NEW))
    assert page.status_code == 200
    html = html_of(page)
    assert 'value="seo"' in html
    assert 'value="wechat"' in html
    assert 'hx-post="' + reverse(PREVIEW) in html
    response = client.post(
        reverse(NEW),
        {
            "name": "上海的SEO会员",
            "description": "试点",
            "channel": ["seo"],
            "region": ["上海"],
            "joined_from": "2026-01-06",
            "b_kind": ["did", "did_not"],
            "b_action": ["active", ""],  # a row without an action is ignored
            "b_times": ["", ""],
            "b_days": ["", "7"],
        },
    )
    segment = Segment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cockpit:analytics_segment", args=[segment.pk])
    assert (segment.member_count, segment.created_by) == (1, analyst)  # c (a joined 01-05)
    assert segment.definition["behaviour"] == [{"kind": "did", "action": "active", "times": 1}]
    listing = html_of(client.get(reverse(LIST)))
    assert "上海的SEO会员" in listing
    assert "Channel: seo" in listing
    assert "joined on or after 2026-01-06" in listing
    assert "ever active" in listing


def test_the_live_count_and_its_errors(client: Client, small_log: dict[str, Any]) -> None:
    counted = html_of(client.post(reverse(PREVIEW), {"channel": ["seo"]}))
    assert 'data-count="2"' in counted  # a and c, of the three members and the analyst
    assert "50.0% of 4 members" in counted
    empty = client.post(reverse(PREVIEW), {"b_kind": ["did"], "b_action": [""]})
    assert empty.status_code == 200  # an htmx fragment: the reason is shown in place
    assert "A segment needs at least one condition" in html_of(empty)
    bad = html_of(
        client.post(reverse(PREVIEW), {"b_kind": ["did"], "b_action": ["read"], "b_days": ["-2"]})
    )
    assert "the number of days must be between 1 and 3660" in bad
    typo = html_of(client.post(reverse(PREVIEW), {"b_kind": ["did"], "b_action": ["reed"]}))
    assert "Unknown action: reed" in typo
    recent = html_of(client.post(reverse(PREVIEW), {"joined_within": "3650"}))
    assert 'data-count="4"' in recent  # everyone joined in the last ten years
    assert "joined in the last 3650 days" in recent
    inverted = html_of(
        client.post(reverse(PREVIEW), {"joined_from": "2026-02-01", "joined_to": "2026-01-01"})
    )
    assert "is after the end date" in inverted


def test_saving_refuses_bad_input_with_a_400(client: Client, small_log: dict[str, Any]) -> None:
    nothing = client.post(reverse(NEW), {"name": "全部"})
    assert nothing.status_code == 400
    assert "A segment needs at least one condition" in html_of(nothing)
    unnamed = client.post(reverse(NEW), {"name": " ", "channel": ["seo"]})
    assert unnamed.status_code == 400
    assert "Give the segment a name." in html_of(unnamed)
    saved("SEO", SEO)
    twice = client.post(reverse(NEW), {"name": "SEO", "channel": ["wechat"]})
    assert twice.status_code == 400
    assert "already exists" in html_of(twice)
    assert Segment.objects.count() == 1


def test_editing_keeps_and_changes_the_definition(
    client: Client, small_log: dict[str, Any]
) -> None:
    segment = saved("SEO", {**SEO, "behaviour": [{"kind": "did", "action": "read", "times": 2}]})
    url = reverse("cockpit:analytics_segment_edit", args=[segment.pk])
    form = html_of(client.get(url))
    assert re.search(r'value="seo"[^>]*checked', form)
    assert 'name="b_times" min="1" value="2"' in form
    response = client.post(url, {"name": "微信", "channel": ["wechat"]})
    assert response.status_code == 302
    segment.refresh_from_db()
    assert (segment.name, segment.member_count) == ("微信", 1)
    assert segment.definition["attributes"]["channel"] == ["wechat"]


def test_a_segment_page_lists_and_exports_its_members(
    client: Client, small_log: dict[str, Any]
) -> None:
    segment = saved("SEO", SEO)
    url = reverse("cockpit:analytics_segment", args=[segment.pk])
    html = html_of(client.get(url))
    assert re.search(r'data-testid="segment-members">2<', html)
    rows = table_rows(html, "table-members")
    assert rows[0][:4] == ["Member ID", "Username", "Channel", "Region"]
    assert [r[1] for r in rows[1:]] == ["c", "a"]  # the newest first
    exported = client.get(url, {"export": "csv"})
    assert exported["Content-Disposition"].startswith(
        f'attachment; filename="hearth-segment-{segment.pk}-members-'
    )
    lines = csv_rows(exported)
    assert [(r[1], r[2], r[3], r[7]) for r in lines[1:]] == [
        ("a", "seo", "上海", "2026-01-05"),
        ("c", "seo", "上海", "2026-01-12"),
    ]
    sheet = xlsx_sheet(client.get(url, {"export": "xlsx"}))
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["a", "c"]


def test_an_empty_segment_is_shown_but_not_exported(
    client: Client, small_log: dict[str, Any]
) -> None:
    segment = saved("抖音", {"attributes": {"channel": ["douyin"]}})
    url = reverse("cockpit:analytics_segment", args=[segment.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'data-testid="segment-empty"' in html_of(page)
    refused = client.get(url, {"export": "csv"})
    assert refused.status_code == 400
    assert "This segment has no members" in html_of(refused)


def test_comparing_two_segments(client: Client, small_log: dict[str, Any]) -> None:
    seo, wechat = saved("SEO", SEO), saved("微信", WECHAT)
    response = client.get(reverse(COMPARE), {**JANUARY, "segments": [str(seo.pk), str(wechat.pk)]})
    assert response.status_code == 200
    html = html_of(response)
    rows = table_rows(html, "table-comparison")
    assert rows[0][:4] == ["Segment", "Members", "Active in the last 30 days", "Share active"]
    # January: a and c active (seo); b active (wechat). Reads: a's 4; replies: c's 2; b's topic
    assert rows[1][:8] == ["SEO", "2", "2", "100.0%", "0.19", "2", "1", "0"]
    assert rows[2][:8] == ["微信", "1", "1", "100.0%", "0.06", "0", "0", "1"]
    # D7: a (01-05 → 01-12: no), c (01-12 → 01-19: no); b (01-06 → 01-13: a like received only)
    assert rows[1][8:] == ["0.0%", "—"]
    assert rows[2][8:] == ["0.0%", "—"]
    assert "segment-compare-data" in html
    form = html.split('data-testid="save-view"', 1)[1].split("</form>", 1)[0]
    query = f"start=2026-01-01&amp;end=2026-01-31&amp;segments={seo.pk}%2C{wechat.pk}"
    assert f'name="query" value="{query}"' in form
    exported = client.get(
        reverse(COMPARE), {**JANUARY, "segments": f"{seo.pk},{wechat.pk}", "export": "csv"}
    )
    lines = csv_rows(exported)
    assert lines[1][:3] == ["SEO", "2", "2"]


def test_comparison_bad_input(client: Client, small_log: dict[str, Any]) -> None:
    seo, nobody = saved("SEO", SEO), saved("抖音", {"attributes": {"channel": ["douyin"]}})
    first = client.get(reverse(COMPARE))
    assert first.status_code == 200
    assert 'data-testid="compare-empty"' in html_of(first)
    for query, message in [
        ({"segments": f"{seo.pk}"}, "Choose two to 4 segments"),
        ({"segments": f"{seo.pk},{nobody.pk}"}, "This segment has no members"),
        ({"segments": f"{seo.pk},999"}, "Unknown segment: 999"),
        ({"segments": "seo,x"}, "Segments are chosen by their numbers"),
        (
            {"segments": f"{seo.pk},{seo.pk + 1}", "start": "2026-02-01", "end": "2026-01-01"},
            "after the end date",
        ),
    ]:
        response = client.get(reverse(COMPARE), query)
        assert response.status_code == 400, query
        assert message in html_of(response), query


def test_recount_and_delete(client: Client, small_log: dict[str, Any]) -> None:
    segment = saved("SEO", SEO)
    Segment.objects.filter(pk=segment.pk).update(member_count=None, counted_at=None)
    assert "not counted yet" in html_of(client.get(reverse(LIST)))
    response = client.post(reverse("cockpit:analytics_segment_recount", args=[segment.pk]))
    assert response.status_code == 302
    segment.refresh_from_db()
    assert segment.member_count == 2
    assert segment.counted_at is not None
    Segment.objects.filter(pk=segment.pk).update(member_count=None)
    client.post(reverse("cockpit:analytics_segments_recount"))
    segment.refresh_from_db()
    assert segment.member_count == 2
    assert (
        client.post(reverse("cockpit:analytics_segment_delete", args=[segment.pk])).status_code
        == 302
    )
    assert not Segment.objects.exists()
    assert client.get(reverse("cockpit:analytics_segment", args=[segment.pk])).status_code == 404


@pytest.mark.parametrize(("role", "status"), ROLE_STATUS)
def test_role_matrix(role: str, status: int, make_staff: Callable[..., Any], login: Any) -> None:
    segment = Segment.objects.create(name="SEO", definition=SEO)  # not counted: no store needed
    user = login(make_staff(role))
    assert user.get(reverse(LIST)).status_code == status
    deleted = user.post(reverse("cockpit:analytics_segment_delete", args=[segment.pk]))
    assert deleted.status_code == (302 if status == 200 else 403)
    assert Segment.objects.exists() == (status != 200)


def test_members_and_visitors_are_kept_out(make_member: Callable[..., Any], login: Any) -> None:
    segment = Segment.objects.create(name="SEO", definition=SEO)
    assert login(make_member()).get(reverse(LIST)).status_code == 403
    assert login(make_member()).post(reverse(PREVIEW), {"channel": ["seo"]}).status_code == 403
    response = login(None).get(
        reverse("cockpit:analytics_segment", args=[segment.pk]), {"export": "csv"}
    )
    assert response.status_code == 302
    assert Segment.objects.count() == 1


def test_the_nav_links_to_segments(client: Client) -> None:
    html = html_of(client.get(reverse(LIST)))
    assert f'href="{reverse(LIST)}" data-nav="segments" class="active"' in html


def test_a_comparison_saved_as_a_view_opens_again(
    client: Client, analyst: Any, small_log: dict[str, Any]
) -> None:
    seo, wechat = saved("SEO", SEO), saved("微信", WECHAT)
    query = f"segments={seo.pk}%2C{wechat.pk}&days=90&export=csv"
    response = client.post(
        reverse("cockpit:analytics_saved_new", args=["segments"]),
        {"name": "渠道对比", "query": query},
    )
    view = SavedView.objects.get(owner=analyst)
    assert (view.page, view.query) == ("segments", f"days=90&segments={seo.pk}%2C{wechat.pk}")
    assert response["Location"] == reverse(COMPARE) + "?" + view.query
    reopened = client.get(response["Location"])
    assert reopened.status_code == 200
    assert [r[0] for r in table_rows(html_of(reopened), "table-comparison")[1:]] == ["SEO", "微信"]
    assert "渠道对比" in html_of(reopened).split('data-testid="saved-views"', 1)[1]


def test_the_list_reads_the_database_a_bounded_number_of_times(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    for i in range(5):
        Segment.objects.create(name=f"S{i}", definition={"attributes": {"region": [f"R{i}"]}})
    client.get(reverse(LIST))  # session and permissions warm up
    with django_assert_max_num_queries(8):  # session, user, permissions, levels, segments
        assert client.get(reverse(LIST)).status_code == 200
