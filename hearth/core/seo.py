"""What search engines and link previews read: canonical addresses and share tags.

A page's canonical address is absolute and keeps only the query parameters
that change what the page shows (``page`` beyond the first, ``tab``);
tracking parameters (``utm_*``, ``hl``, click ids …) and anything else a
visitor appended are dropped, so every shared link of a page counts as one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib.sitemaps import Sitemap
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

KEPT_PARAMS = ("tab", "page")
DESCRIPTION_MAX = 160


def canonical_url(request: HttpRequest, path: str | None = None) -> str:
    """The absolute canonical address of the page at ``path`` (default: the request's)."""
    kept = []
    for name in KEPT_PARAMS:
        value = request.GET.get(name, "").strip()
        if not value or (name == "page" and value == "1"):
            continue
        kept.append((name, value[:40]))
    query = f"?{urlencode(kept)}" if kept else ""
    return request.build_absolute_uri((path or request.path) + query)


def description_clean(text: str, *, limit: int = DESCRIPTION_MAX) -> str:
    """One line of at most ``limit`` characters, for a meta description."""
    flat = " ".join(str(text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class ShareTags:
    """The values of a page's Open Graph and Twitter card tags."""

    url: str
    title: str
    description: str
    kind: str
    site_name: str
    image: str


_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data: dict[str, Any]) -> SafeString:
    """``data`` in a ``<script type="application/ld+json">``; ``<``, ``>``, ``&`` escaped
    so that member-written text can never close the script."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


class PagesSitemap(Sitemap):  # type: ignore[type-arg]  # generic in django-stubs only (items: str)
    """Fixed pages of the site, named by URL name (home, the board list, events …)."""

    changefreq = "daily"

    def __init__(self, names: tuple[str, ...]) -> None:
        super().__init__()
        self.names = names

    def items(self) -> list[str]:
        return list(self.names)

    def location(self, item: str) -> str:
        return reverse(item)


# Never worth crawling: the cockpit, accounts and API, redirects (tracked links,
# shares), a member's own pages, and search or filter results.
ROBOTS_DISALLOW = (
    "/ops/",
    "/accounts/",
    "/api/",
    "/django-admin/",
    "/go/",
    "/s/",
    "/i18n/",
    "/notifications/",
    "/bookmarks/",
    "/messages/",
    "/search/",
    "/*?q=",
    "/*&q=",
)
# Links carrying utm_* stay crawlable: their pages name the canonical address, which a
# crawler can only read if it may fetch them.


def robots_txt(request: HttpRequest) -> HttpResponse:
    """robots.txt: the public site is open; the sitemap index is named by absolute URL."""
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {path}" for path in ROBOTS_DISALLOW]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('seo:sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
