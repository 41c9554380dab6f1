"""Domain events published by the accounts app."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from hearth.core.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class MemberJoined(DomainEvent):
    """A member signed up; ``touches`` and ``device`` are attribution's (growth records them)."""

    member_id: int
    channel: str
    invite_code: str
    touches: tuple[Mapping[str, object], ...] = ()
    device: str = ""


@dataclass(frozen=True, kw_only=True)
class ProfileUpdated(DomainEvent):
    member_id: int
    completed: bool


@dataclass(frozen=True, kw_only=True)
class MemberFollowed(DomainEvent):
    follower_id: int
    followed_id: int


@dataclass(frozen=True, kw_only=True)
class MemberDeleted(DomainEvent):
    """A member deleted their account: their personal data is gone, their posts anonymised."""

    member_id: int
