"""Fixtures for the cockpit tests: staff members per role, topics, logged-in clients."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client


@pytest.fixture
def make_staff(make_member: Callable[..., Any]) -> Callable[..., Any]:
    """A member holding the given roles (role keys from hearth.core.roles)."""
    from django.contrib.auth.models import Group

    def make(*roles: str, username: str | None = None) -> Any:
        member = make_member(username)
        for role in roles:
            member.groups.add(Group.objects.get(name=role))
        return type(member).objects.get(pk=member.pk)

    return make


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Assertions on messages read the English source strings, whatever the translations."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def login() -> Callable[[Any], Client]:
    """A test client logged in as the given member (None: a visitor), browsing in English."""

    def make(member: Any) -> Client:
        client = Client(headers={"accept-language": "en"})
        if member is not None:
            client.force_login(member)
        return client

    return make


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
