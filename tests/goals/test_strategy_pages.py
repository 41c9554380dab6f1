"""The strategy page by role: analysts read, community managers edit; bad input is explained."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hearth.core import roles
from hearth.goals.models import (
    Competitor,
    CompetitorFigure,
    ContentMixTarget,
    Initiative,
    Positioning,
    StrategyAim,
)

STRATEGY = reverse("cockpit:strategy")


@pytest.fixture
def manager(make_staff: Callable[..., Any], login: Callable[..., Client]) -> Client:
    return login(make_staff(roles.COMMUNITY_MANAGER))


@pytest.fixture
def analyst(make_staff: Callable[..., Any], login: Callable[..., Client]) -> Client:
    return login(make_staff(roles.ANALYST))


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (roles.ADMIN, 200),
        (roles.COMMUNITY_MANAGER, 200),
        (roles.ANALYST, 200),
        (roles.CONTENT_EDITOR, 403),
        (roles.MODERATOR, 403),
    ],
)
def test_who_may_open_the_strategy_page(
    role: str, status: int, make_staff: Callable[..., Any], login: Callable[..., Client]
) -> None:
    assert login(make_staff(role)).get(STRATEGY).status_code == status


def test_visitors_log_in_and_members_are_refused(
    make_member: Callable[..., Any], login: Callable[..., Client]
) -> None:
    assert login(None).get(STRATEGY).status_code == 302
    assert login(make_member()).get(STRATEGY).status_code == 403


def test_an_analyst_reads_but_cannot_edit(analyst: Client, make_board: Callable[..., Any]) -> None:
    board = make_board()
    rival = Competitor.objects.create(name="Rival")
    html = analyst.get(STRATEGY).content.decode()
    assert 'data-testid="strategy-content-mix"' in html
    assert 'data-testid="positioning-form"' not in html
    assert 'data-testid="aim-form"' not in html
    posts = [
        (reverse("cockpit:strategy_positioning"), {"statement": "x"}),
        (reverse("cockpit:strategy_aim_new"), {"title": "x"}),
        (reverse("cockpit:strategy_mix", args=[board.pk]), {"ugc_share": "50"}),
        (reverse("cockpit:competitor_new"), {"name": "x"}),
        (reverse("cockpit:competitor_figure", args=[rival.pk]), {"day": "2026-01-01"}),
    ]
    for url, data in posts:
        assert analyst.post(url, data).status_code == 403, url
    assert analyst.get(reverse("cockpit:competitor", args=[rival.pk])).status_code == 200
    assert not StrategyAim.objects.exists()


def test_a_manager_sets_the_positioning_and_aims(manager: Client) -> None:
    response = manager.post(
        reverse("cockpit:strategy_positioning"),
        {"statement": "The home of Chinese AI practitioners", "audience": "engineers"},
    )
    assert response.status_code == 302
    assert Positioning.load().statement == "The home of Chinese AI practitioners"
    manager.post(reverse("cockpit:strategy_aim_new"), {"title": "Best-known community"})
    manager.post(reverse("cockpit:strategy_aim_new"), {"title": "100k members"})
    second = StrategyAim.objects.get(title="100k members")
    manager.post(reverse("cockpit:strategy_aim_move", args=[second.pk]), {"direction": "up"})
    assert list(StrategyAim.objects.values_list("title", flat=True)) == [
        "100k members",
        "Best-known community",
    ]
    html = manager.get(STRATEGY).content.decode()
    assert "The home of Chinese AI practitioners" in html
    assert html.index("100k members") < html.index("Best-known community")
    edit = reverse("cockpit:strategy_aim", args=[second.pk])
    assert manager.post(edit, {"title": ""}).status_code == 400
    manager.post(edit, {"title": "200k members", "horizon": "2027-12-31"})
    second.refresh_from_db()
    assert (second.title, second.horizon) == ("200k members", dt.date(2027, 12, 31))
    manager.post(reverse("cockpit:strategy_aim_delete", args=[second.pk]))
    assert not StrategyAim.objects.filter(pk=second.pk).exists()


def test_an_empty_aim_is_refused_and_the_form_kept(manager: Client) -> None:
    response = manager.post(
        reverse("cockpit:strategy_aim_new"), {"title": "", "detail": "kept detail"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required." in html
    assert "kept detail" in html


def test_content_targets_and_the_gap(manager: Client, make_board: Callable[..., Any]) -> None:
    board = make_board(name="AI 讨论区")
    url = reverse("cockpit:strategy_mix", args=[board.pk])
    assert manager.post(url, {"ugc_share": "72.5", "note": "members first"}).status_code == 302
    assert ContentMixTarget.objects.get(board=board).ugc_share == pytest.approx(0.725)
    bad = manager.post(url, {"ugc_share": "140", "note": "typed"})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "between 0% and 100%" in html
    assert 'value="140' in html  # the input is kept
    assert ContentMixTarget.objects.get(board=board).ugc_share == pytest.approx(0.725)
    page = manager.get(STRATEGY).content.decode()
    assert 'value="72.5"' in page


def test_competitors_and_their_figures(manager: Client) -> None:
    response = manager.post(reverse("cockpit:competitor_new"), {"name": "Rival"})
    rival = Competitor.objects.get(name="Rival")
    assert response["Location"] == reverse("cockpit:competitor", args=[rival.pk])
    duplicate = manager.post(reverse("cockpit:competitor_new"), {"name": "rival"})
    assert duplicate.status_code == 400
    assert "There is already a competitor named rival." in duplicate.content.decode()
    url = reverse("cockpit:competitor_figure", args=[rival.pk])
    today = timezone.localdate()
    day = (today - dt.timedelta(days=3)).isoformat()
    future = (today + dt.timedelta(days=1)).isoformat()
    negative = manager.post(url, {"day": day, "members": "-3", "source": "kept"})
    assert negative.status_code == 400
    assert "A count cannot be negative." in negative.content.decode()
    assert 'value="kept"' in negative.content.decode()
    ahead = manager.post(url, {"day": future, "members": "3"})
    assert f"The day {future} is in the future." in ahead.content.decode()
    assert manager.post(url, {"day": day, "members": "1200", "posts": "50"}).status_code == 302
    again = manager.post(url, {"day": day, "members": "1300"})
    assert again.status_code == 400
    assert f"Figures for Rival on {day} are already recorded." in again.content.decode()
    assert CompetitorFigure.objects.get().members == 1200
    page = manager.get(reverse("cockpit:competitor", args=[rival.pk])).content.decode()
    assert 'data-testid="chart-members"' in page
    assert "Our community" in page
    strategy = manager.get(STRATEGY).content.decode()
    assert 'id="chart-members-data"' in strategy


def test_the_boards_plan_lists_board_initiatives_only(
    analyst: Client, make_board: Callable[..., Any]
) -> None:
    Initiative.objects.create(
        name="Open the AI board", kind="board_open", board_name="AI", rationale="demand",
        start_date=dt.date(2026, 1, 1),
    )  # fmt: skip
    Initiative.objects.create(name="Photo contest", start_date=dt.date(2026, 1, 1))
    html = analyst.get(STRATEGY).content.decode()
    plan = html.split('data-testid="strategy-boards-plan"', 1)[1].split("</section>", 1)[0]
    assert "Open the AI board" in plan
    assert "demand" in plan
    assert "Photo contest" not in plan
    assert "?kind=board_open" not in plan  # analysts plan nothing
