"""sitemap.xml and robots.txt: valid XML, absolute addresses, only what visitors may read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from defusedxml import ElementTree
from django.test import Client
from django.utils import timezone

from hearth.community.models import Status, Topic, Visibility
from hearth.community.services import topic_set_status
from hearth.events.models import Event

pytestmark = pytest.mark.django_db

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _xml(client: Client, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)


def _section_urls(client: Client) -> dict[str, list[tuple[str, str | None]]]:
    """Every section's (loc, lastmod) pairs, read through the index."""
    index = _xml(client, "/sitemap.xml")
    assert index.tag == f"{NS}sitemapindex"
    sections: dict[str, list[tuple[str, str | None]]] = {}
    for sitemap in index.findall(f"{NS}sitemap"):
        loc = sitemap.findtext(f"{NS}loc")
        assert loc is not None
        assert loc.startswith("http://testserver/sitemap-")
        name = loc.removeprefix("http://testserver/sitemap-").split(".xml")[0]
        urlset = _xml(client, loc.removeprefix("http://testserver"))
        assert urlset.tag == f"{NS}urlset"
        sections[name] = [
            (u.findtext(f"{NS}loc") or "", u.findtext(f"{NS}lastmod"))
            for u in urlset.findall(f"{NS}url")
        ]
    return sections


@pytest.fixture
def community(
    make_topic: Callable[..., Any],
    make_board: Callable[..., Any],
    make_member: Callable[..., Any],
    board: Any,
) -> dict[str, Any]:
    members_board = make_board(name="会员区", slug="members-only", visibility=Visibility.MEMBERS)
    staff_board = make_board(name="员工区", slug="staff-room", visibility=Visibility.STAFF)
    insider = make_member("insider")
    topics = {
        "public": make_topic(title="如何学习Python"),
        "held": make_topic(title="等待审核"),
        "hidden": make_topic(title="已隐藏"),
        "members": make_topic(title="会员话题", board=members_board, author=insider),
        "staff": make_topic(title="员工话题", author=insider),
    }
    Topic.objects.filter(pk=topics["staff"].pk).update(board=staff_board)
    topic_set_status(actor=None, topic=topics["held"], status=Status.HELD)
    topic_set_status(actor=None, topic=topics["hidden"], status=Status.HIDDEN)
    edited = timezone.now() - dt.timedelta(days=2)
    Topic.objects.filter(pk=topics["public"].pk).update(
        edited_at=edited, last_activity_at=edited - dt.timedelta(days=8)
    )
    start = timezone.now() + dt.timedelta(days=3)
    Event.objects.create(
        title="见面会", starts_at=start, ends_at=start + dt.timedelta(hours=2), status="published"
    )
    Event.objects.create(
        title="草稿", starts_at=start, ends_at=start + dt.timedelta(hours=2), status="draft"
    )
    return {"topics": topics, "edited": edited}


def test_sitemap_lists_only_public_pages(community: dict[str, Any], client: Client) -> None:
    sections = _section_urls(client)
    assert set(sections) == {"pages", "boards", "topics", "members", "events"}
    every = [loc for urls in sections.values() for loc, _lastmod in urls]
    assert all(loc.startswith("http://testserver/") for loc in every)
    public = community["topics"]["public"]
    assert [loc for loc, _ in sections["topics"]] == [
        f"http://testserver/t/{public.pk}/ru-he-xue-xi-python/"
    ]
    for key in ("held", "hidden", "members", "staff"):
        assert f"/t/{community['topics'][key].pk}/" not in " ".join(every)
    assert [loc for loc, _ in sections["boards"]] == ["http://testserver/b/gadgets/"]
    assert [loc for loc, _ in sections["members"]] == ["http://testserver/u/author/"]
    assert len(sections["events"]) == 1
    assert "http://testserver/" in [loc for loc, _ in sections["pages"]]


def test_topic_lastmod_is_the_latest_change(community: dict[str, Any], client: Client) -> None:
    (_loc, lastmod), *_ = _section_urls(client)["topics"]
    assert lastmod is not None
    assert (
        lastmod == timezone.localdate(community["edited"]).isoformat()
    )  # the edit, not the last reply


def test_sections_are_paginated(
    community: dict[str, Any], client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hearth.community.sitemaps import TopicSitemap

    monkeypatch.setattr(TopicSitemap, "limit", 1)
    make_more = Topic.objects.get(pk=community["topics"]["public"].pk)
    make_more.pk = None
    make_more.title = "第二个公开话题"
    make_more.save()
    index = _xml(client, "/sitemap.xml")
    locs = [s.findtext(f"{NS}loc") for s in index.findall(f"{NS}sitemap")]
    assert "http://testserver/sitemap-topics.xml?p=2" in locs
    second = _xml(client, "/sitemap-topics.xml?p=2")
    assert len(second.findall(f"{NS}url")) == 1
    assert client.get("/sitemap-topics.xml?p=99").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_robots_txt(client: Client, db: None) -> None:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    for path in ("/ops/", "/accounts/", "/api/", "/django-admin/", "/go/", "/*?q="):
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert not any(line in {"Disallow: /", "Disallow: /t/", "Disallow: /b/"} for line in lines)
