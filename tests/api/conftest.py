"""Fixtures for the API tests: clients with tokens, boards of each visibility, topics."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from hearth.api.services import api_token_create

PREFIX = "/api/v1"


@dataclass
class Api:
    """A JSON client for /api/v1, optionally carrying a bearer token."""

    client: Client
    token: str | None = None
    language: str = "en"

    def _headers(self) -> dict[str, str]:
        headers = {"Accept-Language": self.language}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(PREFIX + path, params, headers=self._headers())

    def post(self, path: str, body: Any = None) -> Any:
        data = "" if body is None else json.dumps(body)
        return self.client.post(
            PREFIX + path, data, content_type="application/json", headers=self._headers()
        )

    def patch(self, path: str, body: Any) -> Any:
        return self.client.patch(
            PREFIX + path,
            json.dumps(body),
            content_type="application/json",
            headers=self._headers(),
        )

    def delete(self, path: str) -> Any:
        return self.client.delete(PREFIX + path, headers=self._headers())


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def anon(db: None) -> Api:
    return Api(Client())


@pytest.fixture
def api_as(db: None) -> Callable[[Any], Api]:
    """An API client authenticated with a fresh token of ``member``."""

    def make(member: Any) -> Api:
        return Api(Client(), api_token_create(member=member, name="tests").plain)

    return make


@pytest.fixture
def alice(make_member: Callable[..., Any]) -> Any:
    return make_member("alice", birth_year=1994, bio="I write about gadgets.")


@pytest.fixture
def bob(make_member: Callable[..., Any]) -> Any:
    return make_member("bob")


@pytest.fixture
def public_board(make_board: Callable[..., Any]) -> Any:
    return make_board(name="Gadgets", slug="gadgets")


@pytest.fixture
def members_board(make_board: Callable[..., Any]) -> Any:
    return make_board(name="Members lounge", slug="lounge", visibility="members")


@pytest.fixture
def staff_board(make_board: Callable[..., Any]) -> Any:
    return make_board(name="Staff room", slug="staff-room", visibility="staff")


@pytest.fixture
def make_topic(db: None) -> Callable[..., Any]:
    """Publish a topic through the real service."""
    from hearth.community.services import topic_create

    counter = iter(range(1, 1_000_000))

    def make(author: Any, board: Any, **fields: Any) -> Any:
        n = next(counter)
        fields.setdefault("title", f"Topic number {n}")
        fields.setdefault("body", f"Body of topic {n}, with **bold** text.")
        return topic_create(author=author, board=board, **fields)

    return make


@pytest.fixture
def make_reply(db: None) -> Callable[..., Any]:
    from hearth.community.services import reply_create

    def make(author: Any, topic: Any, body: str = "A reply.", **fields: Any) -> Any:
        return reply_create(author=author, topic=topic, body=body, **fields)

    return make


def error_of(response: Any) -> dict[str, Any]:
    """The ``error`` object of an API error response (asserting the shape)."""
    body = response.json()
    assert set(body) == {"error"}, body
    error: dict[str, Any] = body["error"]
    assert set(error) == {"code", "message", "fields"}, error
    assert error["message"], error
    return error
