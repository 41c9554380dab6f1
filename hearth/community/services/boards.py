"""Board services: create, edit, moderators, order. Used by the cockpit and the API."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.community import permissions
from hearth.community.models import Board, PostingPolicy, Visibility
from hearth.core.slugs import pinyin_slug

NAME_MAX = 40
SLUG_MAX = 50
DESCRIPTION_MAX = 500
ICON_MAX = 8
POSITION_MAX = 32_767
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


def _others(qs: QuerySet[Board], exclude_pk: int | None) -> QuerySet[Board]:
    return qs if exclude_pk is None else qs.exclude(pk=exclude_pk)


def board_slug_suggest(*, name: str, exclude_pk: int | None = None) -> str:
    """A free URL slug for ``name``: Chinese written in pinyin (人工智能 → ren-gong-zhi-neng)."""
    base = pinyin_slug(name, max_length=SLUG_MAX - 4) or "board"
    taken = set(
        _others(Board.objects.filter(slug__startswith=base), exclude_pk).values_list(
            "slug", flat=True
        )
    )
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


class _Invalid(Exception):
    """One field's value is wrong; carries the message for that field."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _check_name(value: Any, exclude_pk: int | None) -> str:
    name = " ".join(str(value or "").split())
    if not name:
        raise _Invalid(_("Give the board a name."))
    if len(name) > NAME_MAX:
        raise _Invalid(
            _("The name is %(n)d characters long; at most %(max)d are allowed.")
            % {"n": len(name), "max": NAME_MAX}
        )
    if _others(Board.objects.filter(name__iexact=name), exclude_pk).exists():
        raise _Invalid(_("A board named “%(name)s” already exists.") % {"name": name})
    return name


def _check_slug(value: Any, exclude_pk: int | None) -> str:
    slug = str(value or "").strip().lower()
    if len(slug) > SLUG_MAX:
        raise _Invalid(_("The slug can be at most %(max)d characters long.") % {"max": SLUG_MAX})
    if not _SLUG_RE.match(slug):
        raise _Invalid(
            _("Use only lowercase letters, digits and hyphens in the slug, e.g. “ai-lab”.")
        )
    other = _others(Board.objects.filter(slug=slug), exclude_pk).first()
    if other is not None:
        raise _Invalid(
            _("The slug “%(slug)s” is already used by the board “%(board)s”.")
            % {"slug": slug, "board": other.name}
        )
    return slug


def _check_description(value: Any, exclude_pk: int | None) -> str:
    description = str(value or "").strip()
    if len(description) > DESCRIPTION_MAX:
        raise _Invalid(
            _("The description is %(n)d characters long; at most %(max)d are allowed.")
            % {"n": len(description), "max": DESCRIPTION_MAX}
        )
    return description


def _check_colour(value: Any, exclude_pk: int | None) -> str:
    colour = str(value or "").strip().lower()
    if not _COLOUR_RE.match(colour):
        raise _Invalid(_("Enter a colour as #RRGGBB, e.g. #4263eb."))
    return colour


def _check_icon(value: Any, exclude_pk: int | None) -> str:
    icon = str(value or "").strip()
    if len(icon) > ICON_MAX:
        raise _Invalid(_("Use one emoji as the icon."))
    return icon


