"""``hearth report …`` (see :mod:`hearth.reporting.cli`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hearth.reporting import cli


class Command(BaseCommand):
    help = "Operations reports: generate the weekly or monthly report and write its PDF or HTML."

    def add_arguments(self, parser: CommandParser) -> None:
        cli.add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        cli.run(options, self.stdout)
