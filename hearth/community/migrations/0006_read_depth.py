from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0005_anonymous_likes"),
    ]

    operations = [
        migrations.AddField(
            model_name="read",
            name="depth",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
    ]
