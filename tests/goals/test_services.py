"""Goal services on real data: baselines from the comparable period, refusals, notifications.

The data: replies on the activity log, 2 a day from 02-19 to 02-28 (the comparable period
of a 10-day goal from 03-01 to 03-10: baseline 20) and 3 a day from 03-01 to 03-07.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from hearth.accounts.models import User
from hearth.goals import services
from hearth.goals.models import Goal, GoalDay, GoalSettings
from hearth.goals.services import (
    baseline_suggest,
    goal_archive,
    goal_create,
    goal_recompute,
    goal_settings_update,
    goal_update,
)
from hearth.notifications.models import Notification
from tests.goals.goal_data import D, plant

TODAY = "2026-03-08"


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    """The community's today is 03-08 (the services' only clock)."""
    monkeypatch.setattr(services, "community_today", lambda: D(TODAY))


@pytest.fixture
def replies(make_member: Callable[..., Any], frozen: None) -> User:
    author = make_member("writer")
    plant(author, "2026-02-19", "2026-02-28", 2)
    plant(author, "2026-03-01", "2026-03-07", 3)
    return author


@pytest.fixture
def manager(make_staff: Callable[..., Any]) -> User:
    return make_staff("community_manager", username="manager")


def create(by: User, **over: Any) -> Goal:
    fields: dict[str, Any] = {
        "name": "Replies +50 %",
        "metric_key": "replies",
        "target_kind": "relative",
        "target_value": 0.5,
        "period_start": D("2026-03-01"),
        "deadline": D("2026-03-10"),
    }
    fields.update(over)
    return goal_create(by=by, **fields)


def test_baseline_is_the_comparable_period(replies: User) -> None:
    assert (
        baseline_suggest(
            metric_key="replies", period_start=D("2026-03-01"), deadline=D("2026-03-10")
        )
        == 20
    )
    # a 5-day goal compares with 02-24…02-28: 10
    assert (
        baseline_suggest(
            metric_key="replies", period_start=D("2026-03-01"), deadline=D("2026-03-05")
        )
        == 10
    )


def test_create_computes_at_once(replies: User, manager: User) -> None:
    goal = create(manager, owner=manager)
    assert goal.baseline == 20
    assert not goal.baseline_edited
    assert goal.target == pytest.approx(30.0)
    assert goal.actual == 21  # 7 complete days × 3
    assert goal.expected == pytest.approx(21.0)  # 30 × 7/10
    assert goal.forecast == pytest.approx(30.0)  # 3 a day for the 3 days left
    assert goal.status == "on_track"  # attainment (30 − 20) / (30 − 20) = 1
    assert goal.computed_on == D(TODAY)
    day = GoalDay.objects.get(goal=goal)
    assert (day.day, day.actual, day.status) == (D(TODAY), 21, "on_track")
    assert not Notification.objects.exists()  # a new goal's first status is no change


def test_a_baseline_entered_by_hand_is_kept(replies: User, manager: User) -> None:
    goal = create(manager, baseline=15.0)
    assert (goal.baseline, goal.baseline_edited, goal.target) == (15.0, True, 22.5)
    goal = goal_update(goal=goal, by=manager, name="Replies up")
    assert goal.baseline == 15.0
    goal = goal_update(goal=goal, by=manager, baseline=None)  # back to the suggestion
    assert (goal.baseline, goal.baseline_edited) == (20, False)


def test_status_change_notifies_the_owner(replies: User, manager: User, make_member: Any) -> None:
    owner = make_member("owner")
    goal = create(manager, owner=owner)
    assert goal.status == "on_track"
    # 03-08 passes with no reply: 3 3 3 3 3 3 3 0 → slope −0.25, intercept 3.5;
    # days 8, 9 left (middle 8.5): 21 + 2 × 1.375 = 23.75; attainment 3.75 / 10 → at risk
    goal = goal_recompute(goal=goal, today=D("2026-03-09"))
    assert goal.forecast == pytest.approx(23.75)
    assert goal.status == "at_risk"
    note = Notification.objects.get(recipient=owner)
    assert note.verb == "system"
    assert "Replies +50 %" in note.text
    assert f"/goals/{goal.pk}/" in note.text
    with translation.override("en"):
        recomputed = goal_recompute(goal=goal, today=D("2026-03-09"))  # same status: no notice
    assert recomputed.status == "at_risk"
    assert Notification.objects.count() == 1
    assert GoalDay.objects.filter(goal=goal).count() == 2  # one per day, 03-08 and 03-09


def test_notice_names_the_status_in_english(replies: User, manager: User, make_member: Any) -> None:
    owner = make_member("owner")
    goal = create(manager, owner=owner)
    with translation.override("en"):
        goal_recompute(goal=goal, today=D("2026-03-09"))
    assert "At risk" in Notification.objects.get(recipient=owner).text


def test_a_deleted_custom_metric_sets_a_problem_and_keeps_the_figures(
    replies: User, manager: User
) -> None:
    from hearth.analytics.metrics import custom_metric_create
    from hearth.analytics.models import CustomMetric

    custom_metric_create(key="answers", name="Answers", numerator="reply", unit="events")
    goal = create(manager, metric_key="answers")
    assert (goal.baseline, goal.actual, goal.problem) == (20, 21, "")
    CustomMetric.objects.filter(key="answers").delete()
    with translation.override("en"):
        goal = goal_recompute(goal=goal, today=D("2026-03-09"))
    assert "Unknown metric" in goal.problem
    assert "answers" in goal.problem
    goal.refresh_from_db()
    assert (goal.actual, goal.status, goal.computed_on) == (21, "on_track", D(TODAY))


def refused(**over: Any) -> dict[str, list[str]]:
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        create(User.objects.get(username="manager"), **over)
    assert not Goal.objects.exists()
    return caught.value.message_dict


@pytest.mark.usefixtures("replies", "manager")
@pytest.mark.parametrize(
    ("over", "field", "words"),
    [
        ({"target_value": 0}, "target_value", "equal to the baseline"),
        ({"target_kind": "absolute", "target_value": 20}, "target_value", "equals the baseline"),
        ({"deadline": D("2026-03-07")}, "deadline", "in the past"),
        (
            {"period_start": D("2026-03-20"), "deadline": D("2026-03-20")},
            "deadline",
            "after the start",
        ),
        ({"metric_key": "gone"}, "metric_key", "Unknown metric"),
        ({"filter_kind": "board", "filter_value": "999"}, "filter_value", "no board"),
        ({"filter_kind": "segment", "filter_value": "999"}, "filter_value", "no segment"),
        ({"filter_kind": "channel", "filter_value": "nowhere"}, "filter_value", "no channel"),
        ({"filter_kind": "board", "filter_value": ""}, "filter_value", "Choose the board"),
        ({"filter_value": "3"}, "filter_value", "needs a filter"),
        ({"name": "  "}, "name", "name"),
    ],
)
def test_bad_input_is_refused(over: dict[str, Any], field: str, words: str) -> None:
    errors = refused(**over)
    assert words in " ".join(errors[field])


def test_a_relative_target_needs_a_baseline_other_than_zero(frozen: None, manager: User) -> None:
    errors = refused()  # no reply at all: the comparable period sums to 0
    assert "absolute target" in " ".join(errors["target_kind"])


def test_an_old_goal_can_still_be_edited(replies: User, manager: User) -> None:
    goal = create(manager)
    Goal.objects.filter(pk=goal.pk).update(deadline=D("2026-03-05"))  # as if time had passed
    goal.refresh_from_db()
    assert goal_update(goal=goal, by=manager, name="Renamed").name == "Renamed"
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        goal_update(goal=goal, by=manager, deadline=D("2026-03-06"))
    assert "in the past" in caught.value.message_dict["deadline"][0]
    with pytest.raises(TypeError, match="status"):
        goal_update(goal=goal, by=manager, status="achieved")


def test_archive(replies: User, manager: User) -> None:
    goal = goal_archive(goal=create(manager), by=manager)
    assert Goal.objects.get(pk=goal.pk).archived


def test_thresholds(replies: User, manager: User) -> None:
    goal = create(manager, target_kind="absolute", target_value=31.0)
    # forecast 30 of 31 from 20: 10 / 11 = 0.909 → behind with the defaults
    assert goal.status == "behind"
    goal_settings_update(by=manager, on_track_at=0.9, at_risk_below=0.5)
    goal.refresh_from_db()
    assert goal.status == "on_track"
    assert GoalSettings.load().on_track_at == 0.9
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        goal_settings_update(by=manager, on_track_at=0.8, at_risk_below=0.9)
    assert "lower than" in caught.value.message_dict["at_risk_below"][0]
    with pytest.raises(ValidationError) as caught:
        goal_settings_update(by=manager, on_track_at=2.5, at_risk_below=0.5)
    assert "on_track_at" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        goal_settings_update(by=manager, on_track_at=0.9, at_risk_below=0)
    assert "at_risk_below" in caught.value.message_dict
    assert GoalSettings.load().at_risk_below == 0.5  # refused: unchanged


def test_a_goal_filtered_by_board_counts_that_board_only(
    replies: User, manager: User, make_board: Callable[..., Any]
) -> None:
    board = make_board(name="AI")
    plant(replies, "2026-02-19", "2026-02-28", 1, board_id=board.pk)  # 10 before
    plant(replies, "2026-03-01", "2026-03-07", 2, board_id=board.pk)  # 14 so far
    goal = create(manager, filter_kind="board", filter_value=str(board.pk))
    # baseline 10, target 15; 2 a day for the 3 days left: 14 + 6 = 20 → on track
    assert (goal.baseline, goal.target, goal.actual) == (10, 15, 14)
    assert goal.forecast == pytest.approx(20.0)
    assert goal.status == "on_track"
    assert goal.problem == ""
    whole = create(manager)  # the whole community: the board's replies count too
    assert (whole.baseline, whole.actual) == (30, 35)


def test_a_goal_whose_board_is_gone_gets_a_problem(
    replies: User, manager: User, make_board: Callable[..., Any]
) -> None:
    board = make_board(name="Closed")
    goal = create(manager, filter_kind="board", filter_value=str(board.pk), baseline=5.0)
    figures = (goal.actual, goal.status)
    board.delete()
    goal = goal_recompute(goal=goal, today=D("2026-03-09"))
    assert goal.problem
    goal.refresh_from_db()
    assert goal.problem
    assert (goal.actual, goal.status, goal.computed_on) == (*figures, D(TODAY))


def test_a_channel_a_member_carries_is_a_known_filter(
    replies: User, manager: User, make_member: Callable[..., Any]
) -> None:
    make_member("fromseo", channel="seo")
    goal = create(manager, filter_kind="channel", filter_value="seo", baseline=5.0)
    assert goal.problem == ""
    assert goal.actual == 0  # the writer came from no channel
