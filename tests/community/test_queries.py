"""The topic page costs the same number of queries with 10 or 100 replies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hearth.accounts.models import User
from hearth.community.services import like_give, reply_create

pytestmark = pytest.mark.django_db

MAX_QUERIES = 25


@pytest.fixture
def writers(make_member: Callable[..., Any]) -> list[Any]:
    members = [make_member(f"writer{n}", display_name=f"作者{n}") for n in range(5)]
    User.objects.filter(pk__in=[m.pk for m in members[:2]]).update(avatar="avatars/a.png")
    return members


@pytest.fixture
def make_discussion(
    make_topic: Callable[..., Any], writers: list[Any], reader: Any
) -> Callable[[int], Any]:
    """A topic with ``n`` replies by several members, some quoting, some liked by the reader."""

    def make(n: int) -> Any:
        topic = make_topic(tags=["讨论", "测评"])
        previous = None
        for i in range(n):
            reply = reply_create(
                author=writers[i % len(writers)],
                topic=topic,
                body=f"第 {i} 条回复，**有观点**，见 [链接](https://example.com/{i})",
                quote=previous if i % 3 == 0 else None,
            )
            if i % 4 == 0:
                like_give(member=reader, target=reply)
            previous = reply
        like_give(member=reader, target=topic)
        return topic

    return make


def _queries(client: Client, topic: Any) -> int:
    url = reverse("community:topic", args=[topic.pk])
    client.get(url)  # warm: brand cache, today's read row
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.usefixtures("no_posting_limit")
@pytest.mark.parametrize("who", ["member", "visitor", "staff"])
def test_topic_page_queries_do_not_grow_with_replies(
    make_discussion: Callable[[int], Any],
    login: Callable[[Any], Client],
    reader: Any,
    staff_member: Any,
    who: str,
) -> None:
    small, large = make_discussion(10), make_discussion(100)
    client = {
        "member": lambda: login(reader),
        "visitor": Client,
        "staff": lambda: login(staff_member),
    }[who]()

    few, many = _queries(client, small), _queries(client, large)

    assert few == many
    assert many <= MAX_QUERIES


@pytest.mark.usefixtures("no_posting_limit")
def test_topic_page_renders_all_hundred_replies_with_likes_and_quotes(
    make_discussion: Callable[[int], Any], login: Callable[[Any], Client], reader: Any
) -> None:
    topic = make_discussion(100)
    html = login(reader).get(reverse("community:topic", args=[topic.pk])).content.decode()
    assert html.count('data-testid="reply"') == 100
    assert html.count('class="quote-box"') == 33
    assert html.count('aria-pressed="true"') == 25 + 1
    assert "作者4" in html
    assert 'src="/media/avatars/a.png"' in html
