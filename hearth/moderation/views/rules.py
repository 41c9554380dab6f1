"""The public list of community rules (社区规则) that every decision cites."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.core import markdown
from hearth.core.brand import brand_get
from hearth.moderation.models import CommunityRule


def rules(request: HttpRequest) -> HttpResponse:
    preamble = brand_get().rules_markdown
    context = {
        "rules": list(CommunityRule.objects.filter(active=True).order_by("position", "pk")),
        "preamble_html": markdown.render(preamble) if preamble.strip() else "",
    }
    return render(request, "moderation/standing/rules.html", context)
