"""Parameters shared by the analyses, validated once with errors an operator can act on."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from hearth.analytics.definitions import ACTION_BITS, CUSTOM, custom_name_valid


class QueryError(ValueError):
    """Bad parameters of an analysis (the message says which and why)."""


@dataclass(frozen=True)
class Window:
    """A date range (both ends included), the actions that count as active, the time zone."""

    start: dt.date
    end: dt.date
    actions: frozenset[str]
    tz: str

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise QueryError(
                _("The start date %(start)s is after the end date %(end)s.")
                % {"start": self.start.isoformat(), "end": self.end.isoformat()}
            )
        if not self.actions:
            raise QueryError(_("Choose at least one action that counts as active."))
        unknown = sorted(a for a in self.actions if not known_action(a))
        if unknown:
            raise QueryError(
                _("Unknown action: %(actions)s. Actions: %(known)s, custom or a custom event name.")
                % {"actions": ", ".join(unknown), "known": ", ".join(ACTION_BITS)}
            )
        try:
            zoneinfo.ZoneInfo(self.tz)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise QueryError(_("Unknown time zone: %(tz)s.") % {"tz": self.tz}) from exc

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def uses_rollup(self) -> bool:
        """The member-day rollup answers when days are cut in the community's zone and
        every action is built in (or all custom events together)."""
        return self.tz == settings.TIME_ZONE and all(
            a in ACTION_BITS or a == CUSTOM for a in self.actions
        )

    def key(self) -> str:
        return f"{self.start}:{self.end}:{','.join(sorted(self.actions))}:{self.tz}"


def known_action(action: str) -> bool:
    return action in ACTION_BITS or action == CUSTOM or custom_name_valid(action)


def window(
    *,
    start: dt.date,
    end: dt.date,
    actions: Iterable[str] | None = None,
    tz: str | None = None,
) -> Window:
    """A :class:`Window` with the community's defaults (active actions from the settings)."""
    from hearth.analytics.selectors import active_actions

    chosen = frozenset(actions) if actions is not None else frozenset(active_actions())
    return Window(start=start, end=end, actions=chosen, tz=tz or settings.TIME_ZONE)
