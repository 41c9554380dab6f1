"""The analytics page tests' analyst: import ``analyst`` and ``client`` into a test module
to use them (``client`` replaces pytest-django's there only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from hearth.core import roles


@pytest.fixture
def analyst(make_staff: Callable[..., Any], settings: Any) -> Any:
    """Ana, an analyst (a fast password hasher: the browser tests log her in with a password)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return make_staff(roles.ANALYST, username="ana")


@pytest.fixture
def client(analyst: Any, login: Callable[[Any], Client]) -> Client:
    """The analyst, logged in, browsing in English."""
    return login(analyst)
