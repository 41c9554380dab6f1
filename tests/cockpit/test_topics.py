"""The content table: filter topics, feature them (精华) and pin them, row by row with htmx."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hearth.community.models import Status
from hearth.community.services import topic_feature, topic_set_status
from hearth.core import roles

HTMX = {"HX-Request": "true"}


@pytest.fixture
def editor(make_staff: Callable[..., Any]) -> Any:
    return make_staff(roles.CONTENT_EDITOR)


@pytest.fixture
def topics(
    make_board: Callable[..., Any], make_topic: Callable[..., Any], make_member: Callable[..., Any]
) -> dict[str, Any]:
    ai = make_board(name="人工智能", slug="ai")
    chat = make_board(name="闲聊", slug="chat")
    author = make_member("writer")
    return {
        "ai": ai,
        "chat": chat,
        "gpu": make_topic(author=author, board=ai, title="显卡怎么选"),
        "llm": make_topic(author=author, board=ai, title="大模型入门"),
        "tea": make_topic(author=author, board=chat, title="下午茶聊什么"),
    }


def _titles(html: str) -> list[str]:
    table = html.split('data-testid="topics-table"', 1)[1] if "topics-table" in html else ""
    return [t for t in ("显卡怎么选", "大模型入门", "下午茶聊什么") if t in table]


def test_filters_by_board_status_and_featured(
    editor: Any, topics: dict[str, Any], make_staff: Callable[..., Any], login: Any
) -> None:
    client = login(editor)
    url = reverse("cockpit:topics")
    assert _titles(client.get(url).content.decode()) == ["显卡怎么选", "大模型入门", "下午茶聊什么"]
    by_board = client.get(url, {"board": topics["ai"].pk}).content.decode()
    assert _titles(by_board) == ["显卡怎么选", "大模型入门"]
    topic_feature(actor=editor, topic=topics["llm"], level=1)
    assert _titles(client.get(url, {"featured": "yes"}).content.decode()) == ["大模型入门"]
    assert "大模型入门" not in _titles(client.get(url, {"featured": "no"}).content.decode())
    topic_set_status(actor=None, topic=topics["tea"], status=Status.HELD)
    assert _titles(client.get(url, {"status": "held"}).content.decode()) == ["下午茶聊什么"]
    assert _titles(client.get(url, {"q": "显卡"}).content.decode()) == ["显卡怎么选"]


def test_feature_with_htmx_redraws_the_row(editor: Any, topics: dict[str, Any], login: Any) -> None:
    topic = topics["gpu"]
    response = login(editor).post(
        reverse("cockpit:topic_feature", args=[topic.pk]), {"level": "3"}, headers=HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="topic-{topic.pk}"')
    assert 'data-testid="featured-chip"' in html
    assert "featured at level 3" in html
    topic.refresh_from_db()
    assert topic.featured_level == 3
    assert topic.featured_at is not None
    login(editor).post(reverse("cockpit:topic_feature", args=[topic.pk]), {"level": "0"})
    topic.refresh_from_db()
    assert (topic.featured_level, topic.featured_at) == (0, None)


def test_plain_post_goes_back_to_the_filtered_list(
    editor: Any, topics: dict[str, Any], login: Any
) -> None:
    back = reverse("cockpit:topics") + "?board=" + str(topics["ai"].pk)
    response = login(editor).post(
        reverse("cockpit:topic_feature", args=[topics["gpu"].pk]), {"level": "2", "next": back}
    )
    assert response.status_code == 302
    assert response["Location"] == back
    evil = login(editor).post(
        reverse("cockpit:topic_feature", args=[topics["gpu"].pk]),
        {"level": "2", "next": "https://evil.example/"},
    )
    assert evil["Location"] == reverse("cockpit:topics")


def test_bad_feature_level_is_refused(editor: Any, topics: dict[str, Any], login: Any) -> None:
    response = login(editor).post(
        reverse("cockpit:topic_feature", args=[topics["gpu"].pk]), {"level": "7"}, headers=HTMX
    )
    assert "Choose a featured level from 0 to 3." in response.content.decode()
    topics["gpu"].refresh_from_db()
    assert topics["gpu"].featured_level == 0


def test_pin_to_board_with_expiry_then_unpin(
    editor: Any, topics: dict[str, Any], login: Any
) -> None:
    topic = topics["llm"]
    until = timezone.localtime() + dt.timedelta(days=3)
    client = login(editor)
    response = client.post(
        reverse("cockpit:topic_pin", args=[topic.pk]),
        {"scope": "board", "until": until.strftime("%Y-%m-%dT%H:%M")},
        headers=HTMX,
    )
    html = response.content.decode()
    assert 'data-testid="pinned-chip"' in html
    assert "Pinned in the board" in html
    topic.refresh_from_db()
    assert topic.pin_scope == "board"
    assert topic.pinned_until is not None
    assert abs(topic.pinned_until - until) < dt.timedelta(minutes=1)
    client.post(reverse("cockpit:topic_pin", args=[topic.pk]), {"scope": "global", "until": ""})
    topic.refresh_from_db()
    assert (topic.pin_scope, topic.pinned_until) == ("global", None)
    client.post(reverse("cockpit:topic_pin", args=[topic.pk]), {"scope": ""})
    topic.refresh_from_db()
    assert topic.pin_scope == ""


def test_pin_in_the_past_is_refused_and_the_row_keeps_the_input(
    editor: Any, topics: dict[str, Any], login: Any
) -> None:
    topic = topics["llm"]
    response = login(editor).post(
        reverse("cockpit:topic_pin", args=[topic.pk]),
        {"scope": "global", "until": "2020-01-01T08:00"},
        headers=HTMX,
    )
    html = response.content.decode()
    assert "The pin must expire in the future." in html
    assert 'value="2020-01-01T08:00"' in html
    assert '<option value="global" selected>' in html
    topic.refresh_from_db()
    assert topic.pin_scope == ""


def test_moderator_pins_but_cannot_feature(
    make_staff: Callable[..., Any], topics: dict[str, Any], login: Any
) -> None:
    moderator = make_staff(roles.MODERATOR)
    client = login(moderator)
    html = client.get(reverse("cockpit:topics")).content.decode()
    assert reverse("cockpit:topic_pin", args=[topics["gpu"].pk]) in html
    assert reverse("cockpit:topic_feature", args=[topics["gpu"].pk]) not in html
    forbidden = client.post(reverse("cockpit:topic_feature", args=[topics["gpu"].pk]), {"level": 1})
    assert forbidden.status_code == 403
    client.post(reverse("cockpit:topic_pin", args=[topics["gpu"].pk]), {"scope": "board"})
    topics["gpu"].refresh_from_db()
    assert topics["gpu"].pin_scope == "board"


def _queries(client: Any) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("cockpit:topics")).status_code == 200
    return len(ctx.captured_queries)


def test_topics_page_query_count_does_not_grow(
    editor: Any,
    topics: dict[str, Any],
    make_topic: Callable[..., Any],
    make_board: Callable[..., Any],
    login: Any,
) -> None:
    client = login(editor)
    _queries(client)
    before = _queries(client)
    for n in range(8):
        make_topic(board=make_board(), title=f"更多话题 {n}")
    assert _queries(client) == before
