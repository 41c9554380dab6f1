"""The pre-publish check every member text passes (topics, replies, profile texts).

The community and accounts apps ask :func:`screen` before they save a text and
:func:`screening_record` after, without importing the moderation app: the
moderation app registers its :class:`ScreeningProvider` in ``AppConfig.ready``.
With no provider every text is published as written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from hearth.accounts.models import User


class Decision:
    PUBLISH = "publish"
    HOLD = "hold"
    BLOCK = "block"


class ContentKind:
    TOPIC = "topic"
    REPLY = "reply"
    PROFILE = "profile"


@dataclass(frozen=True)
class Reason:
    """One signal that fired: ``code`` is stable (``word``, ``contact``, ``new_member`` …)."""

    code: str
    message: str  # translated, shown to staff (and to the author for a block)
    category: str = ""
    severity: int = 1
    detail: str = ""  # the matched term, the score, the duplicated topic …


@dataclass(frozen=True)
class Screening:
    decision: str = Decision.PUBLISH
    reasons: tuple[Reason, ...] = ()
    scores: dict[str, float] = field(default_factory=dict)
    text: str = ""  # the text to store: watched words with the "replace" action are censored
    title: str = ""

    @property
    def held(self) -> bool:
        return self.decision == Decision.HOLD

    @property
    def blocked(self) -> bool:
        return self.decision == Decision.BLOCK

    def block_message(self) -> str:
        """What the author is told when the text is refused."""
        return " ".join(r.message for r in self.reasons if r.code.startswith("block")) or (
            self.reasons[0].message if self.reasons else ""
        )


@dataclass(frozen=True)
class ScreenRequest:
    author: User
    kind: str  # ContentKind
    text: str
    title: str = ""
    board_id: int | None = None
    editing: bool = False  # an edit of content that exists (object_id set)
    object_id: int | None = None


class ScreeningProvider(Protocol):
    def screen(self, request: ScreenRequest) -> Screening: ...

    def record(self, request: ScreenRequest, screening: Screening, object_id: int) -> None: ...


_provider: ScreeningProvider | None = None


def screening_provider(provider: ScreeningProvider) -> ScreeningProvider:
    """Register the object that answers :func:`screen` and :func:`screening_record`."""
    global _provider
    _provider = provider
    return provider


def screen(request: ScreenRequest) -> Screening:
    """The decision on ``request`` (publish as written without a provider)."""
    if _provider is None:
        return Screening(text=request.text, title=request.title)
    return _provider.screen(request)


def screening_record(request: ScreenRequest, screening: Screening, object_id: int) -> None:
    """Keep the decision with the saved content (a held text enters the review queue)."""
    if _provider is not None:
        _provider.record(request, screening, object_id)
