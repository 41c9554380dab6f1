"""Fixtures for the watched-word tests (import them into a test module to use them)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def lexicons(shared_data: Path) -> Path:
    """The public lexicon files, read in place (never copied into the repository)."""
    path = shared_data / "lexicons"
    if not path.is_dir():
        pytest.skip(f"lexicon folder {path} is absent")
    return path


@pytest.fixture
def poster(make_member: Callable[..., Any]) -> Any:
    """A moderator: the pipeline publishes their posts at once, with no posting limit."""
    from django.contrib.auth.models import Group

    from hearth.core.roles import MODERATOR

    member = make_member("poster")
    member.groups.add(Group.objects.get(name=MODERATOR))
    return type(member).objects.get(pk=member.pk)


@pytest.fixture
def post_topic(poster: Any, make_board: Callable[..., Any]) -> Callable[..., Any]:
    """Publish a topic through the real service."""
    from hearth.community.models import Status
    from hearth.community.services import topic_create

    def make(body: str, *, title: str = "一个话题", board: Any = None) -> Any:
        topic = topic_create(author=poster, board=board or make_board(), title=title, body=body)
        assert topic.status == Status.PUBLISHED
        return topic

    return make


@pytest.fixture
def post_reply(poster: Any) -> Callable[..., Any]:
    from hearth.community.models import Status
    from hearth.community.services import reply_create

    def make(topic: Any, body: str) -> Any:
        reply = reply_create(author=poster, topic=topic, body=body)
        assert reply.status == Status.PUBLISHED
        return reply

    return make


@pytest.fixture
def words_changed_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the pipeline recompiles the words services ask for (after commit)."""
    from hearth.moderation.words import hooks

    calls: list[int] = []
    real = hooks._words_changed_now

    def spy() -> None:
        calls.append(1)
        real()

    monkeypatch.setattr(hooks, "_words_changed_now", spy)
    return calls


def import_bytes(data: bytes, filename: str, **options: Any) -> Any:
    """Import ``data`` as the system with the default defaults (custom, hold, 2)."""
    from hearth.moderation.words.rows import Defaults
    from hearth.moderation.words.services import word_list_import

    defaults = options.pop("defaults", Defaults("custom", "hold", 2))
    return word_list_import(
        actor=options.pop("actor", None),
        data=data,
        filename=filename,
        defaults=defaults,
        **options,
    )
