"""Topics: list, start, read, edit, with the pages' validation and permission rules."""

from __future__ import annotations

from typing import Any

import pytest

from hearth.community.models import Topic, TopicRevision
from hearth.community.services import topic_set_status

from .conftest import Api, error_of


def test_start_a_topic(api_as: Any, alice: Any, public_board: Any) -> None:
    response = api_as(alice).post(
        "/topics",
        {
            "board": "gadgets",
            "title": "  My first   topic ",
            "body": "Hello **world** <script>alert(1)</script>",
            "tags": ["phones", "#phones", "review"],
        },
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    topic = Topic.objects.get(pk=body["id"])
    assert topic.author == alice
    assert body["title"] == "My first topic"
    assert "<strong>world</strong>" in body["body_html"]
    assert "<script" not in body["body_html"]
    assert body["tags"] == ["phones", "review"]
    assert body["board"] == {"slug": "gadgets", "name": "Gadgets"}
    assert body["author"]["username"] == "alice"
    assert body["kind"] == "ugc"
    assert body["can_edit"] is True
    assert body["url"] == f"/t/{topic.pk}/"


def test_board_can_be_given_by_id(api_as: Any, alice: Any, public_board: Any) -> None:
    response = api_as(alice).post(
        "/topics", {"board": public_board.pk, "title": "By id", "body": "Works."}
    )
    assert response.status_code == 201
    assert response.json()["board"]["slug"] == "gadgets"


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"title": "   ", "body": "Text"}, "title", "The title cannot be empty."),
        ({"title": "x" * 121, "body": "Text"}, "title", "at most 120"),
        ({"title": "Long", "body": "字" * 100_000}, "body", "100000 characters long"),
        ({"title": "Empty", "body": ""}, "body", "The text cannot be empty."),
        ({"title": "Tags", "body": "b", "tags": list("abcdef")}, "tags", "At most 5 tags."),
        ({"board": "no-such-board", "title": "T", "body": "b"}, "board", "no such board"),
        ({"body": "no title"}, "title", "This field is required."),
        ({"title": "T", "body": "b", "tags": "not-a-list"}, "tags", "list"),
    ],
)
def test_invalid_topics_name_the_field(
    api_as: Any, alice: Any, public_board: Any, payload: dict[str, Any], field: str, message: str
) -> None:
    response = api_as(alice).post("/topics", {"board": "gadgets", **payload})

    assert response.status_code == 422, response.json()
    error = error_of(response)
    assert error["code"] == "invalid"
    assert message in error["fields"][field]
    assert not Topic.objects.exists()


def test_unreadable_body_is_400(api_as: Any, alice: Any) -> None:
    api = api_as(alice)
    response = api.client.post(
        "/api/v1/topics",
        "{not json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {api.token}"},
    )
    assert response.status_code == 400
    assert error_of(response)["code"] == "bad_request"


def test_missing_body_names_no_field(api_as: Any, alice: Any) -> None:
    response = api_as(alice).post("/topics")
    assert response.status_code == 422
    assert "JSON object" in error_of(response)["message"]


def test_posting_follows_the_board_rules(
    api_as: Any, alice: Any, staff_member: Any, make_board: Any, staff_board: Any
) -> None:
    make_board(name="News", slug="news", posting="staff")
    payload = {"board": "news", "title": "Announcement", "body": "Staff only."}

    refused = api_as(alice).post("/topics", payload)
    assert refused.status_code == 403
    assert error_of(refused)["message"] == "You cannot post in this board."
    assert api_as(staff_member).post("/topics", payload).status_code == 201

    hidden = api_as(alice).post("/topics", {**payload, "board": "staff-room"})
    assert hidden.status_code == 422
    assert "board" in error_of(hidden)["fields"]


def test_staff_content_needs_the_permission(
    api_as: Any, alice: Any, staff_member: Any, public_board: Any
) -> None:
    payload = {"board": "gadgets", "title": "Guide", "body": "Official.", "kind": "pgc"}
    assert api_as(alice).post("/topics", payload).status_code == 403
    response = api_as(staff_member).post("/topics", payload)
    assert response.status_code == 201
    assert response.json()["kind"] == "pgc"


