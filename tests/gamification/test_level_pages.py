"""Levels beside member names: topic header, reply rows and the member page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from hearth.community.services import reply_create, topic_create
from hearth.gamification.services import points_adjust

BODY = "A body long enough to pass the checks of the community services."
TAG = re.compile(r'<span class="level-tag" data-testid="level-tag">([^<]+)</span>')


@pytest.fixture
def topic(
    make_member: Any, make_board: Any, staff_member: Any, default_ladder: None
) -> tuple[Any, Any, Any]:
    author, replier = make_member("author"), make_member("replier")
    points_adjust(actor=staff_member, member=author, amount=250, reason="setup")
    points_adjust(actor=staff_member, member=replier, amount=600, reason="setup")
    topic = topic_create(author=author, board=make_board(), title="A topic with levels", body=BODY)
    reply_create(author=replier, topic=topic, body=BODY)
    reply_create(author=author, topic=topic, body=BODY)
    return topic, author, replier


def test_topic_page_shows_levels_in_the_header_and_beside_each_reply(
    topic: tuple[Any, Any, Any],
) -> None:
    response = Client().get(f"/t/{topic[0].pk}/")
    assert response.status_code == 200
    # header (topic author), then the two replies in order
    assert TAG.findall(response.content.decode()) == ["中级会员", "高级会员", "中级会员"]


def test_member_page_shows_the_level(topic: tuple[Any, Any, Any]) -> None:
    html = Client().get("/u/replier/").content.decode()
    assert TAG.findall(html) == ["高级会员"]
