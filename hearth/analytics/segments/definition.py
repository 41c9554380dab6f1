"""A segment's definition: member attributes plus behaviour, validated, to and from JSON.

The JSON (``Segment.definition``) is what the builder saves::

    {"attributes": {"channel": ["seo"], "region": [], "age_band": [], "gender": [],
                    "level": []},
     "joined": {"from": "2026-10-01", "to": "2026-10-31"},  # or {"within_days": 30}
     "behaviour": [{"kind": "did_not", "action": "active", "days": 14}]}

* **Attributes** are the member's current ones (as the store's ``members``
  table holds them); a list keeps members with any of its values, an empty
  list does not filter. Channels and regions are free text; age bands,
  genders and levels must be known values.
* **Joined** dates (both optional, both included) cut the member's join day;
  ``within_days`` keeps those who joined in the last N days (relative, like
  behaviour windows).
* **Behaviour** rows: ``did`` — did ``action`` at least ``times`` times in the
  last ``days`` days (``days`` absent: ever); ``did_not`` — did not do it in
  the last ``days`` days (absent: never). ``action`` is a built-in action,
  ``active`` (the community's active set, where ``times`` counts active days)
  or a custom event name. "The last D days" are the D days ending on the day
  the segment is evaluated (today), in the community's time zone.

A definition must hold at least one condition: "every member" is not a segment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from hearth.accounts.models import AGE_BANDS, Gender
from hearth.analytics.definitions import ACTION_BITS, custom_name_valid
from hearth.analytics.queries.params import QueryError

ACTIVE = "active"  # the community's active-action set
KINDS = ("did", "did_not")
TEXT_ATTRIBUTES = ("channel", "region", "age_band", "gender")
ATTRIBUTES = (*TEXT_ATTRIBUTES, "level")
AGE_BAND_VALUES = frozenset(label for _low, _high, label in AGE_BANDS) | {""}
GENDER_VALUES = frozenset(value for value, _label in Gender.choices)
MAX_DAYS = 3660
MAX_TIMES = 100_000
MAX_VALUES = 200
MAX_ROWS = 10


class SegmentError(QueryError):
    """A definition that cannot be used, or a segment that cannot serve (the message says why)."""


@dataclass(frozen=True)
class Behaviour:
    """One behaviour condition (see the module's docstring)."""

    kind: str
    action: str
    times: int = 1
    days: int | None = None  # None: ever (did) / never (did_not)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise SegmentError(_("Unknown behaviour condition: %(k)s.") % {"k": self.kind})
        if not action_valid(self.action):
            raise SegmentError(
                _("Unknown action in a behaviour condition: %(a)s.") % {"a": self.action}
            )
        if self.days is not None and not 1 <= self.days <= MAX_DAYS:
            raise SegmentError(
                _("Behaviour: the number of days must be between 1 and %(n)d (given %(d)s).")
                % {"n": MAX_DAYS, "d": self.days}
            )
        if not 1 <= self.times <= MAX_TIMES:
            raise SegmentError(
                _("Behaviour: the number of times must be between 1 and %(n)d (given %(t)s).")
                % {"n": MAX_TIMES, "t": self.times}
            )

    def since(self, today: dt.date) -> dt.date | None:
        """The first day of the condition's window (None: all history)."""
        return None if self.days is None else today - dt.timedelta(days=self.days - 1)

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "action": self.action}
        if self.kind == "did":
            data["times"] = self.times
        if self.days is not None:
            data["days"] = self.days
        return data


