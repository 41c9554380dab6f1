"""Fixtures for the channel, campaign and link tests: staff per role, logged-in clients.

Import what a test module needs: ``from tests.growth.channels_fixtures import …``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client


@pytest.fixture
def staff_as(make_member: Callable[..., Any]) -> Callable[..., Any]:
    """A member holding the given role (a key of hearth.core.roles)."""
    from django.contrib.auth.models import Group

    def make(role: str, username: str | None = None) -> Any:
        member = make_member(username)
        member.groups.add(Group.objects.get(name=role))
        return type(member).objects.get(pk=member.pk)

    return make


@pytest.fixture
def client_as() -> Callable[[Any], Client]:
    """A test client logged in as ``member`` (None: a visitor), browsing in English."""

    def make(member: Any) -> Client:
        client = Client(headers={"accept-language": "en"})
        if member is not None:
            client.force_login(member)
        return client

    return make


@pytest.fixture
def english() -> Iterator[None]:
    from django.utils import translation

    with translation.override("en"):
        yield
