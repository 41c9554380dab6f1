"""The member's checklist page and the home page card."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from hearth.community import services as community
from hearth.growth.models import OnboardingProgress

pytestmark = pytest.mark.django_db


def _client(member: Any) -> Client:
    client = Client()
    client.force_login(member)
    return client


def test_the_checklist_shows_steps_points_and_boards(make_member: Any, make_board: Any) -> None:
    photo = make_board(name="摄影", slug="photo")
    make_board(name="跑步", slug="run")
    followed = make_board(name="厨房", slug="cook")
    member = make_member("newbie", interests=["摄影"])
    community.board_follow(member=member, board=followed)
    page = _client(member).get("/welcome/")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('data-step="') == 6
    assert "+3" in html
    assert 'data-board="photo"' in html
    assert 'data-board="cook"' not in html
    assert html.index('data-board="photo"') < html.index('data-board="run"')
    assert f"/b/{photo.slug}/follow/" in html


def test_ticking_interests_saves_them(make_member: Any, make_board: Any) -> None:
    make_board(name="摄影", slug="photo")
    make_board(name="跑步", slug="run")
    member = make_member("picker")
    response = _client(member).post("/welcome/", {"onb-interests": ["跑步"]})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.interests == ["跑步"]
    bad = _client(member).post("/welcome/", {"onb-interests": ["<script>"]})
    assert bad.status_code == 200  # not a choice: the form says so, nothing crashes
    member.refresh_from_db()
    assert member.interests == ["跑步"]


def test_an_older_member_without_a_row_gets_one(make_member: Any) -> None:
    member = make_member("old")
    OnboardingProgress.objects.filter(member=member).delete()
    assert _client(member).get("/welcome/").status_code == 200
    assert OnboardingProgress.objects.filter(member=member).exists()


def test_the_home_card_for_recent_members_until_dismissed(make_member: Any) -> None:
    member = make_member("fresh")
    client = _client(member)
    assert 'data-testid="onboarding-card"' in client.get("/").content.decode()
    assert client.post("/welcome/dismiss/", HTTP_HX_REQUEST="true").content == b""
    assert 'data-testid="onboarding-card"' not in client.get("/").content.decode()
    assert client.get("/welcome/").status_code == 200  # the page stays


def test_no_card_for_older_or_finished_members(make_member: Any) -> None:
    older = make_member("older")
    type(older).objects.filter(pk=older.pk).update(
        date_joined=timezone.now() - dt.timedelta(days=40)
    )
    assert 'data-testid="onboarding-card"' not in _client(older).get("/").content.decode()
    done = make_member("done")
    OnboardingProgress.objects.filter(member=done).update(completed_at=timezone.now())
    assert 'data-testid="onboarding-card"' not in _client(done).get("/").content.decode()
    assert 'data-testid="onboarding-card"' not in Client().get("/").content.decode()


def test_visitors_are_sent_to_log_in(db: None) -> None:
    assert Client().get("/welcome/").status_code == 302
    assert Client().post("/welcome/dismiss/").status_code == 302
