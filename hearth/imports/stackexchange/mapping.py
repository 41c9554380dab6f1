"""Stack Exchange values → Hearth values: pure functions, no database.

- usernames: the display name folded to what Hearth accepts (letters, digits,
  Chinese characters, ``_`` and ``-``; 2–30 characters), made unique;
- ``Location`` → the profile's free-text city (30 characters);
- post bodies: the dump stores rendered HTML; Hearth stores Markdown and
  renders it itself, so bodies are converted back to Markdown;
- tags: ``<a><b>`` (older dumps) or ``|a|b|`` (newer ones);
- badges: one Hearth badge per Stack Exchange badge (per tag and class for
  tag badges), tiers from ``Class`` (1 gold, 2 silver, 3 bronze).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from django.utils.text import slugify
from markdownify import markdownify

from hearth.accounts.services import USERNAME_RE
from hearth.gamification.models import BadgeTier

USERNAME_MAX = 30
DISPLAY_NAME_MAX = 40
CITY_MAX = 30
TITLE_MAX = 120
TAG_MAX = 30
TAGS_MAX = 5
SOURCE_MAX = 40
_NOT_USERNAME = re.compile(r"[^A-Za-z0-9_\-\u4e00-\u9fff]+")
_SOURCE = re.compile(rf"^[a-z0-9][a-z0-9_-]{{0,{SOURCE_MAX - 1}}}$")
_BLANK_LINES = re.compile(r"\n{3,}")
_TIERS = {1: BadgeTier.GOLD, 2: BadgeTier.SILVER, 3: BadgeTier.BRONZE}
_ICONS = {BadgeTier.GOLD: "🥇", BadgeTier.SILVER: "🥈", BadgeTier.BRONZE: "🥉"}


def source_name(folder: str) -> str:
    """The import's source name from the dump's folder name (``se_bicycles_meta_full`` …)."""
    return slugify(folder).replace("-", "_")[:SOURCE_MAX].strip("_")


def source_is_valid(source: str) -> bool:
    return _SOURCE.match(source) is not None


def _folded(text: str) -> str:
    """Accents dropped (é → e), Chinese characters kept, everything else → ``-``."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_USERNAME.sub("-", plain).strip("-_")


class Usernames:
    """Unique usernames for new members, given those already taken (compared case-blind)."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = {name.casefold() for name in taken}

    def allocate(self, display_name: str, external_id: int) -> str:
        base = _folded(display_name)[:USERNAME_MAX].strip("-_")
        if len(base) < 2:
            base = f"se-user-{external_id}"[:USERNAME_MAX]
        candidate, n = base, 1
        while candidate.casefold() in self.taken:
            n += 1
            suffix = f"-{n}"
            candidate = base[: USERNAME_MAX - len(suffix)] + suffix
        assert USERNAME_RE.match(candidate), candidate
        self.taken.add(candidate.casefold())
        return candidate


def display_name(name: str) -> str:
    return " ".join(name.split())[:DISPLAY_NAME_MAX]


def city(location: str) -> str:
    """The leading comma-separated parts of ``location`` that fit in the city field."""
    text = " ".join(location.split())
    if len(text) <= CITY_MAX:
        return text
    kept = ""
    for part in text.split(","):
        joined = f"{kept},{part}" if kept else part.strip()
        if len(joined) > CITY_MAX:
            break
        kept = joined
    return kept or text[:CITY_MAX].strip()


def markdown_from_html(html: str) -> str:
    """A post body as Markdown: what Hearth stores and renders (see hearth.core.markdown)."""
    text = markdownify(html, heading_style="ATX", bullets="-")  # script and style: dropped
    return _BLANK_LINES.sub("\n\n", text).strip()


def title(text: str) -> str:
    clean = " ".join(text.split())
    return clean if len(clean) <= TITLE_MAX else clean[: TITLE_MAX - 1].rstrip() + "…"


def tags(raw: str) -> list[str]:
    """The question's tags, in order: ``<a><b>`` or ``|a|b|``; at most 5, 30 characters each."""
    names = re.findall(r"<([^<>]+)>", raw) if raw.startswith("<") else raw.split("|")
    cleaned: dict[str, None] = {}
    for name in names:
        name = name.strip()[:TAG_MAX]
        if name:
            cleaned.setdefault(name, None)
    return list(cleaned)[:TAGS_MAX]


def board_slug(name: str) -> str:
    """A slug for a board named after a tag (``c++`` → ``c-plus-plus``)."""
    spelled = name.replace("+", "-plus").replace("#", "-sharp").replace(".", "-dot")
    return slugify(spelled)[:50].strip("-") or "tag"


@dataclass(frozen=True)
class BadgeSpec:
    slug: str
    name: str
    tier: str
    icon: str


def _slug(text: str) -> str:
    """An ASCII slug of ``text``; a short digest of it when nothing ASCII is left."""
    return slugify(text) or hashlib.blake2s(text.encode(), digest_size=5).hexdigest()


def badge_spec(name: str, badge_class: int | None, tag_based: bool) -> BadgeSpec:
    """The Hearth badge for a Stack Exchange badge: one per name, or per tag and tier for tags."""
    tier = _TIERS.get(badge_class or 3, BadgeTier.BRONZE)
    label = " ".join(name.split())
    if tag_based:
        slug = f"se-tag-{_slug(label)[:30].strip('-')}-{tier}"
        label = f"{label[:20]} · {BadgeTier(tier).label}"
    else:
        slug = f"se-{_slug(label)[:47]}"
    return BadgeSpec(slug=slug.strip("-"), name=label[:30], tier=tier, icon=_ICONS[tier])
