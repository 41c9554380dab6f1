from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hearth.core.i18n import compile_catalogs


class Command(BaseCommand):
    help = "Compile the translation catalogues (.po → .mo) with Babel."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Rewrite every .mo file.")

    def handle(self, *args: Any, force: bool = False, **options: Any) -> None:
        for path in compile_catalogs(force=force):
            self.stdout.write(f"compiled {path}")
