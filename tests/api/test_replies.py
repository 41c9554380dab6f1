"""Replies: list in reading order with pagination, answer, quote."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.community.models import Reply

from .conftest import Api, error_of


@pytest.fixture
def topic(alice: Any, public_board: Any, make_topic: Any) -> Any:
    return make_topic(alice, public_board)


def test_reply_to_a_topic(api_as: Any, bob: Any, topic: Any) -> None:
    response = api_as(bob).post(f"/topics/{topic.pk}/replies", {"body": "Nice **post**"})

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["topic_id"] == topic.pk
    assert body["author"]["username"] == "bob"
    assert "<strong>post</strong>" in body["body_html"]
    assert body["quote"] is None
    topic.refresh_from_db()
    assert topic.reply_count == 1


def test_reply_with_a_quote(api_as: Any, alice: Any, bob: Any, topic: Any, make_reply: Any) -> None:
    quoted = make_reply(alice, topic, "Original words")

    response = api_as(bob).post(
        f"/topics/{topic.pk}/replies", {"body": "I agree", "quote_id": quoted.pk}
    )

    assert response.status_code == 201
    quote = response.json()["quote"]
    assert quote["id"] == quoted.pk
    assert quote["author"]["username"] == "alice"
    assert quote["excerpt"] == "Original words"


def test_quote_must_belong_to_the_topic(
    api_as: Any,
    alice: Any,
    bob: Any,
    topic: Any,
    public_board: Any,
    make_topic: Any,
    make_reply: Any,
) -> None:
    elsewhere = make_reply(alice, make_topic(alice, public_board), "Elsewhere")
    api = api_as(bob)

    for quote_id in (elsewhere.pk, 999_999):
        response = api.post(f"/topics/{topic.pk}/replies", {"body": "Hm", "quote_id": quote_id})
        assert response.status_code == 422
        assert "quote_id" in error_of(response)["fields"]
    assert not Reply.objects.filter(topic=topic).exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [("", "The text cannot be empty."), ("x" * 20_001, "at most 20000 are allowed")],
)
def test_invalid_replies_name_the_body(
    api_as: Any, bob: Any, topic: Any, body: str, message: str
) -> None:
    response = api_as(bob).post(f"/topics/{topic.pk}/replies", {"body": body})
    assert response.status_code == 422
    assert message in error_of(response)["fields"]["body"]


def test_replies_need_a_visible_topic(
    anon: Api, api_as: Any, bob: Any, staff_member: Any, staff_board: Any, make_topic: Any
) -> None:
    staff_topic = make_topic(staff_member, staff_board)

    assert anon.get(f"/topics/{staff_topic.pk}/replies").status_code == 404
    response = api_as(bob).post(f"/topics/{staff_topic.pk}/replies", {"body": "Let me in"})
    assert response.status_code == 404
    assert not Reply.objects.exists()


def test_anonymous_cannot_reply(anon: Api, topic: Any) -> None:
    assert anon.post(f"/topics/{topic.pk}/replies", {"body": "Hi"}).status_code == 401


def test_replies_are_listed_oldest_first_and_paginated(
    anon: Api, alice: Any, bob: Any, topic: Any, make_reply: Any
) -> None:
    replies = [make_reply(bob if i % 2 else alice, topic, f"Reply {i}") for i in range(5)]

    first = anon.get(f"/topics/{topic.pk}/replies", page_size=2).json()
    assert [r["id"] for r in first["items"]] == [replies[0].pk, replies[1].pk]
    assert (first["total"], first["page"], first["pages"]) == (5, 1, 3)

    last = anon.get(f"/topics/{topic.pk}/replies", page_size=2, page=3).json()
    assert [r["body"] for r in last["items"]] == ["Reply 4"]


@pytest.mark.usefixtures("no_posting_limit")
def test_reply_list_runs_a_constant_number_of_queries(
    api_as: Any, alice: Any, bob: Any, topic: Any, make_reply: Any
) -> None:
    api = api_as(alice)
    first = make_reply(bob, topic, "First")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = api.get(f"/topics/{topic.pk}/replies", page_size=100)
        assert response.status_code == 200
        return len(captured)

    api.get("/me")  # the token's first use is recorded once; keep it out of the count
    few = queries()
    for i in range(30):
        make_reply(bob, topic, f"Reply {i}", quote=first)
    assert queries() == few
