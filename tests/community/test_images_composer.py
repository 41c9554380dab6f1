"""Images in posts as readers see them, and the composer's "Insert image" button."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hearth.community.services import topic_create
from hearth.community.services.images import post_image_markdown, post_image_upload
from hearth.core.markdown import render
from tests.community.pictures import (
    MEDIA_PATH,
    UPLOAD_URL,
    Tags,
    default_ladder_fixture,  # noqa: F401 (fixture)
    give_points_fixture,  # noqa: F401 (fixture)
    newcomer_fixture,  # noqa: F401 (fixture)
    picture,
    uploader_fixture,  # noqa: F401 (fixture)
)
from tests.community.test_xss import LiveCode

pytestmark = pytest.mark.django_db


# Rendering -------------------------------------------------------------------------


def test_the_markdown_renders_to_an_img_of_the_media_url(
    uploader: Any, board: Any, login: Callable[[Any], Client]
) -> None:
    image = post_image_upload(member=uploader, upload=picture())
    markdown = post_image_markdown(image)

    topic = topic_create(
        author=uploader, board=board, title="我的新桌面", body=f"看看这个：\n\n{markdown}"
    )
    page = login(uploader).get(reverse("community:topic", args=[topic.pk])).content.decode()

    assert f'<img src="{image.file.url}" alt="" loading="lazy">' in topic.body_html
    assert f'<img src="{image.file.url}"' in page


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("![cat](https://img.example.com/cat.png)", '<a href="https://img.example.com/cat.png"'),
        ("![](http://img.example.com/cat.png)", ">http://img.example.com/cat.png</a>"),
        ("![cat](//img.example.com/cat.png)", "cat"),
        ("![a](/media/avatars/1-2026.png)", '<a href="/media/avatars/1-2026.png"'),
        ("![a](/media/posts/2026/11/../../../admin.png)", "<a href="),
        ("![a](/media/posts/2026/11/x.svg)", "<a href="),
    ],
    ids=["https", "http-no-alt", "protocol-relative", "avatar", "traversal", "svg"],
)
def test_only_the_sites_own_post_images_are_shown(markdown: str, expected: str) -> None:
    html = render(markdown)

    assert "<img" not in html
    assert expected in html


@pytest.mark.parametrize(
    "markdown",
    [
        "![x](javascript:alert('xss-img-1'))",
        "![x\" onerror=\"alert('xss-img-2')](/media/posts/2026/11/abc.png)",
        '![x](/media/posts/2026/11/abc.png "t\\" onerror=\\"alert(\'xss-img-3\')")',
        "<img src=/media/posts/2026/11/abc.png onerror=\"alert('xss-img-4')\">",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "[![x](/media/posts/2026/11/abc.png)](javascript:alert('xss-img-5'))",
    ],
)
def test_image_markdown_cannot_carry_script(markdown: str) -> None:
    html = render(markdown)

    checker = LiveCode()  # the XSS tests' checker: attributes as a browser parses them
    checker.feed(html)
    assert checker.problems == []
    tags = Tags()
    tags.feed(html)
    for tag, attrs in tags.seen:
        assert not [name for name, _value in attrs if name.startswith("on")], html
        if tag == "img":
            assert MEDIA_PATH.match(dict(attrs)["src"] or ""), html
        assert not (dict(attrs).get("href") or "").lower().startswith("javascript"), html


def test_own_images_render_with_alt_text_and_title(db: None) -> None:
    html = render('![我的 *桌面*](/media/posts/2026/11/Ab_-9.webp "标题")')

    assert html == (
        '<p><img src="/media/posts/2026/11/Ab_-9.webp" alt="我的 桌面" title="标题" '
        'loading="lazy"></p>\n'
    )


# The composer ------------------------------------------------------------------------


def test_the_composer_offers_the_button_to_members_who_may_upload(
    uploader: Any, board: Any, login: Callable[[Any], Client]
) -> None:
    client = login(uploader)
    topic = topic_create(author=uploader, board=board, title="标题", body="正文")

    for url in (
        reverse("community:topic_new"),
        reverse("community:topic", args=[topic.pk]),
        reverse("community:reply", args=[topic.pk]),
    ):
        page = client.get(url).content.decode()
        assert 'data-testid="image-insert"' in page, url
        assert f'data-upload-url="{UPLOAD_URL}"' in page
        assert 'data-target="id_body"' in page
        assert "community/composer.js" in page
        assert reverse("javascript-catalog") in page
        assert 'data-testid="image-insert-locked"' not in page


def test_the_composer_shows_a_locked_button_with_the_reason(
    newcomer: Any, board: Any, login: Callable[[Any], Client]
) -> None:
    client = login(newcomer)
    topic = topic_create(author=newcomer, board=board, title="标题", body="正文")

    for url in (reverse("community:topic_new"), reverse("community:topic", args=[topic.pk])):
        page = client.get(url).content.decode()
        assert 'data-testid="image-insert"' not in page, url
        locked = re.search(r'<button[^>]*data-testid="image-insert-locked"[^>]*>', page)
        assert locked is not None
        assert " disabled" in locked.group(0)
        assert "your level, “新手上路”, does not include it yet" in page


def test_visitors_get_no_composer_script(topic: Any) -> None:
    page = Client().get(reverse("community:topic", args=[topic.pk])).content.decode()

    assert "composer.js" not in page
    assert "image-insert" not in page


def test_the_js_catalogue_page_serves(db: None) -> None:
    response = Client().get(reverse("javascript-catalog"))

    assert response.status_code == 200
    assert b"gettext" in response.content
