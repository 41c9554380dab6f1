"""``hearth onboarding_backfill``: compute every member's onboarding checklist from history.

For members who joined before onboarding existed. Steps already recorded keep
their times; no points are awarded and no welcome message is sent.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from hearth.growth.onboarding.backfill import onboarding_backfill


class Command(BaseCommand):
    help = "Compute every member's onboarding progress from their history (no points, no messages)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        written = onboarding_backfill()
        seconds = time.monotonic() - started
        self.stdout.write(f"Onboarding progress written for {written} members in {seconds:.1f} s.")
