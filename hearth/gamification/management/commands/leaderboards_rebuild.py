"""``hearth leaderboards_rebuild``: recompute the leaderboard scores from the ledger."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hearth.gamification.models import Period
from hearth.gamification.services import leaderboards_rebuild


class Command(BaseCommand):
    help = (
        "Recompute the weekly, monthly and all-time leaderboards (site-wide and per board) "
        "from the points ledger, e.g. after a bulk load. The live services keep them current."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", choices=Period.values, help="Only this period.")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        written = leaderboards_rebuild(period=options["period"])
        self.stdout.write(
            f"{written} leaderboard rows written in {time.monotonic() - started:.1f} s."
        )
