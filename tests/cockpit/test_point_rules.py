"""The point rules editor: every action's rule, board overrides, restore defaults; all or nothing."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from hearth.core import roles
from hearth.gamification.actions import PointAction
from hearth.gamification.defaults import point_rules_reset, point_rules_restore_defaults
from hearth.gamification.models import PointRule, PointRuleBoardOverride
from hearth.gamification.services import point_rule_set, point_rule_update
from tests.cockpit.points_roles import MANAGES_POINTS

LIST_URL = "/ops/engagement/points/"
RESTORE_URL = "/ops/engagement/points/restore/"


def edit_url(action: str) -> str:
    return f"/ops/engagement/points/{action}/"


@pytest.fixture(autouse=True)
def _default_rules(db: None) -> None:
    point_rules_restore_defaults()


@pytest.fixture
def manager(make_staff: Callable[..., Any]) -> Any:
    return make_staff(roles.COMMUNITY_MANAGER, username="lan")


def rules_now() -> list[tuple[Any, ...]]:
    return list(
        PointRule.objects.order_by("action").values_list(
            "action", "points", "cycle", "cap", "no_repeat_target", "floor", "active"
        )
    )


def overrides_now() -> list[tuple[str, int, int]]:
    return list(
        PointRuleBoardOverride.objects.order_by("rule__action", "board_id").values_list(
            "rule__action", "board_id", "points"
        )
    )


def form(overrides: Sequence[tuple[object, object]] = (), **fields: object) -> dict[str, Any]:
    data: dict[str, Any] = {
        "points": "5",
        "cycle": "daily",
        "cap": "10",
        "floor": "",
        "active": "on",
        "row": [str(i) for i in range(len(overrides))],
    }
    for i, (board, points) in enumerate(overrides):
        data[f"board-{i}"] = str(board)
        data[f"board_points-{i}"] = str(points)
    data.update({k: str(v) for k, v in fields.items()})
    return data


def test_the_list_shows_every_action_with_its_rule(
    manager: Any, make_board: Callable[..., Any], login: Any
) -> None:
    board = make_board()
    point_rule_set(
        action="topic_created", points=8, cycle="daily", cap=3, board_points={board.pk: 12}
    )
    html = login(manager).get(LIST_URL).content.decode()
    table = html.split('data-testid="rules-table"', 1)[1].split("</table>", 1)[0]
    assert table.count("data-action=") == len(PointAction.values)
    for value, label in PointAction.choices:
        assert f'data-action="{value}"' in table
        assert str(label) in table
    topic = table.split('data-action="topic_created"', 1)[1].split("</tr>", 1)[0]
    assert "+8" in topic
    assert "Daily" in topic
    assert 'data-overrides="1"' in topic
    penalty = table.split('data-action="report_upheld_against"', 1)[1].split("</tr>", 1)[0]
    assert "−20" in penalty
    assert 'data-testid="member-search"' in html


def test_an_action_without_a_rule_is_listed_as_earning_nothing(manager: Any, login: Any) -> None:
    PointRule.objects.filter(action="like_given").delete()  # e.g. a rule never created
    html = login(manager).get(LIST_URL).content.decode()
    row = html.split('data-action="like_given"', 1)[1].split("</tr>", 1)[0]
    assert "No rule: this action earns nothing." in row
    assert login(manager).get(edit_url("like_given")).status_code == 200


def test_edit_a_rule_with_board_overrides(
    manager: Any, make_board: Callable[..., Any], login: Any
) -> None:
    ai, photo = make_board(name="人工智能"), make_board(name="摄影")
    client = login(manager)
    page = client.get(edit_url("reply_created")).content.decode()
    assert 'name="points"' in page
    assert "No overrides: the rule's points apply in every board." in page
    response = client.post(
        edit_url("reply_created"),
        form([(ai.pk, 4), (photo.pk, -1)], points=3, cycle="hourly", cap=5, no_repeat_target="on"),
    )
    assert response.status_code == 302
    rule = PointRule.objects.get(action="reply_created")
    assert (rule.points, rule.cycle, rule.cap, rule.no_repeat_target, rule.active) == (
        3,
        "hourly",
        5,
        True,
        True,
    )
    assert overrides_now() == [("reply_created", ai.pk, 4), ("reply_created", photo.pk, -1)]
    assert "Rule “Reply published” saved." in client.get(LIST_URL).content.decode()
    again = client.get(edit_url("reply_created")).content.decode()
    assert f'<option value="{ai.pk}" selected>' in again
    assert 'name="board_points-1" id="board_points-1" value="-1"' in again


def test_saving_without_override_rows_removes_the_overrides(
    manager: Any, make_board: Callable[..., Any], login: Any
) -> None:
    board = make_board()
    point_rule_set(action="topic_created", points=5, cycle="daily", board_points={board.pk: 9})
    response = login(manager).post(edit_url("topic_created"), form(active=""))
    assert response.status_code == 302
    assert overrides_now() == []
    assert PointRule.objects.get(action="topic_created").active is False


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"cap": "-1"}, "The cap must be zero or more (leave it empty for no cap)."),
        ({"points": "1000000"}, "Points must lie between -100000 and 100000."),
        ({"points": "lots"}, "Enter a whole number."),
        ({"cycle": "weekly"}, "Choose a cycle: once, daily, hourly or unlimited."),
        ({"floor": "-99999999"}, "The floor must lie between -1000000 and 1000000."),
    ],
)
def test_a_bad_rule_is_refused_with_its_message_and_nothing_changes(
    fields: dict[str, str],
    message: str,
    manager: Any,
    make_board: Callable[..., Any],
    login: Any,
) -> None:
    board = make_board()
    point_rule_set(
        action="topic_created", points=5, cycle="daily", cap=10, board_points={board.pk: 9}
    )
    before_rules, before_overrides = rules_now(), overrides_now()
    response = login(manager).post(edit_url("topic_created"), form([(board.pk, 20)], **fields))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'data-testid="form-errors"' in html
    assert rules_now() == before_rules
    assert overrides_now() == before_overrides


def test_an_unknown_board_is_refused_and_the_rule_is_not_saved_half_way(
    manager: Any, make_board: Callable[..., Any], login: Any
) -> None:
    board = make_board()
    point_rule_set(
        action="topic_created", points=5, cycle="daily", cap=10, board_points={board.pk: 9}
    )
    before_rules, before_overrides = rules_now(), overrides_now()
    response = login(manager).post(
        edit_url("topic_created"), form([(board.pk, 20), (999_999, 3)], points=50)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is no board with the id 999999." in html
    assert "Unknown board (999999)" in html  # the typed row is kept
    assert 'value="50"' in html
    assert rules_now() == before_rules
    assert overrides_now() == before_overrides


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ([("same", 3), ("same", 4)], "Override 2: this board already has an override."),
        ([("", 3)], "Override 1: choose a board."),
        ([("board", "x")], "Override 1: the points must be a whole number."),
    ],
)
def test_unreadable_override_rows_are_refused(
    overrides: list[tuple[str, object]],
    message: str,
    manager: Any,
    make_board: Callable[..., Any],
    login: Any,
) -> None:
    board = make_board()
    rows = [(board.pk if b in {"same", "board"} else b, p) for b, p in overrides]
    before_rules, before_overrides = rules_now(), overrides_now()
    response = login(manager).post(edit_url("topic_created"), form(rows, points=77))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (rules_now(), overrides_now()) == (before_rules, before_overrides)


def test_the_service_saves_rule_and_overrides_in_one_transaction(
    make_board: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    board = make_board()
    point_rule_set(action="topic_created", points=5, cycle="daily", board_points={board.pk: 9})
    before_rules, before_overrides = rules_now(), overrides_now()

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(PointRuleBoardOverride.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        point_rule_set(action="topic_created", points=50, cycle="daily", board_points={board.pk: 1})
    assert (rules_now(), overrides_now()) == (before_rules, before_overrides)


def test_an_unknown_action_answers_404_and_a_post_to_it_is_refused(
    manager: Any, login: Any
) -> None:
    client = login(manager)
    assert client.get(edit_url("teleported")).status_code == 404
    before = rules_now()
    response = client.post(edit_url("teleported"), form())
    assert response.status_code == 400
    assert "Unknown action: teleported." in response.content.decode()
    assert rules_now() == before
    assert not PointRule.objects.filter(action="teleported").exists()


def test_add_and_remove_override_rows_save_nothing(
    manager: Any, make_board: Callable[..., Any], login: Any
) -> None:
    board = make_board()
    client = login(manager)
    before = rules_now()
    added = client.post(edit_url("topic_created"), form([(board.pk, 3)], points=42, op="add"))
    html = added.content.decode()
    assert html.count('name="row"') == 2
    assert 'value="42"' in html
    assert f'<option value="{board.pk}" selected>{board.name}</option>' in html
    assert 'name="board-1" id="board-1"' in html
    removed = client.post(edit_url("topic_created"), form([(board.pk, 3)], remove="0"))
    assert removed.content.decode().count('name="row"') == 0
    assert rules_now() == before
    assert overrides_now() == []


def test_restore_defaults_needs_the_confirmation(
    manager: Any, make_board: Callable[..., Any], login: Any
) -> None:
    board = make_board()
    defaults = rules_now()
    point_rule_set(action="topic_created", points=99, cycle="unlimited", board_points={board.pk: 1})
    client = login(manager)
    refused = client.post(RESTORE_URL, {})
    assert refused.status_code == 400
    assert "Tick the box to confirm" in refused.content.decode()
    assert PointRule.objects.get(action="topic_created").points == 99
    response = client.post(RESTORE_URL, {"confirm": "yes"})
    assert response.status_code == 302
    assert rules_now() == defaults
    assert overrides_now() == []


def test_only_rule_editors_may_use_the_services(make_staff: Callable[..., Any]) -> None:
    analyst = make_staff(roles.ANALYST)
    with pytest.raises(PermissionDenied):
        point_rule_update(
            actor=analyst, action="topic_created", points=1, cycle="daily", board_points={}
        )
    with pytest.raises(PermissionDenied):
        point_rules_reset(actor=analyst)
    assert PointRule.objects.get(action="topic_created").points == 5




@pytest.mark.parametrize(("role", "allowed"), list(MANAGES_POINTS.items()))
def test_who_may_edit_point_rules(
    role: str, allowed: bool, make_staff: Callable[..., Any], login: Any
) -> None:
    client = login(make_staff(role))
    expected = 200 if allowed else 403
    assert client.get(LIST_URL).status_code == expected
    assert client.get(edit_url("topic_created")).status_code == expected
    response = client.post(edit_url("topic_created"), form(points=33))
    assert response.status_code == (302 if allowed else 403)
    assert client.post(RESTORE_URL, {"confirm": "yes"}).status_code == (302 if allowed else 403)
    assert PointRule.objects.get(action="topic_created").points == 5  # restored, or never changed


def test_members_and_visitors_are_kept_out(make_member: Callable[..., Any], login: Any) -> None:
    assert login(make_member()).post(edit_url("topic_created"), form(points=1)).status_code == 403
    assert login(None).get(LIST_URL).status_code == 302
    assert PointRule.objects.get(action="topic_created").points == 5


def test_the_list_runs_a_fixed_number_of_queries(
    manager: Any, make_board: Callable[..., Any], login: Any, django_assert_max_num_queries: Any
) -> None:
    boards = [make_board() for _ in range(5)]
    client = login(manager)
    client.get(LIST_URL)
    with django_assert_max_num_queries(8):
        client.get(LIST_URL)
    for action in ("topic_created", "reply_created", "like_received"):
        point_rule_set(
            action=action, points=1, cycle="daily", board_points={b.pk: 2 for b in boards}
        )
    with django_assert_max_num_queries(8):
        client.get(LIST_URL)


@pytest.mark.parametrize(("role", "allowed"), list(MANAGES_POINTS.items()))
def test_the_navigation_links_the_points_pages_for_those_who_may_open_them(
    role: str, allowed: bool, make_staff: Callable[..., Any], login: Any
) -> None:
    client = login(make_staff(role))
    nav = client.get("/ops/").content.decode().split('data-testid="ops-nav"', 1)[1]
    nav = nav.split("</nav>", 1)[0]
    links = dict(re.findall(r'<a href="([^"]+)" data-nav="([^"]+)"', nav))
    ours = {key: href for href, key in links.items() if key in {"levels", "points", "ledger"}}
    assert set(ours) == ({"levels", "points", "ledger"} if allowed else set())
    assert "Levels &amp; points" not in nav  # the planned placeholder is gone
    for href in ours.values():
        assert client.get(href).status_code == 200


@pytest.mark.parametrize(
    "url", [LIST_URL, edit_url("topic_featured"), "/ops/engagement/members/?q=lan"]
)
def test_the_pages_render_in_simplified_chinese(url: str, manager: Any) -> None:
    from django.test import Client

    client = Client(headers={"accept-language": "zh-hans"})
    client.force_login(manager)
    response = client.get(url, follow=True)
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in response.content.decode()
