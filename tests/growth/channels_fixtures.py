"""Fixtures for the channel, campaign and link tests: staff per role, logged-in clients.

Import what a test module needs: ``from tests.growth.channels_fixtures import …``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client


@pytest.fixture
def staff_as(make_staff: Callable[..., Any]) -> Callable[..., Any]:
    """A member holding the given role (a key of hearth.core.roles)."""
    return lambda role, username=None: make_staff(role, username=username)


@pytest.fixture
def client_as(login: Callable[[Any], Client]) -> Callable[[Any], Client]:
    """A test client logged in as ``member`` (None: a visitor), browsing in English."""
    return login


@pytest.fixture
def english() -> Iterator[None]:
    from django.utils import translation

    with translation.override("en"):
        yield