@dataclass(frozen=True)
class SegmentDefinition:
    """Attributes (value lists; empty: any), join dates and behaviour rows, all ANDed."""

    channel: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    age_band: tuple[str, ...] = ()
    gender: tuple[str, ...] = ()
    level: tuple[int, ...] = ()
    joined_from: dt.date | None = None
    joined_to: dt.date | None = None
    joined_within: int | None = None  # joined in the last N days
    behaviour: tuple[Behaviour, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        for name in ATTRIBUTES:
            if len(getattr(self, name)) > MAX_VALUES:
                raise SegmentError(
                    _("%(field)s: choose at most %(n)d values.") % {"field": name, "n": MAX_VALUES}
                )
        _check_values("age_band", self.age_band, AGE_BAND_VALUES)
        _check_values("gender", self.gender, GENDER_VALUES)
        if any(level < 0 for level in self.level):
            raise SegmentError(_("level: a level is a position of 0 or more."))
        if self.joined_from and self.joined_to and self.joined_from > self.joined_to:
            raise SegmentError(
                _("Joined: the start date %(start)s is after the end date %(end)s.")
                % {"start": self.joined_from.isoformat(), "end": self.joined_to.isoformat()}
            )
        if self.joined_within is not None and not 1 <= self.joined_within <= MAX_DAYS:
            raise SegmentError(
                _("Joined: the number of days must be between 1 and %(n)d (given %(d)s).")
                % {"n": MAX_DAYS, "d": self.joined_within}
            )
        if len(self.behaviour) > MAX_ROWS:
            raise SegmentError(_("Behaviour: at most %(n)d conditions.") % {"n": MAX_ROWS})
        if not self.has_condition:
            raise SegmentError(
                _(
                    "A segment needs at least one condition: choose an attribute, a join date "
                    "or a behaviour."
                )
            )

    @property
    def has_condition(self) -> bool:
        return bool(
            any(getattr(self, name) for name in ATTRIBUTES)
            or self.joined_from
            or self.joined_to
            or self.joined_within
            or self.behaviour
        )

    @property
    def attributes(self) -> dict[str, tuple[str, ...] | tuple[int, ...]]:
        return {name: getattr(self, name) for name in ATTRIBUTES}

    def joined_since(self, today: dt.date) -> dt.date | None:
        """The first join day ``joined_within`` allows on ``today`` (None: no such bound)."""
        if self.joined_within is None:
            return None
        return today - dt.timedelta(days=self.joined_within - 1)

    def as_json(self) -> dict[str, Any]:
        joined: dict[str, Any] = {
            key: day.isoformat()
            for key, day in (("from", self.joined_from), ("to", self.joined_to))
            if day is not None
        }
        if self.joined_within is not None:
            joined["within_days"] = self.joined_within
        return {
            "attributes": {name: list(values) for name, values in self.attributes.items()},
            "joined": joined,
            "behaviour": [row.as_json() for row in self.behaviour],
        }

    def key(self) -> str:
        """A stable text of the definition (for cache keys)."""
        import json

        return json.dumps(self.as_json(), sort_keys=True, ensure_ascii=False)


def events_check(definition: SegmentDefinition, *, recorded: Iterable[str]) -> None:
    """Refuse custom events never recorded: such a condition is almost surely a typo."""
    known = set(recorded)
    unknown = sorted(
        {
            row.action
            for row in definition.behaviour
            if row.action != ACTIVE and row.action not in ACTION_BITS and row.action not in known
        }
    )
    if unknown:
        raise SegmentError(
            _("Unknown action: %(a)s (no such custom event has been recorded).")
            % {"a": ", ".join(unknown)}
        )


def action_valid(action: str) -> bool:
    return action == ACTIVE or action in ACTION_BITS or custom_name_valid(action)


def _check_values(name: str, values: tuple[str, ...], known: frozenset[str]) -> None:
    unknown = sorted(v for v in values if v not in known)
    if unknown:
        raise SegmentError(
            _("%(field)s: unknown value %(values)s.")
            % {"field": name, "values": ", ".join(repr(v) for v in unknown)}
        )


def definition_parse(data: object) -> SegmentDefinition:
    """The definition in ``data`` (the JSON saved with a segment), or :class:`SegmentError`."""
    if not isinstance(data, dict):
        raise SegmentError(_("A segment definition is a JSON object."))
    attributes = data.get("attributes") or {}
    joined = data.get("joined") or {}
    rows = data.get("behaviour") or []
    if not isinstance(attributes, dict) or not isinstance(joined, dict):
        raise SegmentError(_("A segment definition's attributes and joined are JSON objects."))
    if not isinstance(rows, list):
        raise SegmentError(_("A segment definition's behaviour is a list."))
    unknown = sorted(set(attributes) - set(ATTRIBUTES))
    if unknown:
        raise SegmentError(_("Unknown attribute: %(a)s.") % {"a": ", ".join(unknown)})
    values: dict[str, Any] = {
        name: _text_list(name, attributes.get(name)) for name in TEXT_ATTRIBUTES
    }
    values["level"] = tuple(_whole(v, "level") for v in _list(attributes.get("level"), "level"))
    return SegmentDefinition(
        **values,
        joined_from=_day(joined.get("from"), "joined.from"),
        joined_to=_day(joined.get("to"), "joined.to"),
        joined_within=None
        if joined.get("within_days") in (None, "")
        else _whole(joined.get("within_days"), "joined.within_days"),
        behaviour=tuple(_behaviour(row) for row in rows),
    )


def _list(value: object, name: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise SegmentError(_("%(field)s: a list of values is expected.") % {"field": name})
    return value


def _text_list(name: str, value: object) -> tuple[str, ...]:
    items = _list(value, name)
    if not all(isinstance(v, str) for v in items):
        raise SegmentError(_("%(field)s: values are text.") % {"field": name})
    return tuple(dict.fromkeys(v.strip() for v in items))


def _whole(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise SegmentError(_("%(field)s: a whole number is expected.") % {"field": name})
    try:
        return int(value)
    except ValueError as exc:
        raise SegmentError(
            _("%(field)s: a whole number is expected, not %(v)s.") % {"field": name, "v": value}
        ) from exc


def _day(value: object, name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise SegmentError(
            _("%(field)s: not a date (YYYY-MM-DD): %(v)s.") % {"field": name, "v": value}
        ) from exc


def _behaviour(row: object) -> Behaviour:
    if not isinstance(row, dict):
        raise SegmentError(_("A behaviour condition is a JSON object."))
    days, kind = row.get("days"), str(row.get("kind", ""))
    return Behaviour(
        kind=kind,
        action=str(row.get("action", "")),
        times=_whole(row.get("times", 1), "times") if kind == "did" else 1,
        days=None if days in (None, "") else _whole(days, "days"),
    )
