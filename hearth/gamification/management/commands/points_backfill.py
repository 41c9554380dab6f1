"""``hearth points_backfill``: derive the points ledger from content written without events."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from hearth.gamification.services import points_backfill


class Command(BaseCommand):
    help = (
        "Award the points the current rules give for existing content (topics, replies, likes, "
        "featured topics, sign-ins, complete profiles) with the live idempotency keys, then "
        "recompute balances, levels and leaderboards. Safe to run again: it adds nothing twice."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        summary = points_backfill()
        for action, added in sorted(summary.entries.items()):
            self.stdout.write(f"{action}: {added} entries")
        for action in summary.skipped:
            self.stdout.write(f"{action}: skipped (a floor on a penalty needs the running balance)")
        self.stdout.write(
            f"{summary.total} entries added, {summary.balances} balances written, "
            f"{summary.level_moves} level changes, {summary.scores} leaderboard rows, "
            f"in {summary.seconds:.1f} s."
        )
