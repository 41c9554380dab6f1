"""Home, boards, a board and the topic page show what members expect."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from hearth.community.fragments import NaturalTime
from hearth.community.models import PinScope, Reply, Status, Topic
from hearth.community.selectors import REPLIES_PER_PAGE
from hearth.community.services import reply_create, topic_feature, topic_pin

pytestmark = pytest.mark.django_db


def _titles(html: str, titles: list[str]) -> list[int]:
    return [html.index(t) for t in titles]


def test_home_lists_latest_topics_with_board_and_sidebar(
    client: Client, topic: Any, board: Any
) -> None:
    response = client.get(reverse("community:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert topic.title in html
    assert board.name in html
    assert 'data-testid="community-stats"' in html


def test_home_tabs_order_latest_hot_and_featured(
    client: Client, make_topic: Callable[..., Any], staff_member: Any
) -> None:
    old = make_topic(title="老帖子", created_at=timezone.now() - dt.timedelta(days=3))
    new = make_topic(title="新帖子")
    Topic.objects.filter(pk=old.pk).update(hot_score=10**6)
    low = make_topic(title="一星精华")
    high = make_topic(title="三星精华")
    topic_feature(actor=staff_member, topic=high, level=3)
    topic_feature(actor=staff_member, topic=low, level=1)

    latest = client.get(reverse("community:home")).content.decode()
    hot = client.get(reverse("community:home") + "?tab=hot").content.decode()
    featured = client.get(reverse("community:home") + "?tab=featured").content.decode()

    assert latest.index(new.title) < latest.index(old.title)
    tabs = hot.index('data-testid="topic-tabs"')
    assert hot.index(old.title, tabs) < hot.index(new.title, tabs)
    tabs = featured.index('data-testid="topic-tabs"')
    assert featured.index(high.title, tabs) < featured.index(low.title, tabs)
    assert new.title not in featured[tabs:]


def test_home_shows_global_pins_first_until_they_expire(
    client: Client, make_topic: Callable[..., Any], staff_member: Any
) -> None:
    pinned = make_topic(title="社区公告")
    expired = make_topic(title="过期公告")
    make_topic(title="普通话题")
    topic_pin(actor=staff_member, topic=pinned, scope=PinScope.GLOBAL)
    topic_pin(
        actor=staff_member,
        topic=expired,
        scope=PinScope.GLOBAL,
        until=timezone.now() + dt.timedelta(hours=1),
    )
    Topic.objects.filter(pk=expired.pk).update(pinned_until=timezone.now() - dt.timedelta(hours=1))

    html = client.get(reverse("community:home")).content.decode()
    pins = html[html.index('data-testid="pinned-topics"') : html.index('data-testid="topic-tabs"')]
    assert "社区公告" in pins
    assert "过期公告" not in pins
    latest = html[html.index('data-testid="topic-tabs"') :]
    assert "社区公告" not in latest
    assert "普通话题" in latest
    assert "chip-pinned" not in latest


def test_boards_page_lists_boards(client: Client, board: Any, make_board: Any) -> None:
    make_board(name="人工智能", slug="ai")
    html = client.get(reverse("community:boards")).content.decode()
    assert "数码" in html
    assert "人工智能" in html


def test_board_page_puts_board_pins_first_and_has_tabs(
    client: Client, board: Any, make_topic: Callable[..., Any], staff_member: Any
) -> None:
    pinned = make_topic(title="版规请先读", created_at=timezone.now() - dt.timedelta(days=5))
    make_topic(title="最新的讨论")
    topic_pin(actor=staff_member, topic=pinned, scope=PinScope.BOARD)

    html = client.get(reverse("community:board", args=[board.slug])).content.decode()
    assert html.index("版规请先读") < html.index("最新的讨论")
    assert 'data-testid="pinned-topics"' in html
    for tab in ("?tab=latest", "?tab=hot", "?tab=featured"):
        assert tab in html
        assert client.get(reverse("community:board", args=[board.slug]) + tab).status_code == 200


def test_unknown_board_is_404(client: Client) -> None:
    assert client.get(reverse("community:board", args=["nope"])).status_code == 404


def test_topic_page_shows_author_tags_and_body_but_not_age_band(client: Client, topic: Any) -> None:
    html = client.get(reverse("community:topic", args=[topic.pk])).content.decode()
    assert topic.title in html
    assert "小王" in html
    assert "# 手机" in html
    assert "<strong>续航</strong>" in html
    assert topic.author.age_band
    assert topic.author.age_band not in html
    assert 'data-testid="login-prompt"' in html
    assert 'data-testid="reply-form"' not in html


def test_topic_page_shows_reply_form_to_members(reader_client: Client, topic: Any) -> None:
    html = reader_client.get(reverse("community:topic", args=[topic.pk])).content.decode()
    assert 'data-testid="reply-form"' in html
    assert f'data-read-beacon="{reverse("community:topic_read", args=[topic.pk])}"' in html


@pytest.mark.usefixtures("no_posting_limit")
def test_topic_page_paginates_replies(client: Client, topic: Any, reader: Any) -> None:
    for n in range(REPLIES_PER_PAGE + 1):
        reply_create(author=reader, topic=topic, body=f"回复编号{n:03d}号")
    url = reverse("community:topic", args=[topic.pk])

    first = client.get(url).content.decode()
    second = client.get(url + "?page=2").content.decode()

    assert first.count('data-testid="reply"') == REPLIES_PER_PAGE
    assert "回复编号000号" in first
    assert f"回复编号{REPLIES_PER_PAGE:03d}号" not in first
    assert second.count('data-testid="reply"') == 1
    assert f"回复编号{REPLIES_PER_PAGE:03d}号" in second
    assert f"#{REPLIES_PER_PAGE + 1}" in second
    assert client.get(url + "?page=abc").status_code == 200


def test_topic_page_shows_featured_and_pinned_chips(
    client: Client, topic: Any, staff_member: Any
) -> None:
    topic_feature(actor=staff_member, topic=topic, level=2)
    topic_pin(actor=staff_member, topic=topic, scope=PinScope.BOARD)
    html = client.get(reverse("community:topic", args=[topic.pk])).content.decode()
    assert 'data-testid="featured-chip"' in html
    assert "★★" in html
    assert 'data-testid="pinned-chip"' in html


def test_unknown_topic_is_404(client: Client) -> None:
    assert client.get(reverse("community:topic", args=[999_999])).status_code == 404


def test_excerpts_show_as_plain_text(client: Client, make_topic: Callable[..., Any]) -> None:
    make_topic(title="比较", body="1 < 2 & 3 > 2，**粗体**")
    html = client.get(reverse("community:home")).content.decode()
    assert "1 &lt; 2 &amp; 3 &gt; 2，粗体" in html
    assert "&amp;lt;" not in html


def test_held_reply_shown_only_to_its_author_and_moderators(
    client: Client,
    login: Callable[[Any], Client],
    staff_client: Client,
    topic: Any,
    reader: Any,
) -> None:
    held = reply_create(author=reader, topic=topic, body="等待审核的回复")
    Reply.objects.filter(pk=held.pk).update(status=Status.HELD)
    url = reverse("community:topic", args=[topic.pk])
    assert "等待审核的回复" not in client.get(url).content.decode()
    own = login(reader).get(url).content.decode()
    assert "等待审核的回复" in own
    assert 'class="chip chip-held"' in own
    assert "等待审核的回复" in staff_client.get(url).content.decode()


def test_quote_of_a_hidden_reply_is_not_shown(
    client: Client, topic: Any, reader: Any, author: Any
) -> None:
    quoted = reply_create(author=reader, topic=topic, body="后来被隐藏的话")
    reply_create(author=author, topic=topic, body="我引用一下", quote=quoted)
    Reply.objects.filter(pk=quoted.pk).update(status=Status.HIDDEN)
    html = client.get(reverse("community:topic", args=[topic.pk])).content.decode()
    assert "后来被隐藏的话" not in html
    assert "The quoted reply is no longer available." in html


def test_natural_time_of_replies() -> None:
    now = timezone.now()
    natural = NaturalTime(now)
    with translation.override("en"):
        natural = NaturalTime(now)
        assert natural(now - dt.timedelta(seconds=10)) == "just now"
        assert natural(now - dt.timedelta(minutes=1)) == "1 minute ago"
        assert natural(now - dt.timedelta(minutes=5)) == "5 minutes ago"
        assert natural(now - dt.timedelta(hours=3, minutes=2)) == "3 hours ago"
        assert natural(now - dt.timedelta(days=2, hours=1)) == "2 days ago"
    old = now - dt.timedelta(days=400)
    assert natural(old) == timezone.localtime(old).strftime("%Y-%m-%d")
