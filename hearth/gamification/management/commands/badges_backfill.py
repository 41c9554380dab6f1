"""``hearth badges_backfill [--badge SLUG]``: apply the badge rules to every member over history."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hearth.gamification.models import Badge
from hearth.gamification.services import badges_backfill_report


class Command(BaseCommand):
    help = "Grant (and, for auto-revoking badges, revoke) badges over all members' history."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--badge", metavar="SLUG", help="Only this badge.")

    def handle(self, *args: Any, **options: Any) -> None:
        badge = None
        if options["badge"]:
            badge = Badge.objects.filter(slug=options["badge"]).first()
            if badge is None:
                raise CommandError(f"No badge with the code {options['badge']!r}.")
        results = badges_backfill_report(badge=badge)
        for result in results:
            self.stdout.write(
                f"{result.badge.slug:<20} granted {result.granted:>8}  revoked {result.revoked:>8}"
            )
        granted = sum(r.granted for r in results)
        revoked = sum(r.revoked for r in results)
        self.stdout.write(f"{len(results)} badges checked: {granted} granted, {revoked} revoked.")
