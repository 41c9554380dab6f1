"""Writes of initiatives: create and update, each checked first (``initiative_check``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.community.models import Board
from hearth.goals.models import Goal, Initiative, InitiativeKind, InitiativeStatus


@dataclass(frozen=True)
class InitiativeInput:
    """An initiative as typed in the form, before it is checked."""

    name: str
    kind: str
    start_date: dt.date
    end_date: dt.date | None = None
    status: str = InitiativeStatus.PLANNED
    description: str = ""
    rationale: str = ""
    goal_ids: tuple[int, ...] = field(default=())
    board_ids: tuple[int, ...] = field(default=())
    board_name: str = ""
    merge_into_id: int | None = None
    owner_id: int | None = None


def _kind_errors(data: InitiativeInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.kind == InitiativeKind.BOARD_OPEN and not data.board_name.strip():
        errors["board_name"] = _("Opening a board needs the new board's name.")
    if data.kind == InitiativeKind.BOARD_CLOSE and not data.board_ids:
        errors["boards"] = _("Closing a board needs the board to close.")
    if data.kind == InitiativeKind.BOARD_MERGE:
        if not data.board_ids:
            errors["boards"] = _("Merging needs the boards to merge.")
        if data.merge_into_id is None:
            errors["merge_into"] = _("Merging needs the board to merge into.")
        elif data.merge_into_id in data.board_ids:
            errors["merge_into"] = _(
                "The board to merge into must differ from the boards merged into it."
            )
    return errors


def initiative_check(data: InitiativeInput) -> None:
    """Raise a ``ValidationError`` naming each field that is wrong."""
    errors: dict[str, str] = {}
    if not data.name.strip():
        errors["name"] = _("Give the initiative a name.")
    if data.kind not in InitiativeKind.values:
        errors["kind"] = _("Unknown type: %(kind)s.") % {"kind": data.kind}
    if data.status not in InitiativeStatus.values:
        errors["status"] = _("Unknown status: %(status)s.") % {"status": data.status}
    if data.end_date is not None and data.end_date < data.start_date:
        errors["end_date"] = _("The end is before the start.")
    errors.update(_kind_errors(data))
    boards = set(data.board_ids) | ({data.merge_into_id} if data.merge_into_id else set())
    if Board.objects.filter(pk__in=boards).count() != len(boards):
        errors.setdefault("boards", _("A chosen board no longer exists."))
    if Goal.objects.filter(pk__in=set(data.goal_ids)).count() != len(set(data.goal_ids)):
        errors["goals"] = _("A chosen goal no longer exists.")
    if data.owner_id is not None and not User.objects.filter(pk=data.owner_id).exists():
        errors["owner"] = _("The chosen owner no longer exists.")
    if errors:
        raise ValidationError(errors)


def _apply(initiative: Initiative, data: InitiativeInput) -> Initiative:
    initiative.name = data.name.strip()
    initiative.kind = data.kind
    initiative.description = data.description.strip()
    initiative.rationale = data.rationale.strip()
    initiative.board_name = (
        data.board_name.strip() if data.kind == InitiativeKind.BOARD_OPEN else ""
    )
    merging = data.kind == InitiativeKind.BOARD_MERGE
    initiative.merge_into_id = data.merge_into_id if merging else None
    initiative.owner_id = data.owner_id
    initiative.start_date = data.start_date
    initiative.end_date = data.end_date
    initiative.status = data.status
    initiative.save()
    initiative.goals.set(data.goal_ids)
    initiative.boards.set(data.board_ids)
    return initiative


@transaction.atomic
def initiative_create(*, actor: User, data: InitiativeInput) -> Initiative:
    initiative_check(data)
    return _apply(Initiative(created_by=actor), data)


@transaction.atomic
def initiative_update(*, actor: User, initiative: Initiative, data: InitiativeInput) -> Initiative:
    initiative_check(data)
    return _apply(initiative, data)
