"""Domain events published by the events app (see :mod:`hearth.core.events`).

Named ``domain`` because ``events.events`` would read twice: these are facts
about community events (活动), e.g. "a member took a place".
"""

from __future__ import annotations

from dataclasses import dataclass

from hearth.core.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class EventRegistered(DomainEvent):
    """A member took a place at an event (``invited``: by accepting an invitation)."""

    event_id: int
    member_id: int
    invited: bool
