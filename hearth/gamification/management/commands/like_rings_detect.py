"""``hearth like_rings_detect``: raise alerts for like rings (run it daily, e.g. from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from hearth.gamification.services import like_rings_detect


class Command(BaseCommand):
    help = (
        "Look for small groups of accounts liking each other far above chance over the "
        "fairness policy's window and raise one alert per new group for staff review. "
        "Safe to run repeatedly: a group with an open or recently reviewed alert is skipped."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        alerts = like_rings_detect()
        for alert in alerts:
            self.stdout.write(
                f"alert {alert.pk}: members {alert.signature}, {alert.likes} likes "
                f"(chance: {alert.expected:.1f})"
            )
        noun = "alert" if len(alerts) == 1 else "alerts"
        self.stderr.write(f"{len(alerts)} new like-ring {noun}.")
