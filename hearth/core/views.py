"""Brand-driven static pages: rules, culture, privacy."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from hearth.core import markdown
from hearth.core.brand import brand_get


def _page(request: HttpRequest, title: str, source: str) -> HttpResponse:
    return render(
        request,
        "core/page.html",
        {
            "page_title": title,
            "page_html": markdown.render(source) if source.strip() else "",
            "empty_text": _("Nothing has been written here yet."),
        },
    )


def rules(request: HttpRequest) -> HttpResponse:
    return _page(request, _("Community rules"), brand_get().rules_markdown)


def culture(request: HttpRequest) -> HttpResponse:
    return _page(request, _("Our culture"), brand_get().culture_markdown)


def privacy(request: HttpRequest) -> HttpResponse:
    return _page(request, _("Privacy notice"), brand_get().privacy_markdown)
