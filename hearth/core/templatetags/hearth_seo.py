"""``{% seo_tags %}``: canonical link, Open Graph and Twitter card tags for the page.

The base template draws it with the community's defaults; a page passes its
own title, description, type (``article`` for topics) and canonical path.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest
from django.utils.safestring import SafeString

from hearth.core import seo
from hearth.core.seo import ShareTags, canonical_url, description_clean

register = template.Library()


@register.inclusion_tag("core/seo_tags.html", takes_context=True)
def seo_tags(
    context: template.Context,
    *,
    title: str = "",
    description: str = "",
    kind: str = "website",
    path: str = "",
) -> dict[str, Any]:
    request: HttpRequest | None = context.get("request")
    brand = context.get("brand")
    site_name = str(getattr(brand, "community_name", "") or "")
    if request is None:
        return {"tags": None}
    logo = getattr(brand, "logo", None)
    image = request.build_absolute_uri(logo.url) if logo else ""
    fallback = getattr(brand, "description", "") or getattr(brand, "tagline", "") or site_name
    return {
        "tags": ShareTags(
            url=canonical_url(request, path or None),
            title=str(title or site_name),
            description=description_clean(str(description or fallback)),
            kind=kind,
            site_name=site_name,
            image=image,
        )
    }


@register.simple_tag
def json_ld(data: dict[str, Any]) -> SafeString:
    """Structured data (schema.org) as a JSON-LD script, safe against member-written text."""
    return seo.json_ld(data)
