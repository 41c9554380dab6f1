"""A topic's canonical address: ``/t/<pk>/<pinyin-slug>/`` (``/t/<pk>/`` when the title has none).

The slug is made from the title on the fly (never stored), so an edited
title moves the canonical address and the old one redirects to it. A slug
never takes a word the topic's own sub-pages use (``/t/<pk>/edit/`` …).
"""

from __future__ import annotations

import functools

from django.urls import reverse

from hearth.core.slugs import pinyin_slug

TOPIC_SLUG_MAX = 60
_SUB_PAGES = frozenset(
    {"edit", "revisions", "reply", "like", "unlike", "share", "bookmark", "read"}
    | {"feature", "pin", "status"}
)


@functools.lru_cache(maxsize=8192)  # pinyin costs ~0.2 ms a title; lists show the same ones
def topic_slug(title: str) -> str:
    """The title as a slug (≤ 60 characters, lowercase ASCII, hyphens); "" when it has none."""
    slug = pinyin_slug(title, max_length=TOPIC_SLUG_MAX)
    return "" if slug in _SUB_PAGES else slug


def topic_url(*, pk: int, title: str) -> str:
    """The canonical path of topic ``pk`` titled ``title``."""
    slug = topic_slug(title)
    if not slug:
        return reverse("community:topic", kwargs={"pk": pk})
    return reverse("community:topic_slug", kwargs={"pk": pk, "slug": slug})
