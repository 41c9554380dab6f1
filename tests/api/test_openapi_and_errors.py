"""The OpenAPI document, the self-hosted docs page, the error shape, pagination bounds."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .conftest import Api, error_of

EXPECTED = {
    ("get", "/api/v1/boards"),
    ("get", "/api/v1/boards/{slug}"),
    ("get", "/api/v1/boards/{slug}/topics"),
    ("post", "/api/v1/boards/{slug}/follow"),
    ("delete", "/api/v1/boards/{slug}/follow"),
    ("get", "/api/v1/topics"),
    ("post", "/api/v1/topics"),
    ("get", "/api/v1/topics/{topic_id}"),
    ("patch", "/api/v1/topics/{topic_id}"),
    ("get", "/api/v1/topics/{topic_id}/replies"),
    ("post", "/api/v1/topics/{topic_id}/replies"),
    ("post", "/api/v1/topics/{topic_id}/like"),
    ("delete", "/api/v1/topics/{topic_id}/like"),
    ("post", "/api/v1/replies/{reply_id}/like"),
    ("delete", "/api/v1/replies/{reply_id}/like"),
    ("post", "/api/v1/topics/{topic_id}/shares"),
    ("post", "/api/v1/images"),
    ("get", "/api/v1/members/{username}"),
    ("post", "/api/v1/members/{username}/follow"),
    ("delete", "/api/v1/members/{username}/follow"),
    ("get", "/api/v1/me"),
    ("get", "/api/v1/notifications"),
    ("post", "/api/v1/notifications/read"),
    ("get", "/api/v1/me/unread-count"),
    ("get", "/api/v1/me/points"),
    ("get", "/api/v1/me/points/history"),
    ("post", "/api/v1/me/check-in"),
    ("get", "/api/v1/members/{username}/badges"),
    ("get", "/api/v1/leaderboards"),
    ("post", "/api/v1/reports"),
    ("post", "/api/v1/events"),
}


@pytest.fixture
def document(anon: Api) -> dict[str, Any]:
    response = anon.get("/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    parsed: dict[str, Any] = json.loads(response.content)
    return parsed


def test_openapi_document_lists_every_endpoint(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.")
    assert document["info"]["version"] == "1"
    found = {(method, path) for path, ops in document["paths"].items() for method in ops}
    assert found == EXPECTED


def test_every_operation_is_described(document: dict[str, Any]) -> None:
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert operation["summary"], (method, path)
            assert operation["tags"], (method, path)
            assert operation["security"], (method, path)
            assert "401" in operation["responses"], (method, path)


def test_openapi_marks_public_reads_and_member_writes(document: dict[str, Any]) -> None:
    schemes = document["components"]["securitySchemes"]
    assert schemes["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert {} in document["paths"]["/api/v1/boards"]["get"]["security"]
    assert {} not in document["paths"]["/api/v1/topics"]["post"]["security"]


def test_docs_page_is_self_hosted_and_lists_the_endpoints(anon: Api) -> None:
    response = Client().get("/api/v1/docs", headers={"Accept-Language": "en"})

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-testid="api-endpoint"') == len(EXPECTED)
    assert "/api/v1/topics/{topic_id}/replies" in html
    assert "/api/v1/openapi.json" in html
    # Absolute links to the site itself (the canonical URL) are not assets.
    external = re.findall(r'(?:src|href)="(https?:)?//(?!testserver/)[^"]+"', html)
    assert external == [], "every asset must be served by Hearth itself"


def test_unknown_endpoint_is_a_json_404(anon: Api) -> None:
    response = anon.get("/no/such/thing")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_messages_follow_accept_language(api_as: Any, alice: Any, public_board: Any) -> None:
    api = api_as(alice)
    english = error_of(api.post("/topics", {"board": "gadgets", "body": "x"}))
    assert english["fields"]["title"] == "This field is required."

    api.language = "zh-hans"
    chinese = error_of(api.post("/topics", {"board": "gadgets", "body": "x"}))
    assert chinese["fields"]["title"] == "这个字段是必填项。"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page_size": 101}, "page_size"),
        ({"page_size": 0}, "page_size"),
        ({"page": 0}, "page"),
        ({"page": "two"}, "page"),
    ],
)
def test_pagination_bounds(
    anon: Api, public_board: Any, params: dict[str, Any], field: str
) -> None:
    response = anon.get("/topics", **params)
    assert response.status_code == 422
    assert field in error_of(response)["fields"]


def test_pages_past_the_end_are_empty(
    anon: Api, alice: Any, public_board: Any, make_topic: Any
) -> None:
    for _ in range(3):
        make_topic(alice, public_board)

    full = anon.get("/topics", page_size=100).json()
    assert (full["total"], full["pages"], len(full["items"])) == (3, 1, 3)
    past = anon.get("/topics", page=5, page_size=2).json()
    assert (past["total"], past["page"], past["pages"], past["items"]) == (3, 5, 2, [])
    default = anon.get("/topics").json()
    assert default["page_size"] == 20


@pytest.mark.usefixtures("no_posting_limit")
def test_topic_list_runs_a_constant_number_of_queries(
    api_as: Any, alice: Any, bob: Any, public_board: Any, make_topic: Any
) -> None:
    api = api_as(bob)
    api.get("/me")  # the token's first use is recorded once; keep it out of the count

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = api.get("/topics", page_size=100)
        assert response.status_code == 200
        return len(captured)

    make_topic(alice, public_board, tags=["a"])
    few = queries()
    for i in range(20):
        make_topic(alice if i % 2 else bob, public_board, tags=["a", f"t{i}"])
    assert queries() == few


def test_docs_page_in_chinese_translates_the_endpoint_summaries(anon: Api) -> None:
    response = Client().get("/api/v1/docs", headers={"Accept-Language": "zh-hans"})

    html = response.content.decode()
    assert "列出调用方可见的版块" in html
    assert "List the boards the caller can see" not in html
    assert "响应：" in html
    assert "Responses" not in html


def test_openapi_document_stays_english_whatever_the_language(anon: Api) -> None:
    anon.language = "zh-hans"
    document = json.loads(anon.get("/openapi.json").content)

    operation = document["paths"]["/api/v1/boards"]["get"]
    assert operation["summary"] == "List the boards the caller can see"
    assert operation["tags"] == ["boards"]
