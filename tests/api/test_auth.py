"""Who may call: bearer tokens, the browser session with CSRF, anonymous public reads."""

from __future__ import annotations

from typing import Any

from django.test import Client

from .conftest import Api, error_of


def test_write_without_token_is_401_with_a_bearer_challenge(anon: Api, public_board: Any) -> None:
    response = anon.post("/topics", {"board": "gadgets", "title": "Hi", "body": "Hello"})

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    error = error_of(response)
    assert error["code"] == "not_authenticated"
    assert "Bearer" in error["message"]


def test_member_reads_need_a_token(anon: Api) -> None:
    for path in ("/me", "/notifications", "/me/unread-count"):
        response = anon.get(path)
        assert response.status_code == 401, path
        assert error_of(response)["code"] == "not_authenticated"


def test_a_wrong_token_is_401_even_on_public_reads(public_board: Any) -> None:
    api = Api(Client(), token="hth_not-a-real-token")

    response = api.get("/boards")

    assert response.status_code == 401
    assert error_of(response)["message"] == "This token is not valid or has been revoked."


def test_anonymous_reads_public_content(anon: Api, public_board: Any) -> None:
    response = anon.get("/boards")
    assert response.status_code == 200
    assert [b["slug"] for b in response.json()["items"]] == ["gadgets"]


def test_a_token_identifies_the_member(api_as: Any, alice: Any) -> None:
    response = api_as(alice).get("/me")
    assert response.status_code == 200
    assert response.json()["username"] == "alice"


def test_session_reads_work_without_a_token(alice: Any) -> None:
    client = Client()
    client.force_login(alice)
    response = client.get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["username"] == "alice"


def test_session_writes_need_the_csrf_token(alice: Any, public_board: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    body = '{"board": "gadgets", "title": "From the page", "body": "Posted with htmx."}'

    refused = client.post("/api/v1/topics", body, content_type="application/json")
    assert refused.status_code == 403
    assert error_of(refused)["code"] == "permission_denied"

    token = "abcdefghijklmnopqrstuvwxyzABCDEF"  # what the page's csrftoken cookie holds
    client.cookies["csrftoken"] = token
    accepted = client.post(
        "/api/v1/topics", body, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert accepted.status_code == 201, accepted.json()
    assert accepted.json()["author"]["username"] == "alice"


def test_bearer_writes_need_no_csrf_token(api_as: Any, alice: Any, public_board: Any) -> None:
    api = api_as(alice)
    api.client = Client(enforce_csrf_checks=True)
    response = api.post("/topics", {"board": "gadgets", "title": "Script", "body": "No cookie."})
    assert response.status_code == 201
