"""Fixtures for the member pages: English pages, logged-in clients, boards with content."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from PIL import Image


@pytest.fixture(autouse=True)
def _english(settings: Any) -> None:
    """Assert on the English source strings, whatever the translations say."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def client_as(db: None) -> Callable[[Any], Client]:
    def make(member: Any) -> Client:
        client = Client()
        client.force_login(member)
        return client

    return make


def png_bytes(width: int = 600, height: int = 400, colour: str = "#4263eb") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def post_topic(make_board: Callable[..., Any]) -> Callable[..., Any]:
    """Publish a topic through the real service (in a fresh public board unless given)."""
    from hearth.community.services import topic_create

    boards: list[Any] = []

    def make(author: Any, board: Any = None, **fields: Any) -> Any:
        if board is None:
            if not boards:
                boards.append(make_board())
            board = boards[0]
        fields.setdefault("title", "A topic about keyboards")
        fields.setdefault("body", "Mechanical or membrane? Tell me what you type on.")
        return topic_create(author=author, board=board, **fields)

    return make
