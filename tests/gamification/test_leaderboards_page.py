"""The leaderboards page and its selectors: ranks, pagination, periods, boards, your rank."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from hearth.accounts.models import User
from hearth.gamification import leaderboards
from hearth.gamification.leaderboards import leaderboard_page, leaderboard_rank_for
from hearth.gamification.models import SITE_WIDE
from hearth.gamification.services import points_adjust, points_award

NOW = dt.datetime(2026, 11, 25, 4, 0, tzinfo=dt.UTC)  # Wednesday of 2026-W48, local noon
LAST_WEEK = NOW - dt.timedelta(days=7)
NAME = re.compile(r'<span data-testid="member-name">([^<]+)</span>')
RANK = re.compile(r'data-testid="rank">(?:<span aria-hidden="true">[^<]+</span>)?<span[^>]*>(\d+)<')


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with freeze_time(NOW):
        yield


@pytest.fixture
def give(staff_member: Any) -> Any:
    def give(member: Any, amount: int) -> None:
        points_adjust(actor=staff_member, member=member, amount=amount, reason="test")

    return give


@pytest.fixture
def ranked(make_member: Any, give: Any, default_ladder: None) -> list[Any]:
    """Five members with 50, 40, 40, 30, 600 points, plus staff and an inactive member."""
    members = [make_member(name) for name in ("ann", "ben", "cai", "dan", "eve")]
    for member, amount in zip(members, (50, 40, 40, 30, 600), strict=True):
        give(member, amount)
    gone = make_member("gone")
    give(gone, 1000)
    User.objects.filter(pk=gone.pk).update(is_active=False)
    return members


def test_ranks_by_points_then_the_earlier_member(ranked: list[Any], staff_member: Any) -> None:
    give_staff = staff_member  # the manager holds a staff role: never ranked
    points_adjust(actor=give_staff, member=give_staff, amount=5000, reason="test")
    page = leaderboard_page(period="all")
    assert [(r.rank, r.username, r.points) for r in page.rows] == [
        (1, "eve", 600),
        (2, "ann", 50),
        (3, "ben", 40),
        (4, "cai", 40),
        (5, "dan", 30),
    ]
    assert page.rows[0].level_name == "高级会员"  # 600 points
    assert page.rows[1].level_name == "初级会员"


def test_pages_continue_the_ranks(ranked: list[Any]) -> None:
    second = leaderboard_page(period="all", page=2, per_page=2)
    assert [(r.rank, r.username) for r in second.rows] == [(3, "ben"), (4, "cai")]
    assert (second.has_previous, second.has_next) == (True, True)
    last = leaderboard_page(period="all", page=3, per_page=2)
    assert [(r.rank, r.username, last.has_next) for r in last.rows] == [(5, "dan", False)]
    assert leaderboard_page(period="all", page=99, per_page=2).rows == []


def test_page_links_to_the_next_page(ranked: list[Any], make_member: Any, give: Any) -> None:
    for n in range(50):
        give(make_member(f"extra{n}"), 1)
    html = Client().get("/leaderboards/?period=all").content.decode()
    assert 'href="?period=all&amp;page=2" rel="next"' in html
    second = Client().get("/leaderboards/?period=all&page=2").content.decode()
    assert RANK.findall(second) == ["51", "52", "53", "54", "55"]
    assert 'rel="next"' not in second


def test_the_ranking_stops_at_the_cap(ranked: list[Any], monkeypatch: Any) -> None:
    monkeypatch.setattr(leaderboards, "RANK_CAP", 3)
    first, second = (leaderboard_page(period="all", page=n, per_page=2) for n in (1, 2))
    assert [r.rank for r in first.rows + second.rows] == [1, 2, 3]
    assert not second.has_next
    assert leaderboard_rank_for(member_id=ranked[1].pk, period="all").rank == 3  # ben
    cai = leaderboard_rank_for(member_id=ranked[2].pk, period="all")
    assert (cai.ranked, cai.rank, cai.beyond_cap, cai.points) == (True, None, True, 40)
    # below the last place's points (now cached) the answer needs only the member's score
    with CaptureQueriesContext(connection) as captured:
        dan = leaderboard_rank_for(member_id=ranked[3].pk, period="all")
    assert (dan.beyond_cap, dan.points, len(captured.captured_queries)) == (True, 30, 1)


def test_rank_for_a_member(ranked: list[Any], make_member: Any) -> None:
    cai = leaderboard_rank_for(member_id=ranked[2].pk, period="all")
    assert (cai.rank, cai.points, cai.ranked) == (4, 40, True)
    newcomer = leaderboard_rank_for(member_id=make_member("new").pk, period="all")
    assert (newcomer.ranked, newcomer.rank, newcomer.points) == (False, None, 0)


def test_week_and_month_count_only_their_own_points(
    make_member: Any, give: Any, default_ladder: None
) -> None:
    old, recent = make_member("old"), make_member("recent")
    with freeze_time(LAST_WEEK):
        give(old, 100)
    give(recent, 10)
    assert [r.username for r in leaderboard_page(period="week").rows] == ["recent"]
    assert [r.username for r in leaderboard_page(period="month").rows] == ["old", "recent"]
    assert [r.username for r in leaderboard_page(period="all").rows] == ["old", "recent"]
    assert leaderboard_page(period="week", now=LAST_WEEK).period_key == "2026-W47"
    assert [r.username for r in leaderboard_page(period="week", now=LAST_WEEK).rows] == ["old"]


def test_page_shows_the_ranking_to_visitors(ranked: list[Any]) -> None:
    response = Client().get("/leaderboards/?period=all")
    assert response.status_code == 200
    html = response.content.decode()
    assert NAME.findall(html) == ["eve", "ann", "ben", "cai", "dan"]
    assert RANK.findall(html) == ["1", "2", "3", "4", "5"]
    assert html.count('class="top top-') == 3
    assert "Log in to see where you stand." in html or "登录" in html


def test_page_shows_the_members_own_rank(ranked: list[Any]) -> None:
    client = Client()
    client.force_login(ranked[3])  # dan, 5th
    html = client.get("/leaderboards/?period=all").content.decode()
    standing = html.split('data-testid="my-rank"')[1]
    assert re.search(r'class="standing-rank">[^<]*\b5\b', standing)
    assert 'class=" mine"' in html


def test_unknown_period_falls_back_to_the_week(ranked: list[Any]) -> None:
    response = Client().get("/leaderboards/?period=decade")
    assert response.status_code == 200
    assert response.context["ranking"].period == "week"


def test_page_runs_a_constant_number_of_queries(
    make_member: Any, give: Any, default_ladder: None, django_assert_num_queries: Any
) -> None:
    client = Client()
    viewer = make_member("viewer")
    give(viewer, 1)
    client.force_login(viewer)
    client.get("/leaderboards/?period=all")
    with CaptureQueriesContext(connection) as few:
        client.get("/leaderboards/?period=all")
    for n in range(30):
        give(make_member(f"m{n}"), n + 2)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get("/leaderboards/?period=all")
    assert len(NAME.findall(response.content.decode())) == 31


def test_board_ranking_follows_visibility(
    make_member: Any, make_board: Any, staff_member: Any, rule: Any
) -> None:
    rule("topic_created", points=5)
    public, hidden = make_board(), make_board(visibility="staff")
    members_only = make_board(visibility="members")
    author = make_member("author")
    for n, board in enumerate((public, hidden, members_only)):
        points_award(member=author, action="topic_created", source_key=f"t:{n}", board=board)
    visitor, member, staff = Client(), Client(), Client()
    member.force_login(make_member("reader"))
    staff.force_login(staff_member)
    html = visitor.get(f"/leaderboards/?period=week&board={public.slug}").content.decode()
    assert NAME.findall(html) == ["author"]
    assert f'value="{hidden.slug}"' not in html
    assert visitor.get(f"/leaderboards/?board={hidden.slug}").status_code == 404
    assert visitor.get(f"/leaderboards/?board={members_only.slug}").status_code == 404
    assert member.get(f"/leaderboards/?board={members_only.slug}").status_code == 200
    assert member.get(f"/leaderboards/?board={hidden.slug}").status_code == 404
    assert staff.get(f"/leaderboards/?board={hidden.slug}").status_code == 200
    assert visitor.get("/leaderboards/?board=no-such-board").status_code == 404
    page = leaderboard_page(period="week", board_id=public.pk)
    assert [(r.username, r.points) for r in page.rows] == [("author", 5)]
    assert leaderboard_page(period="week", board_id=SITE_WIDE).rows[0].points == 15
