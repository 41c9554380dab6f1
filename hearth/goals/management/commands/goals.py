"""``hearth goals recompute [--date YYYY-MM-DD]``: compute every live goal now."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.goals.services import goals_recompute


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"--date: {text!r} is not a date (YYYY-MM-DD).") from exc


class Command(BaseCommand):
    help = "Goals: recompute every live goal's progress and status (the daily task does it too)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        recompute = sub.add_parser("recompute", help="Compute every live goal as on a day.")
        recompute.add_argument(
            "--date", help="the community's day to compute as (default: today), YYYY-MM-DD"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = _day(options["date"]) if options.get("date") else None
        count = goals_recompute(today=today, force=True)
        self.stdout.write(f"{count} goal(s) recomputed.")
