"""Organic search (自然搜索): recognise a search engine from the referrer's host.

A visitor who clicks a result on Baidu, Sogou, 360, Bing or Google arrives
with that engine in the ``Referer`` header and no UTM parameters; such a
landing is a touch of the search channel (``seo``), with the engine as its
source and ``organic`` as its medium. Engine names are the ones the default
search channel lists as its other UTM sources (``so360`` for 360).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

ORGANIC = "organic"


@dataclass(frozen=True)
class SearchEngine:
    name: str
    domains: tuple[str, ...]
    query_params: tuple[str, ...]
    not_search: tuple[str, ...] = ()
    """Sub-domains of the engine's company that are not its search (Baidu Tieba, Baike…)."""


ENGINES: tuple[SearchEngine, ...] = (
    SearchEngine(
        "baidu",
        ("baidu.com",),
        ("wd", "word", "kw"),
        not_search=("tieba", "zhidao", "baike", "wenku", "pan", "map", "image", "jingyan"),
    ),
    SearchEngine("sogou", ("sogou.com",), ("query", "keyword"), not_search=("pinyin", "ime")),
    SearchEngine("so360", ("so.com", "360.cn", "haosou.com"), ("q",)),
    SearchEngine("bing", ("bing.com",), ("q",)),
)
GOOGLE = "google"
GOOGLE_HOST_RE = re.compile(
    r"^(?:[a-z0-9-]+\.)*google\.(?:com|cn|[a-z]{2}|com\.[a-z]{2}|co\.[a-z]{2})$"
)


def referrer_host(referrer: str) -> str:
    """The lowercase host of a referrer URL, without port; empty when there is none."""
    try:
        return (urlsplit(referrer.strip()).hostname or "").lower().rstrip(".")
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return ""


def _engine_for_host(host: str) -> SearchEngine | None:
    for engine in ENGINES:
        for domain in engine.domains:
            if host == domain or host.endswith("." + domain):
                sub = host[: -len(domain)].rstrip(".")
                if sub.split(".")[0] in engine.not_search:
                    return None
                return engine
    return None


def search_engine_for(referrer: str) -> str | None:
    """The engine's name (``baidu``, ``sogou``, ``so360``, ``bing``, ``google``), or None."""
    host = referrer_host(referrer)
    if not host:
        return None
    if GOOGLE_HOST_RE.match(host):
        return GOOGLE
    engine = _engine_for_host(host)
    return engine.name if engine else None


def search_term_for(referrer: str) -> str:
    """The searched words when the engine still sends them (most no longer do), else ""."""
    host = referrer_host(referrer)
    params: tuple[str, ...] = ("q",) if GOOGLE_HOST_RE.match(host) else ()
    engine = _engine_for_host(host)
    if engine is not None:
        params = engine.query_params
    try:
        query = dict(parse_qsl(urlsplit(referrer).query))
    except ValueError:
        return ""
    for name in params:
        if query.get(name, "").strip():
            return query[name].strip()[:100]
    return ""
