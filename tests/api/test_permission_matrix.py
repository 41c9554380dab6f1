"""Role × action through the API: the same answers as the permission functions."""

from __future__ import annotations

from typing import Any

import pytest

from hearth.api.selectors import board_list_visible
from hearth.community.models import Board
from hearth.community.permissions import can_view_board

from .conftest import Api

ROLES = ("anonymous", "member", "author", "staff")

# action → expected status per role (anonymous, member, author, staff)
MATRIX: dict[str, tuple[int, int, int, int]] = {
    "read public topic": (200, 200, 200, 200),
    "read members-board topic": (404, 200, 200, 200),
    "read staff-board topic": (404, 404, 404, 200),
    "start topic in public board": (401, 201, 201, 201),
    "start topic in staff-posting board": (401, 403, 403, 201),
    "start topic in staff board": (401, 422, 422, 201),
    "reply to public topic": (401, 201, 201, 201),
    "like public topic": (401, 201, 403, 201),
    "edit public topic": (401, 403, 200, 200),
    "share public topic": (401, 201, 201, 201),
}


@pytest.fixture
def world(
    alice: Any,
    staff_member: Any,
    public_board: Any,
    members_board: Any,
    staff_board: Any,
    make_board: Any,
    make_topic: Any,
) -> dict[str, Any]:
    make_board(name="News", slug="news", posting="staff")
    return {
        "public": make_topic(alice, public_board),
        "members": make_topic(alice, members_board),
        "staff": make_topic(staff_member, staff_board),
    }


def _call(api: Api, action: str, world: dict[str, Any]) -> int:
    public = world["public"].pk
    new = {"title": "A new topic", "body": "Some text."}
    calls = {
        "read public topic": lambda: api.get(f"/topics/{public}"),
        "read members-board topic": lambda: api.get(f"/topics/{world['members'].pk}"),
        "read staff-board topic": lambda: api.get(f"/topics/{world['staff'].pk}"),
        "start topic in public board": lambda: api.post("/topics", {"board": "gadgets", **new}),
        "start topic in staff-posting board": lambda: api.post("/topics", {"board": "news", **new}),
        "start topic in staff board": lambda: api.post("/topics", {"board": "staff-room", **new}),
        "reply to public topic": lambda: api.post(f"/topics/{public}/replies", {"body": "Hi"}),
        "like public topic": lambda: api.post(f"/topics/{public}/like"),
        "edit public topic": lambda: api.patch(f"/topics/{public}", {"title": "Edited"}),
        "share public topic": lambda: api.post(f"/topics/{public}/shares", {"channel": "qq"}),
    }
    status: int = calls[action]().status_code
    return status


@pytest.mark.parametrize("action", MATRIX)
def test_permission_matrix(
    action: str,
    world: dict[str, Any],
    anon: Api,
    api_as: Any,
    alice: Any,
    bob: Any,
    staff_member: Any,
) -> None:
    clients = {
        "anonymous": anon,
        "member": api_as(bob),
        "author": api_as(alice),
        "staff": api_as(staff_member),
    }
    got = tuple(_call(clients[role], action, world) for role in ROLES)
    assert got == MATRIX[action]


def test_board_lists_agree_with_can_view_board(
    alice: Any, staff_member: Any, public_board: Any, members_board: Any, staff_board: Any
) -> None:
    from django.contrib.auth.models import AnonymousUser

    for user in (AnonymousUser(), alice, staff_member):
        listed = set(board_list_visible(user=user))
        assert listed == {b for b in Board.objects.all() if can_view_board(user, b)}
