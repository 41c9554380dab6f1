"""Fixtures for the cockpit tests: staff members per role, topics, logged-in clients."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Assertions on messages read the English source strings, whatever the translations."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def make_topic(
    make_member: Callable[..., Any], make_board: Callable[..., Any]
) -> Callable[..., Any]:
    """Publish a topic through the real service."""
    from hearth.community.services import topic_create

    def make(
        *, author: Any = None, board: Any = None, title: str = "一个话题", **fields: Any
    ) -> Any:
        return topic_create(
            author=author or make_member(),
            board=board or make_board(),
            title=title,
            body=fields.pop("body", "正文内容"),
            **fields,
        )

    return make


@pytest.fixture
def admin_member(make_staff: Callable[..., Any]) -> Any:
    from hearth.core.roles import ADMIN

    return make_staff(ADMIN, username="boss")
