"""URL slugs from titles and names: Chinese written in pinyin (人工智能 → ren-gong-zhi-neng).

One helper for every slug the site makes (boards, topic addresses), so that
a title reads the same in every URL. Slugs are lowercase ASCII words joined
by hyphens; what has no Latin reading (emoji, symbols) is dropped.
"""

from __future__ import annotations

from django.utils.text import slugify
from pypinyin import lazy_pinyin


def pinyin_slug(text: str, *, max_length: int) -> str:
    """``text`` as a slug of at most ``max_length`` characters, cut between words ("" if none)."""
    slug = slugify(" ".join(lazy_pinyin(text.strip())))
    if len(slug) <= max_length:
        return slug
    cut = slug[: max_length + 1]
    if cut.endswith("-"):
        return cut.strip("-")
    head = cut[:max_length]
    if "-" in head:  # drop the word the limit cut through
        head = head.rsplit("-", 1)[0]
    return head.strip("-")
