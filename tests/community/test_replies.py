"""Replies, with quoting."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hearth.community.models import Reply, Status
from hearth.community.services import reply_create, topic_create

from .conftest import HTMX

pytestmark = pytest.mark.django_db


def test_member_replies_and_lands_on_the_reply(
    reader_client: Client, topic: Any, reader: Any
) -> None:
    response = reader_client.post(
        reverse("community:reply", args=[topic.pk]), {"body": "我觉得**值得**买"}
    )
    reply = Reply.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("community:topic", args=[topic.pk]) + f"#r{reply.pk}"
    assert reply.author == reader
    html = reader_client.get(response["Location"]).content.decode()
    assert "<strong>值得</strong>" in html
    topic.refresh_from_db()
    assert topic.reply_count == 1


def test_quote_link_shows_the_quoted_text_in_the_form(
    reader_client: Client, topic: Any, author: Any
) -> None:
    quoted = reply_create(author=author, topic=topic, body="> 更早的引用\n\n续航大概一天半")
    url = reverse("community:reply", args=[topic.pk]) + f"?quote={quoted.pk}"

    page = reader_client.get(url).content.decode()
    fragment = reader_client.get(url, headers=HTMX).content.decode()

    for html in (page, fragment):
        assert 'data-testid="quote-preview"' in html
        assert "续航大概一天半" in html
        assert f'name="quote" value="{quoted.pk}"' in html
    assert "<html" not in fragment


def test_reply_with_quote_shows_a_quote_box(reader_client: Client, topic: Any, author: Any) -> None:
    quoted = reply_create(author=author, topic=topic, body="续航**大概**[一天半](https://x.cn)")
    reader_client.post(
        reverse("community:reply", args=[topic.pk]),
        {"body": "我的也差不多", "quote": str(quoted.pk)},
    )
    reply = Reply.objects.get(body="我的也差不多")
    assert reply.quote == quoted
    html = reader_client.get(reverse("community:topic", args=[topic.pk])).content.decode()
    box = html[html.index('class="quote-box"') :]
    assert "续航大概一天半" in box[: box.index("</blockquote>")]


def test_quoting_a_reply_of_another_topic_is_refused(
    reader_client: Client, topic: Any, author: Any, board: Any
) -> None:
    other = topic_create(author=author, board=board, title="另一个", body="正文")
    foreign = reply_create(author=author, topic=other, body="别处的回复")
    response = reader_client.post(
        reverse("community:reply", args=[topic.pk]),
        {"body": "引用错了", "quote": str(foreign.pk)},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "You can only quote a visible reply of this topic." in html
    assert "引用错了" in html
    assert not Reply.objects.filter(topic=topic).exists()


def test_empty_reply_is_refused(reader_client: Client, topic: Any) -> None:
    response = reader_client.post(reverse("community:reply", args=[topic.pk]), {"body": "   "})
    assert response.status_code == 400
    assert "The text cannot be empty." in response.content.decode()
    assert not Reply.objects.exists()


def test_overlong_reply_is_refused_and_kept(reader_client: Client, topic: Any) -> None:
    body = "字" * 20_001
    response = reader_client.post(reverse("community:reply", args=[topic.pk]), {"body": body})
    assert response.status_code == 400
    assert body in response.content.decode()
    assert not Reply.objects.exists()


def test_visitor_is_sent_to_log_in(client: Client, topic: Any) -> None:
    response = client.post(reverse("community:reply", args=[topic.pk]), {"body": "你好"})
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert not Reply.objects.exists()


def test_no_replies_to_a_held_topic(author_client: Client, topic: Any) -> None:
    topic.status = Status.HELD
    topic.save(update_fields=["status"])
    response = author_client.post(reverse("community:reply", args=[topic.pk]), {"body": "补充"})
    assert response.status_code == 403
    assert not Reply.objects.exists()
