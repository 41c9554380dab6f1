"""POST /api/v1/reports: the same rules as the pages, in the API's error format."""
# ruff: noqa: F401, F811 (pytest fixtures imported from queue_fixtures are parameters here)

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from hearth.api.services import api_token_create
from hearth.moderation.models import Report, ReviewItem
from tests.moderation.queue_fixtures import (  # fixtures, imported to be found
    client_for,
    hold,
    make_reply,
    make_topic,
    mod,
    mod2,
    mod_settings,
    queue_defaults,
    rule,
    senior,
    staff_with,
    writer,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/reports"


@pytest.fixture
def post_as() -> Callable[..., Any]:
    def post(member: Any | None, body: Any) -> Any:
        headers = {"Accept-Language": "en"}
        if member is not None:
            token = api_token_create(member=member, name="tests").plain
            headers["Authorization"] = f"Bearer {token}"
        return Client().post(
            URL, json.dumps(body), content_type="application/json", headers=headers
        )

    return post


def _error(response: Any) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    error: dict[str, Any] = body["error"]
    return error


def test_a_member_reports_a_reply(
    make_topic: Callable[..., Any],
    make_reply: Callable[..., Any],
    make_member: Callable[..., Any],
    post_as: Callable[..., Any],
) -> None:
    reply = make_reply(make_topic())
    response = post_as(
        make_member("reader"), {"kind": "reply", "id": reply.pk, "reason": "abuse", "text": "rude"}
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["kind"], body["content_id"], body["reason"], body["outcome"]) == (
        "reply",
        reply.pk,
        "abuse",
        "pending",
    )
    assert ReviewItem.objects.get().report_count == 1


def test_the_rules_answer_in_the_api_error_format(
    make_topic: Callable[..., Any],
    make_member: Callable[..., Any],
    post_as: Callable[..., Any],
    hold: Callable[..., Any],
    mod_settings: Any,
    writer: Any,
) -> None:
    topic = make_topic()
    reader = make_member("reader")
    body = {"kind": "topic", "id": topic.pk, "reason": "spam"}

    assert _error(post_as(None, body))["code"] == "not_authenticated"
    own = post_as(writer, body)
    assert (own.status_code, _error(own)["code"]) == (403, "permission_denied")
    other = post_as(reader, {**body, "reason": "other"})
    assert other.status_code == 422
    assert "text" in _error(other)["fields"]
    bad = post_as(reader, {**body, "reason": "boring"})
    assert bad.status_code == 422
    assert "reason" in _error(bad)["fields"]
    assert post_as(reader, {**body, "id": 987654}).status_code == 404

    assert post_as(reader, body).status_code == 201
    twice = post_as(reader, body)
    assert (twice.status_code, _error(twice)["code"]) == (409, "conflict")

    mod_settings.reports_per_day = 1
    mod_settings.save()
    limited = post_as(reader, {**body, "id": make_topic().pk})
    assert (limited.status_code, _error(limited)["code"]) == (429, "throttled")
    assert "1 post a day" in _error(limited)["message"]

    held = make_topic()
    hold(held)
    assert post_as(make_member(), {**body, "id": held.pk}).status_code == 404
    assert Report.objects.count() == 1
