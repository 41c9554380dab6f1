"""Validation of a proposed level ladder and its privileges, shared by the editor's preview and save.

A ladder is a sequence of :class:`LevelDraft` rows, lowest level first; plain
``(name, threshold)`` tuples are accepted too and mean a level without
privileges. :func:`ladder_check` trusts nothing about the values (they may come
straight from a form): every problem is reported, each with its row number,
and an error on any row means the whole ladder is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hearth.gamification.models import Badge

MIN_LEVELS = 2
MAX_LEVELS = 20
NAME_MAX = 30
THRESHOLD_MAX = 1_000_000_000
DAILY_POST_LIMIT_MAX = 10_000
INVITE_CODES_MAX = 1_000
EARLY_HOURS_MAX = 720  # 30 days


@dataclass(frozen=True, kw_only=True)
class LevelDraft:
    """One proposed level: its name, the lifetime points it needs, and its privileges (权益)."""

    name: str
    threshold: int
    post_restricted: bool = False
    upload_images: bool = False
    daily_post_limit: int | None = None  # topics + replies per day; None: no limit
    custom_title: bool = False
    invite_codes: int = 0  # per month
    badge_id: int | None = None  # the level's exclusive badge
    event_early_hours: int = 0


LadderRow = LevelDraft | tuple[str, int]
LadderRows = Sequence[LadderRow]

Errors = dict[str, list[ValidationError]]


def level_draft(row: LadderRow) -> LevelDraft:
    """A draft for a row given as a draft or as a ``(name, threshold)`` tuple."""
    if isinstance(row, LevelDraft):
        return row
    name, threshold = row
    return LevelDraft(name=name, threshold=threshold)


def _add(errors: Errors, field: str, message: str, **params: object) -> None:
    """Record ``message`` for ``field`` of row ``params["n"]`` (1-based), kept in ``params["row"]``.

    The message is formatted by ValidationError itself, so names with ``%`` are safe.
    """
    errors.setdefault(field, []).append(
        ValidationError(message, code=field, params={"row": params["n"], **params})
    )


def _check_thresholds(drafts: list[LevelDraft], errors: Errors) -> None:
    previous: int | None = None
    for n, draft in enumerate(drafts, start=1):
        threshold: object = draft.threshold
        if not isinstance(threshold, int) or isinstance(threshold, bool):
            _add(errors, "threshold", _("Level %(n)d: the threshold must be a whole number."), n=n)
            previous = None
            continue
        if threshold < 0:
            _add(errors, "threshold", _("Level %(n)d: the threshold cannot be negative."), n=n)
        elif threshold > THRESHOLD_MAX:
            message = _("Level %(n)d: the threshold can be at most %(max)d points.")
            _add(errors, "threshold", message, n=n, max=THRESHOLD_MAX)
        elif n == 1 and threshold != 0:
            _add(errors, "threshold", _("The first level must start at 0 points."), n=n)
        elif previous is not None and threshold <= previous:
            message = _(
                "Level %(n)d: the threshold must be higher than the level before it (%(prev)d)."
            )
            _add(errors, "threshold", message, n=n, prev=previous)
        previous = threshold


def _check_names(drafts: list[LevelDraft], errors: Errors) -> None:
    seen: set[str] = set()
    for n, draft in enumerate(drafts, start=1):
        name = draft.name
        if not name:
            _add(errors, "name", _("Level %(n)d needs a name."), n=n)
        elif len(name) > NAME_MAX:
            message = _("Level %(n)d: the name can have at most %(max)d characters.")
            _add(errors, "name", message, n=n, max=NAME_MAX)
        elif name in seen:
            _add(
                errors, "name", _("Level %(n)d: the name “%(name)s” is used twice."), n=n, name=name
            )
        seen.add(name)


def _check_count(errors: Errors, field: str, n: int, value: object, maximum: int) -> None:
    """A privilege counted in whole numbers from 0 to ``maximum``."""
    labels = {
        "daily_post_limit": _("the daily posting limit"),
        "invite_codes": _("the invite codes per month"),
        "event_early_hours": _("the early registration hours"),
    }
    what = labels[field]
    if not isinstance(value, int) or isinstance(value, bool):
        _add(errors, field, _("Level %(n)d: %(what)s must be a whole number."), n=n, what=what)
    elif value < 0:
        _add(errors, field, _("Level %(n)d: %(what)s cannot be negative."), n=n, what=what)
    elif value > maximum:
        message = _("Level %(n)d: %(what)s can be at most %(max)d.")
        _add(errors, field, message, n=n, what=what, max=maximum)


def _check_privileges(drafts: list[LevelDraft], errors: Errors) -> None:
    for n, draft in enumerate(drafts, start=1):
        if draft.daily_post_limit is not None:
            _check_count(
                errors, "daily_post_limit", n, draft.daily_post_limit, DAILY_POST_LIMIT_MAX
            )
        _check_count(errors, "invite_codes", n, draft.invite_codes, INVITE_CODES_MAX)
        _check_count(errors, "event_early_hours", n, draft.event_early_hours, EARLY_HOURS_MAX)


def _check_badges(drafts: list[LevelDraft], errors: Errors) -> None:
    """Exclusive badges exist and belong to one level each: one query, none without badges."""
    wanted = {d.badge_id for d in drafts if isinstance(d.badge_id, int)}
    known = (
        set(Badge.objects.filter(pk__in=wanted).values_list("pk", flat=True)) if wanted else set()
    )
    owner: dict[int, int] = {}
    for n, draft in enumerate(drafts, start=1):
        badge_id: object = draft.badge_id
        if badge_id is None:
            continue
        if not isinstance(badge_id, int) or badge_id not in known:
            _add(errors, "badge", _("Level %(n)d: there is no such badge."), n=n)
        elif badge_id in owner:
            message = _("Level %(n)d: this badge is already the exclusive badge of level %(m)d.")
            _add(errors, "badge", message, n=n, m=owner[badge_id])
        else:
            owner[badge_id] = n


def ladder_check(levels: LadderRows) -> list[LevelDraft]:
    """The ladder with names stripped, or ValidationError keyed by field.

    The keys are ``levels`` (how many rows), ``name``, ``threshold``,
    ``daily_post_limit``, ``invite_codes``, ``event_early_hours`` and
    ``badge``; each message names its level, and carries the 1-based row
    number in ``params["row"]`` so an editor can mark the cell.
    """
    drafts = [replace(d, name=str(d.name).strip()) for d in map(level_draft, levels)]
    errors: Errors = {}
    if not MIN_LEVELS <= len(drafts) <= MAX_LEVELS:
        message = _("A ladder has between %(min)d and %(max)d levels.")
        errors["levels"] = [
            ValidationError(message % {"min": MIN_LEVELS, "max": MAX_LEVELS}, code="levels")
        ]
    _check_names(drafts, errors)
    _check_thresholds(drafts, errors)
    _check_privileges(drafts, errors)
    _check_badges(drafts, errors)
    if errors:
        raise ValidationError(dict(errors))
    return drafts
