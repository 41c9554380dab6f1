"""Markdown XSS attempts in topics and replies are neutralised on the topic page."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hearth.community.models import Topic

pytestmark = pytest.mark.django_db

PAYLOADS = "\n\n".join(
    [
        "<script>alert('xss-1')</script>",
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        "[click me](javascript:alert('xss-2'))",
        "[mixed case](JaVaScRiPt:alert('xss-3'))",
        "[entity](&#106;avascript:alert('xss-4'))",
        "[spaces]( javascript:alert('xss-5') )",
        "<a href=\"javascript:alert('xss-6')\">raw link</a>",
        "<img src=x onerror=\"alert('xss-7')\">",
        "<div onmouseover=\"alert('xss-8')\">hover</div>",
        "![pixel](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==)",
        "![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<svg onload=\"alert('xss-9')\"><circle r=1 /></svg>",
        "<svg><script>alert('xss-10')</script></svg>",
        "<iframe src=\"javascript:alert('xss-11')\"></iframe>",
        "`<script>alert('in code is fine')</script>`",
        "<math><mi xlink:href=\"javascript:alert('xss-12')\">x</mi></math>",
    ]
)

# The site's own scripts: static files and Django's translation catalogue for them.
OWN_SCRIPTS = ("/static/", "/jsi18n/")
# Data, not code: structured data for search engines (its text may never hold a "<").
DATA_SCRIPT = '<script type="application/ld+json">'
FORBIDDEN_TAGS = {"svg", "math", "iframe", "object", "embed", "frame", "base", "form-action"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset"}


class LiveCode(HTMLParser):
    """Collects whatever in a page could run script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        if (
            tag == "script"
            and values.get("type") != "application/ld+json"
            and not (values.get("src") or "").startswith(OWN_SCRIPTS)
        ):
            self.problems.append(f"<script {values}>")
        for name, value in attrs:
            text = (value or "").strip().lower()
            if (name.startswith("on") and "xss" in text) or (
                name in URL_ATTRIBUTES and "alert(" in text
            ):
                self.problems.append(f"{tag} {name}={value}")
            if name in URL_ATTRIBUTES and text.startswith(("javascript:", "data:", "vbscript:")):
                self.problems.append(f"{tag} {name}={value}")


TAG = re.compile(r"<[a-zA-Z][^>]*>")


def _check(html: str) -> None:
    """Nothing live: inspected by an HTML parser and, literally, tag by tag.

    Escaped payloads may show as text (``&lt;img onerror=…&gt;``); that is inert.
    """
    parser = LiveCode()
    parser.feed(html)
    assert parser.problems == []
    tags = [t.lower() for t in TAG.findall(html)]
    own = tuple(f'src="{prefix}' for prefix in OWN_SCRIPTS)
    scripts = [t for t in tags if t.startswith("<script") and t != DATA_SCRIPT]
    assert [t for t in scripts if not any(o in t for o in own)] == []
    for data in html.split(DATA_SCRIPT)[1:]:
        assert "<" not in data.split("</script>", 1)[0]
    assert [t for t in tags if t.startswith(("<svg", "<math", "<iframe"))] == []
    assert [t for t in tags if "onerror=" in t or "onload=" in t or "onmouseover=" in t] == []
    assert [t for t in tags if 'href="javascript:' in t or "href='javascript:" in t] == []
    assert [t for t in tags if 'src="data:' in t or "src='data:" in t] == []
    assert "<script>alert" not in html.lower()
    assert "<svg" not in html.lower()


def test_payloads_in_a_topic_and_a_reply_are_neutralised(
    reader_client: Client, author_client: Client, board: Any
) -> None:
    author_client.post(
        reverse("community:topic_new"),
        {
            "board": str(board.pk),
            "title": "<script>alert('xss-title')</script>",
            "body": PAYLOADS,
            "tags": "<svg onload=alert(1)>",
        },
    )
    topic = Topic.objects.get()
    reader_client.post(reverse("community:reply", args=[topic.pk]), {"body": PAYLOADS})

    page = reader_client.get(reverse("community:topic", args=[topic.pk])).content.decode()

    assert page.count('data-testid="reply"') == 1
    assert "&lt;script&gt;alert(&#x27;in code is fine&#x27;)" in page or "in code is fine" in page
    _check(page)
    _check(reader_client.get(reverse("community:home")).content.decode())
    _check(
        reader_client.get(
            reverse("community:reply", args=[topic.pk]) + f"?quote={topic.replies.get().pk}"
        ).content.decode()
    )
