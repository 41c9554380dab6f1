"""Search-engine files at the site root: robots.txt, the sitemap index and its sections.

The sections come from the apps that own the pages (community, events); this
module only puts them together, so no app imports another for SEO.
"""

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.urls import URLPattern, path
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

from hearth.community.sitemaps import BoardSitemap, MemberSitemap, TopicSitemap
from hearth.core.seo import PagesSitemap, robots_txt
from hearth.events.sitemaps import EventSitemap

app_name = "seo"

SITEMAPS: dict[str, "Sitemap[Any]"] = {
    "pages": PagesSitemap(
        ("community:home", "community:boards", "events:list", "core:rules", "core:culture")
    ),
    "boards": BoardSitemap(),
    "topics": TopicSitemap(),
    "members": MemberSitemap(),
    "events": EventSitemap(),
}
CACHE_SECONDS = 15 * 60

urlpatterns: list[URLPattern] = [
    path("robots.txt", require_GET(cache_page(CACHE_SECONDS)(robots_txt)), name="robots"),
    path(
        "sitemap.xml",
        cache_page(CACHE_SECONDS)(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "seo:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_page(CACHE_SECONDS)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]
