"""``hearth analytics …`` (see :mod:`hearth.analytics.cli`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hearth.analytics import cli


class Command(BaseCommand):
    help = "Analytics: DAU/WAU/MAU, stickiness, retention, lifecycle; sync or rebuild the store."

    def add_arguments(self, parser: CommandParser) -> None:
        cli.add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        cli.run(options, self.stdout)
