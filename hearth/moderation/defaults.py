"""The defaults a new community starts with: rules, the sanction ladder, policies, variants.

Rule titles are written in the site's language when they are created; staff
edit them afterwards like any other content.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps as django_apps
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# code, title, explanation
DEFAULT_RULES: list[tuple[str, str, str]] = [
    (
        "no-ads",
        gettext_noop("No advertising or spam"),
        gettext_noop(
            "No unsolicited advertising, contact details for trading, referral links or "
            "copy-paste flooding."
        ),
    ),
    (
        "no-vulgarity",
        gettext_noop("No vulgar or obscene content"),
        gettext_noop("Keep language and images fit for a public community."),
    ),
    (
        "be-respectful",
        gettext_noop("Be respectful: no abuse or harassment"),
        gettext_noop("Criticise ideas, not people. No insults, threats or discrimination."),
    ),
    (
        "no-infringement",
        gettext_noop("Respect others' work"),
        gettext_noop(
            "Do not repost others' content without credit or permission, and do not share "
            "pirated material."
        ),
    ),
    (
        "no-false-info",
        gettext_noop("No false information"),
        gettext_noop("Do not post claims you know to be false, or misleading product claims."),
    ),
    (
        "legal",
        gettext_noop("Obey the law"),
        gettext_noop("Content that breaks the law is removed and may be reported."),
    ),
    (
        "on-topic",
        gettext_noop("Stay on topic"),
        gettext_noop("Post in the board that fits, and keep replies relevant to the topic."),
    ),
]

# position, kind, duration in hours (None: permanent or not timed)
DEFAULT_LADDER: list[tuple[int, str, int | None]] = [
    (1, "warning", None),
    (2, "mute", 24),
    (3, "mute", 7 * 24),
    (4, "ban", 30 * 24),
    (5, "ban", None),
]

# Site-wide policies: one for new members (level 1), one for everyone.
DEFAULT_POLICIES: list[dict[str, object]] = [
    {"max_level_position": None, "first_posts_held": 3, "link_action": "flag"},
    {"max_level_position": 1, "first_posts_held": 3, "link_action": "hold"},
]

DEFAULT_VARIANTS: list[tuple[str, str]] = [
    ("vx", "微信"),
    ("wx", "微信"),
    ("weixin", "微信"),
    ("v信", "微信"),
    ("qq号", "QQ"),
    ("kou kou", "QQ"),
    ("扣扣", "QQ"),
    ("jia wo", "加我"),
]


def moderation_restore_defaults(get_model: Callable[[str, str], Any] | None = None) -> None:
    """Create the default rules, ladder, policies and variants that are missing (idempotent).

    A data migration passes its historical ``apps.get_model``.
    """
    get = get_model or django_apps.get_model
    CommunityRule = get("moderation", "CommunityRule")
    ModerationPolicy = get("moderation", "ModerationPolicy")
    ModerationSettings = get("moderation", "ModerationSettings")
    SanctionStep = get("moderation", "SanctionStep")
    WordVariant = get("moderation", "WordVariant")

    with translation.override(settings.LANGUAGE_CODE):
        for position, (code, title, body) in enumerate(DEFAULT_RULES, start=1):
            CommunityRule.objects.get_or_create(
                code=code, defaults={"title": _(title), "body": _(body), "position": position}
            )
    for position, kind, hours in DEFAULT_LADDER:
        SanctionStep.objects.get_or_create(
            position=position, defaults={"kind": kind, "duration_hours": hours}
        )
    for policy in DEFAULT_POLICIES:
        fields = dict(policy)
        level = fields.pop("max_level_position")
        ModerationPolicy.objects.get_or_create(
            board=None, max_level_position=level, defaults=fields
        )
    for variant, canonical in DEFAULT_VARIANTS:
        WordVariant.objects.get_or_create(variant=variant, defaults={"canonical": canonical})
    ModerationSettings.objects.get_or_create(pk=1)
