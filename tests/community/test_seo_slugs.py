"""Pinyin slugs and canonical topic addresses: /t/<pk>/<slug>/, old forms still lead there."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hearth.community.models import Topic
from hearth.community.topic_urls import TOPIC_SLUG_MAX, topic_slug
from hearth.core.slugs import pinyin_slug


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("如何学习Python", "ru-he-xue-xi-python"),
        ("如何学习 Python？", "ru-he-xue-xi-python"),
        ("2026年读书计划", "2026-nian-du-shu-ji-hua"),
        ("Hello, World!", "hello-world"),
        ("Ünïcödé café", "unicode-cafe"),
        ("🎉 庆祝一下", "qing-zhu-yi-xia"),
        ("🎉🎉🎉", ""),
        ("！？。", ""),
        ("edit", ""),  # the topic's own sub-page: never a slug
    ],
)
def test_topic_slug(title: str, slug: str) -> None:
    assert topic_slug(title) == slug


def test_long_titles_are_cut_between_words() -> None:
    slug = pinyin_slug("一二三四五六七八九十" * 5, max_length=TOPIC_SLUG_MAX)
    assert len(slug) <= TOPIC_SLUG_MAX
    assert slug.startswith("yi-er-san-si")
    assert not slug.endswith("-")
    assert set(slug.split("-")) <= {"yi", "er", "san", "si", "wu", "liu", "qi", "ba", "jiu", "shi"}
    assert pinyin_slug("abc defghij", max_length=8) == "abc"
    assert pinyin_slug("abcdefghij", max_length=8) == "abcdefgh"


def _topic(make_topic: Callable[..., Any], title: str) -> Topic:
    topic: Topic = make_topic(title=title)
    return topic


@pytest.mark.django_db
def test_absolute_url_is_the_slug_url_and_old_names_still_reverse(
    make_topic: Callable[..., Any],
) -> None:
    topic = _topic(make_topic, "如何学习Python")
    assert topic.get_absolute_url() == f"/t/{topic.pk}/ru-he-xue-xi-python/"
    assert reverse("community:topic", args=[topic.pk]) == f"/t/{topic.pk}/"
    emoji = _topic(make_topic, "🎉🎉")
    assert emoji.get_absolute_url() == f"/t/{emoji.pk}/"


@pytest.mark.django_db
def test_slug_url_renders_and_plain_url_names_it_canonical(
    make_topic: Callable[..., Any], client: Client
) -> None:
    topic = _topic(make_topic, "如何学习Python")
    canonical = f"http://testserver/t/{topic.pk}/ru-he-xue-xi-python/"
    slugged = client.get(f"/t/{topic.pk}/ru-he-xue-xi-python/")
    assert slugged.status_code == 200
    assert f'<link rel="canonical" href="{canonical}">' in slugged.content.decode()
    plain = client.get(f"/t/{topic.pk}/")
    assert plain.status_code == 200
    assert f'<link rel="canonical" href="{canonical}">' in plain.content.decode()


@pytest.mark.django_db
def test_wrong_or_stale_slug_redirects_permanently(
    make_topic: Callable[..., Any], client: Client
) -> None:
    topic = _topic(make_topic, "如何学习Python")
    response = client.get(f"/t/{topic.pk}/wrong-words/?page=2&utm_source=weibo")
    assert response.status_code == 301
    assert response["Location"] == (f"/t/{topic.pk}/ru-he-xue-xi-python/?page=2&utm_source=weibo")
    Topic.objects.filter(pk=topic.pk).update(title="学习Go语言")
    stale = client.get(f"/t/{topic.pk}/ru-he-xue-xi-python/")
    assert stale.status_code == 301
    assert stale["Location"] == f"/t/{topic.pk}/xue-xi-go-yu-yan/"


@pytest.mark.django_db
def test_sub_pages_and_posts_under_the_topic_are_untouched(
    make_topic: Callable[..., Any], author: Any, login: Callable[[Any], Client]
) -> None:
    topic = _topic(make_topic, "edit")  # a title that reads like a sub-page
    client = login(author)
    assert topic.get_absolute_url() == f"/t/{topic.pk}/"
    edit_page = client.get(f"/t/{topic.pk}/edit/")
    assert edit_page.status_code == 200
    assert 'name="title"' in edit_page.content.decode()
    response = client.post(f"/t/{topic.pk}/reply/", {"body": "同问，我也想知道"})
    assert response.status_code == 302
    assert topic.replies.count() == 1
    assert client.get(f"/t/{topic.pk}/revisions/").status_code == 200


@pytest.mark.django_db
def test_lists_link_the_canonical_address(
    make_topic: Callable[..., Any], client: Client, board: Any
) -> None:
    topic = _topic(make_topic, "新手机值得买吗")
    html = client.get(reverse("community:board", args=[board.slug])).content.decode()
    assert f'href="/t/{topic.pk}/xin-shou-ji-zhi-de-mai-ma/"' in html