def test_topic_detail_for_anyone(anon: Api, alice: Any, public_board: Any, make_topic: Any) -> None:
    topic = make_topic(alice, public_board, body="# Heading\n\nText", tags=["b", "a"])

    body = anon.get(f"/topics/{topic.pk}").json()

    assert body["id"] == topic.pk
    assert body["body"] == "# Heading\n\nText"
    assert "<h1>Heading</h1>" in body["body_html"]
    assert body["tags"] == ["a", "b"]
    assert body["liked"] is False
    assert body["can_edit"] is False
    assert body["can_reply"] is False


def test_topics_one_cannot_see_are_404(
    anon: Api,
    api_as: Any,
    alice: Any,
    bob: Any,
    staff_member: Any,
    public_board: Any,
    members_board: Any,
    make_topic: Any,
) -> None:
    lounge = make_topic(alice, members_board)
    held = make_topic(alice, public_board)
    topic_set_status(actor=None, topic=held, status="held")

    assert anon.get(f"/topics/{lounge.pk}").status_code == 404
    assert api_as(bob).get(f"/topics/{lounge.pk}").status_code == 200
    assert api_as(bob).get(f"/topics/{held.pk}").status_code == 404
    assert api_as(alice).get(f"/topics/{held.pk}").json()["status"] == "held"
    assert api_as(staff_member).get(f"/topics/{held.pk}").status_code == 200
    missing = anon.get("/topics/999999")
    assert missing.status_code == 404
    assert error_of(missing)["message"] == "There is no topic at this address."


def test_topic_list_shows_published_topics_of_visible_boards(
    anon: Api,
    api_as: Any,
    alice: Any,
    public_board: Any,
    members_board: Any,
    staff_board: Any,
    staff_member: Any,
    make_topic: Any,
) -> None:
    public = make_topic(alice, public_board, tags=["ai"])
    lounge = make_topic(alice, members_board)
    staff = make_topic(staff_member, staff_board)
    hidden = make_topic(alice, public_board)
    topic_set_status(actor=None, topic=hidden, status="hidden")

    def ids(api: Api, **params: Any) -> set[int]:
        return {t["id"] for t in api.get("/topics", **params).json()["items"]}

    assert ids(anon) == {public.pk}
    assert ids(api_as(alice)) == {public.pk, lounge.pk}
    assert ids(api_as(staff_member)) == {public.pk, lounge.pk, staff.pk}
    assert ids(api_as(alice), board="lounge") == {lounge.pk}
    assert ids(anon, tag="ai") == {public.pk}
    assert ids(anon, author="bob") == set()
    assert anon.get("/topics", board="lounge").status_code == 404


def test_edit_a_topic(api_as: Any, alice: Any, public_board: Any, make_topic: Any) -> None:
    topic = make_topic(alice, public_board, title="Before", body="Old text", tags=["x"])

    response = api_as(alice).patch(f"/topics/{topic.pk}", {"body": "New *text*"})

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["title"] == "Before"
    assert "<em>text</em>" in body["body_html"]
    assert body["tags"] == ["x"]
    assert body["edited_at"] is not None
    revision = TopicRevision.objects.get(topic=topic)
    assert revision.body == "Old text"

    retagged = api_as(alice).patch(f"/topics/{topic.pk}", {"tags": ["y", "z"]})
    assert retagged.json()["tags"] == ["y", "z"]


def test_edit_rules(
    api_as: Any, alice: Any, bob: Any, staff_member: Any, public_board: Any, make_topic: Any
) -> None:
    topic = make_topic(alice, public_board)

    refused = api_as(bob).patch(f"/topics/{topic.pk}", {"title": "Hijacked"})
    assert refused.status_code == 403
    assert error_of(refused)["message"] == "You cannot edit this topic."

    invalid = api_as(alice).patch(f"/topics/{topic.pk}", {"title": ""})
    assert invalid.status_code == 422
    assert "title" in error_of(invalid)["fields"]

    moderated = api_as(staff_member).patch(f"/topics/{topic.pk}", {"title": "Moderated"})
    assert moderated.status_code == 200
    topic.refresh_from_db()
    assert topic.title == "Moderated"
