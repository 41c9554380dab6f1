"""Markdown to safe HTML: markdown-it-py renders, nh3 (Ammonia) sanitises.

Images show only from the site's own post media (``MEDIA_URL/posts/…``, what
the composer uploads): an outside image would tell its host every reader's
address and often fails to load on mainland networks, so ``![alt](https://…)``
becomes a plain link to it instead.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Sequence

import nh3
from django.conf import settings
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "loading"},
    "code": {"class"},
    "th": {"align"},
    "td": {"align"},
}
URL_SCHEMES = {"http", "https", "mailto"}
MENTION_RE = re.compile(r"(?<![\w@/])@([A-Za-z0-9_\-\u4e00-\u9fff]{2,30})")


@functools.cache
def _own_image_re(media_url: str) -> re.Pattern[str]:
    """The URLs of pictures uploaded for posts (see hearth.community.services.images)."""
    name = r"posts/\d{4}/\d{2}/[A-Za-z0-9_-]+\.(?:jpg|png|gif|webp)"
    return re.compile(re.escape(media_url) + name)


_LINKABLE = re.compile(r"(?i)(?:https?://|/(?!/))")


def is_own_image(url: str) -> bool:
    return _own_image_re(settings.MEDIA_URL).fullmatch(url) is not None


def _render_image(
    self: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: EnvType,
) -> str:
    """Own post pictures as lazy ``<img>``; any other image as a link to it."""
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = self.renderInlineAsText(token.children or [], options, env)
    if is_own_image(src):
        token.attrSet("alt", alt)
        token.attrSet("loading", "lazy")
        return self.renderToken(tokens, idx, options, env)
    if not _LINKABLE.match(src):
        return escapeHtml(alt)
    return f'<a href="{escapeHtml(src)}">{escapeHtml(alt or src)}</a>'


_md.add_render_rule("image", _render_image)


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "class" and not value.startswith("language-"):
        return None
    if tag == "img" and attribute == "src" and not is_own_image(value):
        return None
    if attribute == "loading" and value != "lazy":
        return None
    return value


def sanitise(html: str) -> str:
    """Keep only harmless tags, attributes and URL schemes."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer ugc",
        attribute_filter=_attribute_filter,
        strip_comments=True,
    )


def mentioned_names(text: str) -> list[str]:
    """The distinct @names in a Markdown text, in order of appearance (code excluded)."""
    without_code = re.sub(r"```.*?```|`[^`]*`", " ", text, flags=re.DOTALL)
    seen: dict[str, None] = {}
    for match in MENTION_RE.finditer(without_code):
        seen.setdefault(match.group(1), None)
    return list(seen)


def render(text: str, *, mention_url: Callable[[str], str | None] | None = None) -> str:
    """Render member Markdown to sanitised HTML; ``@name`` links where ``mention_url`` knows it."""
    source = text
    if mention_url is not None:

        def link(match: re.Match[str]) -> str:
            url = mention_url(match.group(1))
            return f"[@{match.group(1)}]({url})" if url else match.group(0)

        parts = re.split(r"(```.*?```|`[^`]*`)", source, flags=re.DOTALL)
        source = "".join(
            part if part.startswith("`") else MENTION_RE.sub(link, part) for part in parts
        )
    return sanitise(_md.render(source))


def excerpt(text: str, length: int = 140) -> str:
    """A plain-text excerpt of a Markdown text, for lists and meta descriptions."""
    plain = html.unescape(nh3.clean(_md.render(text), tags=set()))
    plain = re.sub(r"\s+", " ", plain).strip()
    return plain if len(plain) <= length else plain[: length - 1] + "…"
