"""Fixtures for the pipeline tests: watched words, members at a level, a published history.

Import them into a test module with ``from tests.moderation.pipeline_fixtures import *``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from hearth.moderation.models import WatchedWord, WordList

__all__ = ["board", "make_veteran", "publish_history", "veteran", "watch"]


@pytest.fixture
def watch(db: None) -> Callable[..., WatchedWord]:
    """Add a watched word to an enabled list (the list's save recompiles the lexicon)."""
    lists: dict[bool, WordList] = {}

    def make(
        term: str,
        action: str = "hold",
        *,
        category: str = "advertising",
        severity: int = 2,
        board: Any = None,
        message: str = "",
        enabled: bool = True,
    ) -> WatchedWord:
        if enabled not in lists:
            lists[enabled] = WordList.objects.create(
                name=f"test words {enabled}", format=WordList.Format.MANUAL, enabled=enabled
            )
        return WatchedWord.objects.create(
            word_list=lists[enabled],
            term=term,
            action=action,
            category=category,
            severity=severity,
            board=board,
            message=message,
        )

    return make


@pytest.fixture
def board(make_board: Callable[..., Any]) -> Any:
    return make_board(name="General", slug="general")


@pytest.fixture
def publish_history(board: Any) -> Callable[[Any, int], None]:
    """Give a member ``n`` published topics (written and approved through the services)."""
    from hearth.community.services import topic_create, topic_set_status

    def make(member: Any, n: int = 3) -> None:
        for i in range(n):
            topic = topic_create(
                author=member, board=board, title=f"Earlier topic {i}", body=f"Earlier body {i}."
            )
            topic_set_status(actor=None, topic=topic, status="published")

    return make


@pytest.fixture
def make_veteran(
    make_member: Callable[..., Any],
    staff_member: Any,
    publish_history: Callable[[Any, int], None],
    no_posting_limit: None,
) -> Callable[[str], Any]:
    """A level-3 member past the first-posts rule."""
    from hearth.gamification.services.adjust import points_adjust

    def make(username: str) -> Any:
        member = make_member(username)
        points_adjust(actor=staff_member, member=member, amount=300, reason="test set-up")
        publish_history(member, 3)
        return type(member).objects.get(pk=member.pk)

    return make


@pytest.fixture
def veteran(make_veteran: Callable[[str], Any]) -> Any:
    return make_veteran("veteran")
