"""Initiatives: each wrong input is refused on its field; board plans are checked by kind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from hearth.goals.initiatives.services import (
    InitiativeInput,
    initiative_create,
    initiative_update,
)
from hearth.goals.models import InitiativeKind

START = dt.date(2026, 3, 1)


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def errors_of(data: InitiativeInput, actor: Any) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        initiative_create(actor=actor, data=data)
    return caught.value.message_dict


@pytest.fixture
def actor(staff_member: Any) -> Any:
    return staff_member


def test_a_plan_item_is_created_with_its_links(actor: Any, make_board: Callable[..., Any]) -> None:
    board = make_board()
    data = InitiativeInput(
        name=" Monthly photo contest ",
        kind=InitiativeKind.PLAN,
        start_date=START,
        end_date=START + dt.timedelta(days=30),
        board_ids=(board.pk,),
        owner_id=actor.pk,
        merge_into_id=board.pk,  # ignored: only merges keep a target
    )
    created = initiative_create(actor=actor, data=data)
    assert created.name == "Monthly photo contest"
    assert list(created.boards.all()) == [board]
    assert created.merge_into is None
    assert created.owner == actor
    assert created.created_by == actor


def test_the_end_before_the_start_is_refused(actor: Any) -> None:
    data = InitiativeInput(
        name="x", kind=InitiativeKind.PLAN, start_date=START, end_date=START - dt.timedelta(days=1)
    )
    assert errors_of(data, actor) == {"end_date": ["The end is before the start."]}


def test_opening_a_board_needs_its_name(actor: Any) -> None:
    data = InitiativeInput(name="Open AI", kind=InitiativeKind.BOARD_OPEN, start_date=START)
    assert errors_of(data, actor) == {"board_name": ["Opening a board needs the new board's name."]}
    created = initiative_create(actor=actor, data=replace(data, board_name="AI 讨论区"))
    assert created.board_name == "AI 讨论区"


def test_closing_a_board_needs_the_board(actor: Any) -> None:
    data = InitiativeInput(name="Close", kind=InitiativeKind.BOARD_CLOSE, start_date=START)
    assert errors_of(data, actor) == {"boards": ["Closing a board needs the board to close."]}


def test_a_merge_needs_a_target_other_than_the_merged_boards(
    actor: Any, make_board: Callable[..., Any]
) -> None:
    a, b = make_board(), make_board()
    data = InitiativeInput(
        name="Merge", kind=InitiativeKind.BOARD_MERGE, start_date=START, board_ids=(a.pk,)
    )
    assert errors_of(data, actor) == {"merge_into": ["Merging needs the board to merge into."]}
    same = replace(data, merge_into_id=a.pk)
    assert errors_of(same, actor) == {
        "merge_into": ["The board to merge into must differ from the boards merged into it."]
    }
    assert errors_of(replace(data, board_ids=(), merge_into_id=b.pk), actor) == {
        "boards": ["Merging needs the boards to merge."]
    }
    created = initiative_create(actor=actor, data=replace(data, merge_into_id=b.pk))
    assert created.merge_into == b


def test_vanished_links_and_a_blank_name_are_refused(actor: Any) -> None:
    data = InitiativeInput(
        name="  ",
        kind=InitiativeKind.PLAN,
        start_date=START,
        board_ids=(999_999,),
        goal_ids=(999_999,),
        owner_id=999_999,
    )
    errors = errors_of(data, actor)
    assert set(errors) == {"name", "boards", "goals", "owner"}


def test_an_update_is_checked_too(actor: Any) -> None:
    data = InitiativeInput(name="Plan", kind=InitiativeKind.PLAN, start_date=START)
    created = initiative_create(actor=actor, data=data)
    with pytest.raises(ValidationError):
        initiative_update(
            actor=actor, initiative=created, data=replace(data, kind=InitiativeKind.BOARD_OPEN)
        )
    updated = initiative_update(
        actor=actor, initiative=created, data=replace(data, status="active", name="Plan 2")
    )
    updated.refresh_from_db()
    assert (updated.name, updated.status) == ("Plan 2", "active")
