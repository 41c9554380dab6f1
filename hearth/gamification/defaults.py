"""The issue's default point rules and ladder, restorable at any time (tests, demo, reset buttons)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.gamification.actions import Cycle, PointAction
from hearth.gamification.ladder import LevelDraft
from hearth.gamification.models import Badge
from hearth.gamification.permissions import can_manage_point_rules
from hearth.gamification.services.levels import ladder_replace
from hearth.gamification.services.rules import point_rule_set

# action, points, cycle, cap, no repeat for the same target, floor, active
DEFAULT_RULES: list[tuple[str, int, str, int | None, bool, int | None, bool]] = [
    (PointAction.SIGN_IN, 2, Cycle.DAILY, 1, False, None, True),
    (PointAction.TOPIC_CREATED, 5, Cycle.DAILY, 10, False, None, True),
    (PointAction.REPLY_CREATED, 2, Cycle.DAILY, 20, False, None, True),
    (PointAction.LIKE_RECEIVED, 1, Cycle.DAILY, 50, False, None, True),
    (PointAction.LIKE_GIVEN, 1, Cycle.DAILY, 10, False, None, False),
    (PointAction.TOPIC_FEATURED, 20, Cycle.UNLIMITED, None, True, None, True),
    (PointAction.PROFILE_COMPLETED, 5, Cycle.ONCE, None, False, None, True),
    (PointAction.FIRST_TOPIC, 10, Cycle.ONCE, None, False, None, True),
    (PointAction.REPORT_UPHELD_AGAINST, -20, Cycle.UNLIMITED, None, False, 0, True),
    (PointAction.INVITE_ACCEPTED, 10, Cycle.UNLIMITED, None, True, None, True),
    (PointAction.ONBOARDING_STEP, 3, Cycle.UNLIMITED, None, True, None, True),
]


@transaction.atomic
def point_rules_restore_defaults() -> None:
    """Set every rule back to its default (board overrides removed)."""
    for action, points, cycle, cap, no_repeat, floor, active in DEFAULT_RULES:
        point_rule_set(
            action=action,
            points=points,
            cycle=cycle,
            cap=cap,
            no_repeat_target=no_repeat,
            floor=floor,
            active=active,
            board_points={},
        )


# name, lifetime points needed (the default ladder)
DEFAULT_LADDER: list[tuple[str, int]] = [
    ("新手上路", 0),
    ("初级会员", 50),
    ("中级会员", 200),
    ("高级会员", 500),
    ("金牌会员", 1000),
    ("社区元老", 3000),
]

# position: post_restricted, upload_images, daily_post_limit, custom_title, invite_codes,
#           badge slug, event_early_hours (the same as migration 0005's frozen copy)
DEFAULT_PRIVILEGES: dict[int, tuple[bool, bool, int | None, bool, int, str | None, int]] = {
    1: (False, False, 20, False, 0, None, 0),
    2: (False, True, 50, False, 0, None, 0),
    3: (True, True, 100, False, 1, None, 0),
    4: (True, True, None, True, 3, None, 12),
    5: (True, True, None, True, 5, "gold-member", 24),
    6: (True, True, None, True, 10, "elder", 48),
}


# slug, name, description, icon, tier, criterion, threshold, multiple, auto_revoke
# (the same as migration 0005's frozen copy)
DEFAULT_BADGES: list[tuple[str, str, str, str, str, str, int | None, bool, bool]] = [
    ("first-topic", "初来乍到", "发布第一篇主题", "✏️", "bronze", "topics", 1, False, False),
    ("prolific", "笔耕不辍", "发布 50 篇主题", "📚", "silver", "topics", 50, False, False),
    ("helpful", "热心助人", "发表 100 条回复", "🤝", "silver", "replies", 100, False, False),
    (
        "liked-10",
        "小有人气",
        "累计获得 10 个赞",
        "👍",
        "bronze",
        "likes_received",
        10,
        False,
        False,
    ),
    (
        "liked-100",
        "人气之星",
        "累计获得 100 个赞",
        "🌟",
        "silver",
        "likes_received",
        100,
        False,
        False,
    ),
    (
        "liked-1000",
        "万人迷",
        "累计获得 1000 个赞",
        "💖",
        "gold",
        "likes_received",
        1000,
        False,
        False,
    ),
    ("streak-7", "七日连签", "连续签到 7 天", "📅", "bronze", "check_in_streak", 7, False, False),
    (
        "streak-30",
        "月度坚持",
        "连续签到 30 天",
        "🔥",
        "silver",
        "check_in_streak",
        30,
        False,
        False,
    ),
    ("featured", "精华作者", "有主题被评为精华", "💎", "silver", "featured_topics", 1, False, True),
    (
        "featured-10",
        "精华大师",
        "10 篇主题被评为精华",
        "👑",
        "gold",
        "featured_topics",
        10,
        False,
        True,
    ),
    ("event-winner", "活动冠军", "在社区活动中获奖", "🏆", "gold", "event_wins", 1, True, False),
    ("gold-member", "金牌会员", "金牌会员专属勋章", "🥇", "gold", "manual", None, False, False),
    ("elder", "社区元老", "社区元老专属勋章", "🏛️", "gold", "manual", None, False, False),
]


def badges_restore_defaults() -> None:
    """Put back every default badge that is missing (by code); existing badges are kept."""
    for position, row in enumerate(DEFAULT_BADGES, start=1):
        slug, name, description, icon, tier, criterion, threshold, multiple, revoke = row
        Badge.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "icon": icon,
                "tier": tier,
                "criterion": criterion,
                "threshold": threshold,
                "multiple": multiple,
                "auto_revoke": revoke,
                "position": position,
            },
        )


def default_levels() -> list[LevelDraft]:
    """The default ladder with its privileges; a badge missing from the database is left out."""
    slugs = {row[5] for row in DEFAULT_PRIVILEGES.values() if row[5]}
    badges = dict(Badge.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    drafts = []
    for position, (name, threshold) in enumerate(DEFAULT_LADDER, start=1):
        restricted, images, limit, title, invites, badge, early = DEFAULT_PRIVILEGES[position]
        drafts.append(
            LevelDraft(
                name=name,
                threshold=threshold,
                post_restricted=restricted,
                upload_images=images,
                daily_post_limit=limit,
                custom_title=title,
                invite_codes=invites,
                badge_id=badges.get(badge) if badge else None,
                event_early_hours=early,
            )
        )
    return drafts


def ladder_restore_defaults() -> None:
    """Set the ladder and its privileges back to the default and move every member to match."""
    ladder_replace(levels=default_levels())


def point_rules_reset(*, actor: User) -> None:
    """The editor's "restore defaults": every rule back to the issue's, overrides removed."""
    if not can_manage_point_rules(actor):
        raise PermissionDenied(_("You cannot edit the point rules."))
    point_rules_restore_defaults()
