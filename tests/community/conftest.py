"""Fixtures for the community pages: a board, members, topics made through the services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    """Members are made through the real sign-up; a fast hasher keeps these tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english(settings: Any) -> None:
    """Pages in English, so that messages are asserted whatever the catalogues hold."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def board(make_board: Callable[..., Any]) -> Any:
    return make_board(name="数码", slug="gadgets", description="聊聊手机、电脑和各种新玩意")


@pytest.fixture
def author(make_member: Callable[..., Any]) -> Any:
    return make_member("author", display_name="小王", birth_year=1990)


@pytest.fixture
def reader(make_member: Callable[..., Any]) -> Any:
    return make_member("reader", display_name="读者")


@pytest.fixture
def make_topic(board: Any, author: Any) -> Callable[..., Any]:
    from hearth.community.services import topic_create

    counter = iter(range(1, 1_000_000))

    def make(**fields: Any) -> Any:
        n = next(counter)
        fields.setdefault("author", author)
        fields.setdefault("board", board)
        fields.setdefault("title", f"话题 {n}")
        fields.setdefault("body", f"这是第 {n} 个话题的正文。")
        return topic_create(**fields)

    return make


@pytest.fixture
def topic(make_topic: Callable[..., Any]) -> Any:
    return make_topic(
        title="新手机值得买吗", body="最近在看新手机，**续航**怎么样？", tags=["手机"]
    )


@pytest.fixture
def login() -> Callable[[Any], Client]:
    """A fresh client logged in as the given member."""

    def make(member: Any) -> Client:
        client = Client()
        client.force_login(member)
        return client

    return make


@pytest.fixture
def reader_client(login: Callable[[Any], Client], reader: Any) -> Client:
    return login(reader)


@pytest.fixture
def author_client(login: Callable[[Any], Client], author: Any) -> Client:
    return login(author)


@pytest.fixture
def staff_client(login: Callable[[Any], Client], staff_member: Any) -> Client:
    return login(staff_member)


HTMX = {"HX-Request": "true"}
