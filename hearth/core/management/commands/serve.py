from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from hearth.core.i18n import compile_catalogs
from hearth.core.server import serve


class Command(BaseCommand):
    help = "Serve Hearth with gunicorn (static files included), after collecting static files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument("--access-log", action="store_true")
        parser.add_argument("--migrate", action="store_true", help="Apply migrations first.")

    def handle(self, *args: Any, **options: Any) -> None:
        compile_catalogs()
        if options["migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"Hearth is serving at http://{options['host']}:{options['port']}/")
        serve(
            host=options["host"],
            port=options["port"],
            workers=options["workers"],
            threads=options["threads"],
            access_log=options["access_log"],
        )
