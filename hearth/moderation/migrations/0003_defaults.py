"""Create the default community rules, sanction ladder, policies and variants."""

from django.db import migrations


def create_defaults(apps, schema_editor):
    from hearth.moderation.defaults import moderation_restore_defaults

    moderation_restore_defaults(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0002_records")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
