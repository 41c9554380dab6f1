"""Share tags and structured data: canonical links, descriptions, Open Graph, Twitter cards,
and a topic's DiscussionForumPosting JSON-LD; nothing for topics a visitor may not read."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hearth.community.models import Status, Topic, Visibility
from hearth.community.services import like_give, reply_create, topic_set_status
from hearth.core.brand import brand_update

pytestmark = pytest.mark.django_db


def _meta(html: str, attribute: str, name: str) -> str | None:
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    return match.group(1) if match else None


def _canonical(html: str) -> str | None:
    match = re.search(r'<link rel="canonical" href="([^"]*)"', html)
    return match.group(1) if match else None


def _json_ld(html: str) -> list[dict[str, Any]]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    return [json.loads(block) for block in blocks]


def test_topic_page_has_share_tags(topic: Topic, client: Client) -> None:
    html = client.get(topic.get_absolute_url()).content.decode()
    url = f"http://testserver{topic.get_absolute_url()}"
    assert _canonical(html) == url
    assert _meta(html, "property", "og:url") == url
    assert _meta(html, "property", "og:type") == "article"
    assert _meta(html, "property", "og:title") == "新手机值得买吗"
    assert _meta(html, "property", "og:description") == topic.excerpt
    assert _meta(html, "name", "description") == topic.excerpt
    assert _meta(html, "property", "og:site_name")
    assert _meta(html, "name", "twitter:card") == "summary"
    assert _meta(html, "name", "twitter:title") == "新手机值得买吗"
    assert _meta(html, "property", "og:image") is None  # no logo yet


def test_canonical_drops_tracking_and_keeps_the_page(topic: Topic, client: Client) -> None:
    path = topic.get_absolute_url()
    html = client.get(path, {"utm_source": "weibo", "hl": "en", "page": "2"}).content.decode()
    assert _canonical(html) == f"http://testserver{path}?page=2"
    first = client.get(path, {"page": "1", "fbclid": "x"}).content.decode()
    assert _canonical(first) == f"http://testserver{path}"


def test_board_and_home_pages_describe_themselves(board: Any, client: Client) -> None:
    brand_update(description="一个聊数码、聊生活的社区。", community_name="炉边")
    board_html = client.get(reverse("community:board", args=[board.slug])).content.decode()
    assert _meta(board_html, "name", "description") == "聊聊手机、电脑和各种新玩意"
    assert _meta(board_html, "property", "og:description") == "聊聊手机、电脑和各种新玩意"
    assert _meta(board_html, "property", "og:title") == "数码"
    assert _canonical(board_html) == "http://testserver/b/gadgets/"
    home = client.get("/?utm_campaign=spring").content.decode()
    assert _meta(home, "name", "description") == "一个聊数码、聊生活的社区。"
    assert _meta(home, "property", "og:type") == "website"
    assert _meta(home, "property", "og:site_name") == "炉边"
    assert _canonical(home) == "http://testserver/"


def test_logo_becomes_the_share_image(client: Client) -> None:
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
        b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
        b"\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    brand_update(logo=SimpleUploadedFile("logo.png", png, content_type="image/png"))
    html = client.get("/").content.decode()
    image = _meta(html, "property", "og:image")
    assert image is not None
    assert image.startswith("http://testserver/media/brand/logo")


def test_topic_json_ld_is_a_discussion_forum_posting(
    topic: Topic, reader: Any, make_member: Callable[..., Any], client: Client
) -> None:
    first = reply_create(author=reader, topic=topic, body="续航**很好**，一天一充。")
    reply_create(author=make_member("second"), topic=topic, body="我觉得一般")
    like_give(member=reader, target=topic)
    topic.refresh_from_db()
    html = client.get(topic.get_absolute_url()).content.decode()
    (data,) = _json_ld(html)
    url = f"http://testserver{topic.get_absolute_url()}"
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "DiscussionForumPosting"
    assert (data["headline"], data["url"]) == ("新手机值得买吗", url)
    assert data["text"] == "最近在看新手机，续航怎么样？"
    assert data["datePublished"] == topic.created_at.isoformat()
    assert data["author"] == {
        "@type": "Person",
        "name": "小王",
        "url": "http://testserver/u/author/",
    }
    counts = {
        c["interactionType"].rsplit("/", 1)[1]: c["userInteractionCount"]
        for c in data["interactionStatistic"]
    }
    assert counts == {"CommentAction": 2, "LikeAction": 1}
    assert [c["@type"] for c in data["comment"]] == ["Comment", "Comment"]
    assert data["comment"][0]["text"] == "续航很好，一天一充。"
    assert data["comment"][0]["author"]["name"] == "读者"
    assert data["comment"][0]["url"] == f"{url}#r{first.pk}"


def test_json_ld_cannot_be_broken_out_of(make_topic: Callable[..., Any], client: Client) -> None:
    topic = make_topic(title="</script><script>alert(1)</script>", body="a & b < c")
    html = client.get(topic.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    (data,) = _json_ld(html)
    assert data["headline"] == "</script><script>alert(1)</script>"
    assert data["text"] == "a & b < c"


def test_nothing_for_topics_visitors_cannot_read(
    make_topic: Callable[..., Any],
    make_board: Callable[..., Any],
    author: Any,
    reader: Any,
    login: Callable[[Any], Client],
) -> None:
    held = make_topic(title="等待审核的话题")
    topic_set_status(actor=None, topic=held, status=Status.HELD)
    members_board = make_board(name="会员区", slug="members", visibility=Visibility.MEMBERS)
    private = make_topic(title="会员才能看的话题", board=members_board)
    author_view = login(author).get(f"/t/{held.pk}/").content.decode()
    member_view = login(reader).get(f"/t/{private.pk}/").content.decode()
    for html, title in ((author_view, "等待审核的话题"), (member_view, "会员才能看的话题")):
        assert title in html  # the page itself is served to who may see it
        assert _json_ld(html) == []
        assert '<meta name="robots" content="noindex">' in html
        assert _meta(html, "property", "og:title") != title
        assert _meta(html, "property", "og:type") == "website"


def test_member_page_is_a_profile(author: Any, client: Client) -> None:
    html = client.get("/u/author/?tab=replies&utm_source=x").content.decode()
    assert _meta(html, "property", "og:type") == "profile"
    assert _meta(html, "property", "og:title") == "小王"
    assert _canonical(html) == "http://testserver/u/author/?tab=replies"
