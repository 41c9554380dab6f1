# Default badges, level privileges and the fairness policy row.

from django.db import migrations

# Frozen copies of hearth.gamification.defaults at this migration.
DEFAULT_BADGES = [
    # slug, name, description, icon, tier, criterion, threshold, multiple, auto_revoke
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

# position: post_restricted, upload_images, daily_post_limit, custom_title, invite_codes,
#           badge slug, event_early_hours
DEFAULT_PRIVILEGES = {
    1: (False, False, 20, False, 0, None, 0),
    2: (False, True, 50, False, 0, None, 0),
    3: (True, True, 100, False, 1, None, 0),
    4: (True, True, None, True, 3, None, 12),
    5: (True, True, None, True, 5, "gold-member", 24),
    6: (True, True, None, True, 10, "elder", 48),
}


def create_defaults(apps, schema_editor):
    Badge = apps.get_model("gamification", "Badge")
    Level = apps.get_model("gamification", "Level")
    FairnessPolicy = apps.get_model("gamification", "FairnessPolicy")
    FairnessPolicy.objects.get_or_create(pk=1)
    if not Badge.objects.exists():
        for position, row in enumerate(DEFAULT_BADGES, start=1):
            slug, name, description, icon, tier, criterion, threshold, multiple, revoke = row
            Badge.objects.create(
                slug=slug,
                name=name,
                description=description,
                icon=icon,
                tier=tier,
                criterion=criterion,
                threshold=threshold,
                multiple=multiple,
                auto_revoke=revoke,
                position=position,
            )
    for position, row in DEFAULT_PRIVILEGES.items():
        restricted, images, limit, title, invites, badge, early = row
        Level.objects.filter(position=position).update(
            post_restricted=restricted,
            upload_images=images,
            daily_post_limit=limit,
            custom_title=title,
            invite_codes=invites,
            badge=Badge.objects.filter(slug=badge).first() if badge else None,
            event_early_hours=early,
        )


def remove_defaults(apps, schema_editor):
    apps.get_model("gamification", "Level").objects.update(badge=None)
    apps.get_model("gamification", "Badge").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("gamification", "0004_privileges_badges_leaderboards"),
    ]

    operations = [migrations.RunPython(create_defaults, remove_defaults)]
