"""The goal pages (/ops/goals/): who may see and change them, the form's errors, the charts'
data, the overview's strip, and the queries a page takes."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from hearth.core import roles
from hearth.goals.models import Goal, GoalSettings, TargetKind
from hearth.goals.services import goal_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


@pytest.fixture
def manager(make_staff: Callable[..., Any]) -> Any:
    return make_staff(roles.COMMUNITY_MANAGER, username="cm")


@pytest.fixture
def analyst(make_staff: Callable[..., Any]) -> Any:
    return make_staff(roles.ANALYST, username="ana")


def _goal(by: Any, name: str = "Replies +20%", **fields: Any) -> Goal:
    today = timezone.localdate()
    values: dict[str, Any] = {
        "name": name,
        "metric_key": "replies",
        "target_kind": TargetKind.ABSOLUTE,
        "target_value": 500.0,
        "period_start": today - dt.timedelta(days=10),
        "deadline": today + dt.timedelta(days=50),
        "baseline": 300.0,
        "owner": by,
        **fields,
    }
    return goal_create(by=by, **values)


def _form(**fields: str) -> dict[str, str]:
    today = timezone.localdate()
    return {
        "name": "DAU +30% this quarter",
        "metric_key": "dau",
        "filter": "",
        "target_kind": "relative",
        "target": "+30 %",
        "preset": "custom",
        "period_start": (today - dt.timedelta(days=5)).isoformat(),
        "deadline": (today + dt.timedelta(days=60)).isoformat(),
        "baseline": "120",
        "owner": "",
        "description": "",
        **fields,
    }


def test_analyst_reads_the_goals_but_cannot_change_them(
    analyst: Any, manager: Any, login: Callable[[Any], Client]
) -> None:
    goal = _goal(manager)
    client = login(analyst)
    listing = client.get(reverse("cockpit:goals"))
    assert listing.status_code == 200
    assert goal.name in listing.content.decode()
    assert 'data-testid="goal-new"' not in listing.content.decode()
    detail = client.get(reverse("cockpit:goal", args=[goal.pk]))
    assert detail.status_code == 200
    assert 'data-testid="goal-edit"' not in detail.content.decode()
    assert client.get(reverse("cockpit:goal_settings")).status_code == 200
    assert client.get(reverse("cockpit:goal_new")).status_code == 403
    assert client.post(reverse("cockpit:goal_new"), _form()).status_code == 403
    assert client.post(reverse("cockpit:goal_edit", args=[goal.pk]), _form()).status_code == 403
    assert client.post(reverse("cockpit:goal_archive", args=[goal.pk])).status_code == 403
    settings_post = client.post(
        reverse("cockpit:goal_settings"), {"on_track_at": "90", "at_risk_below": "50"}
    )
    assert settings_post.status_code == 403
    assert Goal.objects.filter(archived=False).count() == 1
    assert GoalSettings.load().on_track_at == pytest.approx(0.95)


@pytest.mark.parametrize("role", [roles.MODERATOR, roles.CONTENT_EDITOR])
def test_roles_without_analytics_or_goals_get_403(
    role: str, make_staff: Callable[..., Any], login: Callable[[Any], Client]
) -> None:
    client = login(make_staff(role))
    assert client.get(reverse("cockpit:goals")).status_code == 403


def test_visitor_goes_to_log_in(login: Callable[[Any], Client]) -> None:
    response = login(None).get(reverse("cockpit:goals"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_manager_creates_a_relative_goal(manager: Any, login: Callable[[Any], Client]) -> None:
    client = login(manager)
    assert client.get(reverse("cockpit:goal_new")).status_code == 200
    response = client.post(reverse("cockpit:goal_new"), _form(owner=str(manager.pk)))
    goal = Goal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cockpit:goal", args=[goal.pk])
    assert goal.target_kind == TargetKind.RELATIVE
    assert goal.target_value == pytest.approx(0.3)  # "+30 %" entered as a percentage
    assert goal.baseline == pytest.approx(120)
    assert goal.baseline_edited
    assert goal.target == pytest.approx(156)
    assert goal.owner == manager
    assert goal.created_by == manager


def test_preset_this_quarter_sets_the_dates(manager: Any, login: Callable[[Any], Client]) -> None:
    response = login(manager).post(
        reverse("cockpit:goal_new"),
        _form(preset="this_quarter", period_start="", deadline=""),
    )
    assert response.status_code == 302
    goal = Goal.objects.get()
    today = timezone.localdate()
    first_month = 3 * ((today.month - 1) // 3) + 1
    assert goal.period_start == dt.date(today.year, first_month, 1)
    assert goal.deadline.month == first_month + 2
    assert (goal.deadline + dt.timedelta(days=1)).day == 1  # the quarter's last day


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"target_kind": "absolute", "target": "120"}, "target", "equals the baseline"),
        ({"target": "thirty"}, "target", "Enter a number"),
        ({"target": "0"}, "target", "change of 0"),
        ({"deadline": "2020-01-31", "period_start": "2020-01-01"}, "deadline", "in the past"),
        ({"metric_key": "no_such_metric"}, "metric_key", "Select a valid choice"),
        ({"preset": "custom", "deadline": ""}, "deadline", "Choose a date"),
        ({"name": ""}, "name", "required"),
    ],
)
def test_bad_input_is_shown_on_its_field_and_kept(
    fields: dict[str, str],
    field: str,
    message: str,
    manager: Any,
    login: Callable[[Any], Client],
) -> None:
    response = login(manager).post(reverse("cockpit:goal_new"), _form(**fields))
    assert response.status_code == 400
    assert not Goal.objects.exists()
    form = response.context["form"]
    assert any(message in error for error in form.errors[field]), form.errors
    html = response.content.decode()
    assert 'data-testid="form-errors"' in html
    if fields.get("name", "x"):
        assert 'value="' + _form(**fields)["name"] + '"' in html  # the input is kept


def test_edit_keeps_the_goal_and_shows_the_relative_target_as_percent(
    manager: Any, login: Callable[[Any], Client]
) -> None:
    goal = _goal(manager, target_kind=TargetKind.RELATIVE, target_value=0.25, baseline=80.0)
    client = login(manager)
    page = client.get(reverse("cockpit:goal_edit", args=[goal.pk]))
    assert page.context["form"]["target"].value() == "25"
    response = client.post(
        reverse("cockpit:goal_edit", args=[goal.pk]),
        _form(
            name="Replies up",
            metric_key="replies",
            target="40",
            baseline="80",
            period_start=goal.period_start.isoformat(),
            deadline=goal.deadline.isoformat(),
        ),
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.name == "Replies up"
    assert goal.target == pytest.approx(112)


def test_archive_moves_the_goal_behind_the_toggle(
    manager: Any, login: Callable[[Any], Client]
) -> None:
    goal = _goal(manager)
    client = login(manager)
    assert client.post(reverse("cockpit:goal_archive", args=[goal.pk])).status_code == 302
    live = client.get(reverse("cockpit:goals")).content.decode()
    archived = client.get(reverse("cockpit:goals") + "?archived=1").content.decode()
    assert goal.name not in live
    assert goal.name in archived


def test_detail_charts_the_goal(manager: Any, login: Callable[[Any], Client]) -> None:
    goal = _goal(manager)
    response = login(manager).get(reverse("cockpit:goal", args=[goal.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    data = json.loads(
        html.split('id="goal-chart-data" type="application/json">', 1)[1].split("<")[0]
    )
    total = (goal.deadline - goal.period_start).days + 1
    assert len(data["days"]) == total
    assert len(data["expected"]) == len(data["forecast"]) == total
    assert data["target"] == 500
    assert data["baseline"] == 300
    assert 'id="goal-chart"' in html
    assert "vendor/echarts/echarts.min.js" in html
    assert 'data-testid="goal-status"' in html


def test_settings_page_saves_thresholds_as_percentages(
    manager: Any, login: Callable[[Any], Client]
) -> None:
    client = login(manager)
    page = client.get(reverse("cockpit:goal_settings")).content.decode()
    assert "An attainment of 95" in page
    response = client.post(
        reverse("cockpit:goal_settings"), {"on_track_at": "90", "at_risk_below": "60"}
    )
    assert response.status_code == 302
    current = GoalSettings.load()
    assert current.on_track_at == pytest.approx(0.9)
    assert current.at_risk_below == pytest.approx(0.6)
    refused = client.post(
        reverse("cockpit:goal_settings"), {"on_track_at": "50", "at_risk_below": "80"}
    )
    assert refused.status_code == 400
    assert GoalSettings.load().on_track_at == pytest.approx(0.9)


def test_baseline_suggestion_fragment(manager: Any, login: Callable[[Any], Client]) -> None:
    client = login(manager)
    today = timezone.localdate()
    response = client.get(
        reverse("cockpit:goal_baseline"),
        {
            "metric_key": "replies",
            "preset": "custom",
            "period_start": today.isoformat(),
            "deadline": (today + dt.timedelta(days=30)).isoformat(),
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Suggested baseline: 0" in response.content.decode()  # no replies before: 0
    assert client.get(reverse("cockpit:goal_baseline")).content.decode().strip() == ""


def test_overview_shows_the_live_goals_first(
    manager: Any, make_staff: Callable[..., Any], login: Callable[[Any], Client]
) -> None:
    goal = _goal(manager)
    _goal(manager, name="Old goal").__class__.objects.filter(name="Old goal").update(archived=True)
    html = login(manager).get(reverse("cockpit:home")).content.decode()
    strip = html.split('data-testid="goal-strip"', 1)[1].split('data-testid="kpis"', 1)[0]
    assert goal.name in strip
    assert "Old goal" not in strip
    moderator = login(make_staff(roles.MODERATOR)).get(reverse("cockpit:home")).content.decode()
    assert 'data-testid="goal-strip"' not in moderator  # no goals for who may not see them


def test_list_queries_do_not_grow_with_goals(
    manager: Any, login: Callable[[Any], Client], django_assert_max_num_queries: Any
) -> None:
    client = login(manager)
    _goal(manager)
    client.get(reverse("cockpit:goals"))  # warm the session and the brand cache
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("cockpit:goals"))
    for n in range(4):
        _goal(manager, name=f"Goal {n}", filter_kind="channel", filter_value="wechat")
    with django_assert_max_num_queries(len(few.captured_queries) + 1):
        response = client.get(reverse("cockpit:goals"))
    assert response.content.decode().count('class="card goal-card"') == 5


def test_a_goal_with_a_problem_says_so(manager: Any, login: Callable[[Any], Client]) -> None:
    goal = _goal(manager)
    Goal.objects.filter(pk=goal.pk).update(problem="The metric replies2 no longer exists.")
    client = login(manager)
    for url in (reverse("cockpit:goals"), reverse("cockpit:goal", args=[goal.pk])):
        html = client.get(url).content.decode()
        assert 'data-testid="goal-problem"' in html
        assert "no longer exists" in html
