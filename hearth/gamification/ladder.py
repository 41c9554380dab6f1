"""Validation of a proposed level ladder, shared by the editor's preview and save."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MIN_LEVELS = 2
MAX_LEVELS = 20
NAME_MAX = 30

LadderRows = Sequence[tuple[str, int]]


def _threshold_errors(levels: list[tuple[str, object]]) -> list[str]:
    errors: list[str] = []
    previous: int | None = None
    for number, (_name, threshold) in enumerate(levels, start=1):
        if not isinstance(threshold, int) or isinstance(threshold, bool):
            errors.append(_("Level %(n)d: the threshold must be a whole number.") % {"n": number})
            previous = None
            continue
        if threshold < 0:
            errors.append(_("Level %(n)d: the threshold cannot be negative.") % {"n": number})
        elif number == 1 and threshold != 0:
            errors.append(_("The first level must start at 0 points."))
        elif previous is not None and threshold <= previous:
            errors.append(
                _("Level %(n)d: the threshold must be higher than the level before it (%(prev)d).")
                % {"n": number, "prev": previous}
            )
        previous = threshold
    return errors


def _name_errors(levels: list[tuple[str, object]]) -> list[str]:
    errors: list[str] = []
    seen: set[str] = set()
    for number, (name, _threshold) in enumerate(levels, start=1):
        if not name:
            errors.append(_("Level %(n)d needs a name.") % {"n": number})
        elif len(name) > NAME_MAX:
            errors.append(
                _("Level %(n)d: the name can have at most %(max)d characters.")
                % {"n": number, "max": NAME_MAX}
            )
        elif name in seen:
            errors.append(
                _("Level %(n)d: the name “%(name)s” is used twice.") % {"n": number, "name": name}
            )
        seen.add(name)
    return errors


def ladder_check(levels: LadderRows) -> list[tuple[str, int]]:
    """The ladder with names stripped, or ValidationError keyed by ``levels``/``name``/``threshold``."""
    rows: list[tuple[str, object]] = [(str(name).strip(), value) for name, value in levels]
    errors: dict[str, list[str]] = {}
    if not MIN_LEVELS <= len(rows) <= MAX_LEVELS:
        errors["levels"] = [
            _("A ladder has between %(min)d and %(max)d levels.")
            % {"min": MIN_LEVELS, "max": MAX_LEVELS}
        ]
    if name_errors := _name_errors(rows):
        errors["name"] = name_errors
    if threshold_errors := _threshold_errors(rows):
        errors["threshold"] = threshold_errors
    if errors:
        raise ValidationError(errors)
    return [(name, value) for name, value in rows if isinstance(value, int)]
