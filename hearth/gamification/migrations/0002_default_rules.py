"""The issue's default point rules; operators edit them in the cockpit afterwards."""

from django.db import migrations

# A frozen copy of hearth.gamification.defaults.DEFAULT_RULES at this migration.
DEFAULT_RULES = [
    # action, points, cycle, cap, no_repeat_target, floor, active
    ("sign_in", 2, "daily", 1, False, None, True),
    ("topic_created", 5, "daily", 10, False, None, True),
    ("reply_created", 2, "daily", 20, False, None, True),
    ("like_received", 1, "daily", 50, False, None, True),
    ("like_given", 1, "daily", 10, False, None, False),
    ("topic_featured", 20, "unlimited", None, True, None, True),
    ("profile_completed", 5, "once", None, False, None, True),
    ("first_topic", 10, "once", None, False, None, True),
    ("report_upheld_against", -20, "unlimited", None, False, 0, True),
]


def create_rules(apps, schema_editor):
    PointRule = apps.get_model("gamification", "PointRule")
    for action, points, cycle, cap, no_repeat, floor, active in DEFAULT_RULES:
        PointRule.objects.get_or_create(
            action=action,
            defaults={
                "points": points,
                "cycle": cycle,
                "cap": cap,
                "no_repeat_target": no_repeat,
                "floor": floor,
                "active": active,
            },
        )


def remove_rules(apps, schema_editor):
    PointRule = apps.get_model("gamification", "PointRule")
    PointRule.objects.filter(entries__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("gamification", "0001_ledger")]

    operations = [migrations.RunPython(create_rules, remove_rules)]
