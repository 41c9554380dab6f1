"""Boards managed in the cockpit: open, edit, moderators, order, slugs from pinyin."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from hearth.community.models import Board
from hearth.community.services.boards import (
    board_create,
    board_slug_suggest,
    board_update,
    boards_reorder,
)
from hearth.core import roles

FORM = {
    "name": "人工智能",
    "slug": "",
    "description": "聊聊大模型与机器学习",
    "colour": "#7048e8",
    "icon": "🤖",
    "position": "",
    "visibility": "public",
    "posting": "members",
    "moderators": "",
}


@pytest.fixture
def manager(make_staff: Callable[..., Any]) -> Any:
    return make_staff(roles.COMMUNITY_MANAGER)


def test_slug_is_suggested_in_pinyin(db: None, make_board: Callable[..., Any]) -> None:
    assert board_slug_suggest(name="人工智能") == "ren-gong-zhi-neng"
    assert board_slug_suggest(name="AI 讨论区") == "ai-tao-lun-qu"
    assert board_slug_suggest(name="Gadgets & Phones") == "gadgets-phones"
    assert board_slug_suggest(name="🎉") == "board"
    make_board(name="旧的", slug="ren-gong-zhi-neng")
    assert board_slug_suggest(name="人工智能") == "ren-gong-zhi-neng-2"


def test_open_a_board_with_an_empty_slug_uses_pinyin(
    manager: Any, make_member: Callable[..., Any], login: Any
) -> None:
    make_member("xiaoming")
    make_member("Lily")
    response = login(manager).post(
        reverse("cockpit:board_new"), {**FORM, "moderators": "xiaoming, @lily"}
    )
    assert response.status_code == 302
    board = Board.objects.get(name="人工智能")
    assert board.slug == "ren-gong-zhi-neng"
    assert (board.colour, board.icon, board.description) == (
        "#7048e8",
        "🤖",
        "聊聊大模型与机器学习",
    )
    assert sorted(board.moderators.values_list("username", flat=True)) == ["Lily", "xiaoming"]
    listing = login(manager).get(reverse("cockpit:boards")).content.decode()
    row = listing.split('data-board="ren-gong-zhi-neng"', 1)[1].split("</tr>", 1)[0]
    assert "@xiaoming" in row
    assert "Everyone" in row
    assert "Any member" in row


def test_slug_suggestion_endpoint_for_the_live_hint(manager: Any, login: Any) -> None:
    response = login(manager).get(reverse("cockpit:board_slug"), {"name": "数码产品"})
    assert response.content.decode() == "shu-ma-chan-pin"
    form = login(manager).get(reverse("cockpit:board_new")).content.decode()
    assert f'hx-get="{reverse("cockpit:board_slug")}"' in form


def test_duplicate_slug_is_refused_and_the_form_keeps_the_input(
    manager: Any, make_board: Callable[..., Any], login: Any
) -> None:
    make_board(name="Artificial intelligence", slug="ai")
    response = login(manager).post(reverse("cockpit:board_new"), {**FORM, "slug": "ai"})
    assert response.status_code == 400
    html = response.content.decode()
    slug_field = html.split('data-field="slug"', 1)[1].split('data-field="description"', 1)[0]
    assert "already used by the board “Artificial intelligence”" in slug_field
    assert 'value="人工智能"' in html
    assert "聊聊大模型与机器学习" in html
    assert not Board.objects.filter(name="人工智能").exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required"),
        ({"slug": "AI Lab!"}, "slug", "lowercase letters"),
        ({"colour": "purple"}, "colour", "#RRGGBB"),
        ({"moderators": "ghost, nobody"}, "moderators", "ghost, nobody"),
        ({"visibility": "secret"}, "visibility", "Select a valid choice"),
        ({"position": "-1"}, "position", "greater than or equal to 0"),
    ],
)
def test_bad_board_input_gets_a_clear_error(
    change: dict[str, str], field: str, message: str, manager: Any, login: Any
) -> None:
    response = login(manager).post(reverse("cockpit:board_new"), {**FORM, **change})
    assert response.status_code == 400
    html = response.content.decode()
    part = html.split(f'data-field="{field}"', 1)[1].split("data-field=", 1)[0]
    assert message in part
    assert "聊聊大模型与机器学习" in html
    assert Board.objects.count() == 0


def test_duplicate_name_is_refused(manager: Any, make_board: Callable[..., Any]) -> None:
    make_board(name="人工智能", slug="ai")
    with pytest.raises(ValidationError) as info:
        board_create(actor=manager, name=" 人工智能 ")
    assert "already exists" in info.value.message_dict["name"][0]


def test_edit_a_board(
    manager: Any, make_board: Callable[..., Any], make_member: Callable[..., Any], login: Any
) -> None:
    board = make_board(name="闲聊", slug="chat")
    old_mod, new_mod = make_member("oldmod"), make_member("newmod")
    board.moderators.add(old_mod)
    client = login(manager)
    form = client.get(reverse("cockpit:board_edit", args=[board.pk])).content.decode()
    assert 'value="chat"' in form
    assert "oldmod" in form
    response = client.post(
        reverse("cockpit:board_edit", args=[board.pk]),
        {
            **FORM,
            "name": "灌水区",
            "slug": "chat",
            "visibility": "members",
            "posting": "moderators",
            "position": "5",
            "moderators": "newmod",
        },
    )
    assert response.status_code == 302
    board.refresh_from_db()
    assert (board.name, board.slug, board.visibility, board.posting, board.position) == (
        "灌水区",
        "chat",
        "members",
        "moderators",
        5,
    )
    assert list(board.moderators.all()) == [new_mod]


def test_edit_refuses_another_boards_slug_and_changes_nothing(
    manager: Any, make_board: Callable[..., Any], login: Any
) -> None:
    make_board(name="数码", slug="gadgets")
    board = make_board(name="闲聊", slug="chat")
    response = login(manager).post(
        reverse("cockpit:board_edit", args=[board.pk]),
        {**FORM, "name": "新名字", "slug": "gadgets"},
    )
    assert response.status_code == 400
    assert 'value="新名字"' in response.content.decode()
    board.refresh_from_db()
    assert (board.name, board.slug) == ("闲聊", "chat")


def test_boards_move_up_and_down(manager: Any, make_board: Callable[..., Any], login: Any) -> None:
    a, b, c = (make_board(name=n, slug=n.lower(), position=i) for i, n in enumerate("ABC"))
    client = login(manager)
    client.post(reverse("cockpit:board_move", args=[c.pk]), {"direction": "up"})
    assert list(Board.objects.values_list("slug", flat=True)) == ["a", "c", "b"]
    client.post(reverse("cockpit:board_move", args=[a.pk]), {"direction": "down"})
    assert list(Board.objects.values_list("slug", flat=True)) == ["c", "a", "b"]
    boards_reorder(actor=manager, board_ids=[b.pk])
    assert list(Board.objects.values_list("slug", flat=True)) == ["b", "c", "a"]
    assert list(Board.objects.values_list("position", flat=True)) == [0, 1, 2]


def test_new_board_goes_last(manager: Any, make_board: Callable[..., Any]) -> None:
    make_board(position=7)
    assert board_create(actor=manager, name="新板块").position == 8


def test_only_board_managers_may_change_boards(
    make_staff: Callable[..., Any], make_board: Callable[..., Any]
) -> None:
    editor = make_staff(roles.CONTENT_EDITOR)
    board = make_board(name="闲聊", slug="chat")
    with pytest.raises(PermissionDenied):
        board_create(actor=editor, name="偷偷开的")
    with pytest.raises(PermissionDenied):
        board_update(actor=editor, board=board, name="改掉")
    with pytest.raises(PermissionDenied):
        boards_reorder(actor=editor, board_ids=[board.pk])
    assert Board.objects.get().name == "闲聊"