def _check_position(value: Any, exclude_pk: int | None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= POSITION_MAX:
        raise _Invalid(_("The order is a whole number from 0 to %(max)d.") % {"max": POSITION_MAX})
    return int(value)


def _check_visibility(value: Any, exclude_pk: int | None) -> str:
    if value not in Visibility.values:
        raise _Invalid(_("Choose who can see the board."))
    return str(value)


def _check_posting(value: Any, exclude_pk: int | None) -> str:
    if value not in PostingPolicy.values:
        raise _Invalid(_("Choose who may post in the board."))
    return str(value)


_CHECKS: dict[str, Callable[[Any, int | None], Any]] = {
    "name": _check_name,
    "slug": _check_slug,
    "description": _check_description,
    "colour": _check_colour,
    "icon": _check_icon,
    "position": _check_position,
    "visibility": _check_visibility,
    "posting": _check_posting,
}


def _check_fields(fields: dict[str, Any], *, exclude_pk: int | None) -> dict[str, Any]:
    """Validate and normalise the given board fields; raise one error naming every bad field.

    An empty slug next to a valid name becomes the name's suggested slug.
    """
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "slug" and not str(value or "").strip():
            continue
        try:
            clean[name] = _CHECKS[name](value, exclude_pk)
        except _Invalid as invalid:
            errors[name] = invalid.message
    if "slug" in fields and "slug" not in clean and "slug" not in errors:
        if "name" in clean:
            clean["slug"] = board_slug_suggest(name=clean["name"], exclude_pk=exclude_pk)
        elif "name" not in errors:
            errors["slug"] = _("Give the board a slug.")
    if errors:
        raise ValidationError(errors)
    return clean


def _require_manager(actor: User) -> None:
    if not permissions.can_manage_boards(actor):
        raise PermissionDenied(_("You cannot manage boards."))


def _save(board: Board) -> None:
    try:
        with transaction.atomic():
            board.save()
    except IntegrityError as exc:  # a concurrent save took the name or slug
        raise ValidationError(
            {"slug": _("This name or slug was just taken by another board; choose another.")}
        ) from exc


@transaction.atomic
def board_create(
    *,
    actor: User,
    name: str,
    slug: str = "",
    description: str = "",
    colour: str = "#4263eb",
    icon: str = "",
    position: int | None = None,
    visibility: str = Visibility.PUBLIC,
    posting: str = PostingPolicy.MEMBERS,
    moderators: Sequence[User] = (),
) -> Board:
    """Open a new board. An empty slug is made from the name (pinyin for Chinese)."""
    _require_manager(actor)
    if position is None:
        top = Board.objects.aggregate(top=Max("position"))["top"]
        position = 0 if top is None else min(top + 1, POSITION_MAX)
    clean = _check_fields(
        {
            "name": name,
            "slug": slug,
            "description": description,
            "colour": colour,
            "icon": icon,
            "position": position,
            "visibility": visibility,
            "posting": posting,
        },
        exclude_pk=None,
    )
    board = Board(**clean)
    _save(board)
    if moderators:
        board.moderators.set(moderators)
    return board


@transaction.atomic
def board_update(*, actor: User, board: Board, **fields: Any) -> Board:
    """Change a board's settings (any of name, slug, description, colour, icon, position,
    visibility, posting)."""
    _require_manager(actor)
    unknown = set(fields) - set(_CHECKS)
    if unknown:
        raise ValidationError(_("Unknown board fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    clean = _check_fields(fields, exclude_pk=board.pk)
    for name, value in clean.items():
        setattr(board, name, value)
    _save(board)
    return board


@transaction.atomic
def board_set_moderators(*, actor: User, board: Board, moderators: Sequence[User]) -> Board:
    """Make exactly ``moderators`` the board's moderators."""
    _require_manager(actor)
    inactive = [m.username for m in moderators if not m.is_active]
    if inactive:
        raise ValidationError(
            {
                "moderators": _("These accounts are deactivated: %(names)s")
                % {"names": ", ".join(inactive)}
            }
        )
    board.moderators.set(moderators)
    return board


@transaction.atomic
def boards_reorder(*, actor: User, board_ids: Sequence[int]) -> None:
    """Put the boards in the given order; boards not listed keep their place after them."""
    _require_manager(actor)
    listed = list(dict.fromkeys(board_ids))
    boards = {b.pk: b for b in Board.objects.select_for_update()}
    missing = [pk for pk in listed if pk not in boards]
    if missing:
        raise ValidationError(_("Unknown board ids: %(ids)s") % {"ids": missing})
    rest = [
        pk for pk in sorted(boards, key=lambda pk: (boards[pk].position, pk)) if pk not in listed
    ]
    changed = []
    for index, pk in enumerate(listed + rest):
        if boards[pk].position != index:
            boards[pk].position = index
            changed.append(boards[pk])
    Board.objects.bulk_update(changed, ["position"])


def board_move(*, actor: User, board: Board, offset: int) -> None:
    """Move a board ``offset`` places up (negative) or down (positive) in the order."""
    ids = list(Board.objects.order_by("position", "id").values_list("id", flat=True))
    index = ids.index(board.pk)
    target = max(0, min(len(ids) - 1, index + offset))
    ids.insert(target, ids.pop(index))
    boards_reorder(actor=actor, board_ids=ids)
