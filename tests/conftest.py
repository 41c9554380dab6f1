"""Shared fixtures. Tests run on SQLite by default, on PostgreSQL with DATABASE_URL set."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.HEARTH_VAR_DIR = tmp_path / "var"  # models, the analytics store: never the checkout's


# Tests of moderation itself screen every post; the rest of the suite tests other
# behaviour and posts as established members would, so the pipeline (a new
# member's first posts are held, links of new members are held …) is off there.
_SCREENED = re.compile(
    r"moderation|review|words|order|classifier|insight|report(?!ing)|sanction|appeal|dispute|screen"
)


@pytest.fixture(autouse=True)
def _screening(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    path = Path(str(request.node.fspath))
    if request.node.get_closest_marker("screening") or _SCREENED.search("/".join(path.parts[-2:])):
        return
    from hearth.core import screening

    monkeypatch.setattr(screening, "_provider", None)


# Onboarding turns each sign-up into a welcome notification and each first like, reply
# or topic into onboarding points; the rest of the suite counts notifications and points
# exactly, so onboarding's handlers run only in tests whose file names onboarding.
@pytest.fixture(autouse=True)
def _onboarding(request: pytest.FixtureRequest) -> Iterator[None]:
    if "onboarding" in Path(str(request.node.fspath)).name:
        yield
        return
    from hearth.growth.onboarding.subscribers import onboarding_paused

    with onboarding_paused():
        yield


@pytest.fixture(autouse=True, scope="session")
def _tasks_inline() -> None:
    """Background tasks run inline in tests (no broker, no worker); the Redis worker
    test configures its own processes."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def make_member(db: None) -> Callable[..., Any]:
    """Create a member through the real sign-up service."""
    from hearth.accounts.services import member_signup

    counter = iter(range(1, 1_000_000))

    def make(username: str | None = None, **fields: Any) -> Any:
        n = next(counter)
        name = username or f"member{n}"
        return member_signup(
            username=name, email=f"{name}@example.com", password="correct-horse-battery-9", **fields
        )

    return make


@pytest.fixture
def make_board(db: None) -> Callable[..., Any]:
    from hearth.community.models import Board

    counter = iter(range(1, 1_000_000))

    def make(**fields: Any) -> Any:
        n = next(counter)
        fields.setdefault("name", f"Board {n}")
        fields.setdefault("slug", f"board-{n}")
        return Board.objects.create(**fields)

    return make


@pytest.fixture
def staff_member(make_member: Callable[..., Any]) -> Any:
    """A community manager (has every community permission)."""
    from django.contrib.auth.models import Group

    from hearth.core.roles import COMMUNITY_MANAGER

    member = make_member("manager")
    member.groups.add(Group.objects.get(name=COMMUNITY_MANAGER))
    return type(member).objects.get(pk=member.pk)


@pytest.fixture
def shared_data() -> Path:
    from django.conf import settings

    path = Path(settings.HEARTH_SHARED_DATA)
    if not path.is_dir():
        pytest.skip(f"shared data folder {path} is absent (set HEARTH_SHARED_DATA)")
    return path


@pytest.fixture
def no_posting_limit(db: None) -> None:
    """For tests that need volume: no daily posting limit on any level, no new-account throttle.

    The limit itself is tested in tests/gamification/test_privileges.py.
    """
    from hearth.gamification.models import FairnessPolicy, Level
    from hearth.gamification.privileges import fairness_policy_forget

    FairnessPolicy.objects.update_or_create(pk=1, defaults={"new_account_days": 0})
    fairness_policy_forget()
    Level.objects.update(daily_post_limit=None)


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


@pytest.fixture
def login() -> Callable[[Any], Client]:
    """A test client logged in as the given member (None: a visitor), browsing in English."""

    def make(member: Any) -> Client:
        client = Client(headers={"accept-language": "en"})
        if member is not None:
            client.force_login(member)
        return client

    return make
