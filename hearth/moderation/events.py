"""Domain events published by the moderation app (see :mod:`hearth.core.events`)."""

from __future__ import annotations

from dataclasses import dataclass

from hearth.core.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class ReviewDecided(DomainEvent):
    """A moderator decided a review item (approve, edit, reject)."""

    item_id: int
    content_kind: str
    content_id: int
    author_id: int
    outcome: str
    moderator_id: int | None
    rule_id: int | None


@dataclass(frozen=True, kw_only=True)
class ReportUpheld(DomainEvent):
    """Reports against a member's content were upheld: the content broke a rule."""

    item_id: int
    member_id: int  # the author of the content
    content_kind: str
    content_id: int


@dataclass(frozen=True, kw_only=True)
class DecisionOverturned(DomainEvent):
    """An appeal overturned a rejection or a sanction."""

    appeal_id: int
    member_id: int
    item_id: int | None
    sanction_id: int | None


@dataclass(frozen=True, kw_only=True)
class SanctionIssued(DomainEvent):
    sanction_id: int
    member_id: int
    kind: str
