"""The pipeline through the API: a block is a 422 with the reason; a held topic says so."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from hearth.api.services import api_token_create
from hearth.community.models import Topic
from hearth.moderation.models import ScreeningRecord
from tests.moderation.pipeline_fixtures import *  # noqa: F403

pytestmark = pytest.mark.django_db


def post(member: Any, path: str, body: dict[str, Any]) -> Any:
    token = api_token_create(member=member, name="tests").plain
    return Client().post(
        "/api/v1" + path,
        json.dumps(body, ensure_ascii=False),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"},
    )


def test_a_blocked_topic_is_a_422_naming_the_rule_and_is_recorded(
    watch: Callable[..., Any], veteran: Any, board: Any
) -> None:
    watch("代开发票", "block", category="illegal", message="Invoices are not traded here.")
    before = Topic.objects.count()
    response = post(
        veteran, "/topics", {"board": board.slug, "title": "服务", "body": "专业代开发票"}
    )
    assert response.status_code == 422
    assert response.json()["error"]["message"] == "Invoices are not traded here."
    assert Topic.objects.count() == before
    assert ScreeningRecord.objects.filter(decision="block", author=veteran).count() == 1


def test_a_held_topic_is_created_for_its_author(
    make_member: Callable[..., Any], board: Any
) -> None:
    member = make_member()
    response = post(member, "/topics", {"board": board.slug, "title": "你好", "body": "新人报到"})
    topic = Topic.objects.get(author=member)
    assert topic.status == "held"
    assert response.status_code == 201
    assert response.json()["status"] == "held"  # the author is told it waits for review
