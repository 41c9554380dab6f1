from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from hearth.core.i18n import compile_catalogs
from hearth.core.server import serve
from hearth.core.tasks import IMMEDIATE, REDIS, tasks_mode


class Command(BaseCommand):
    help = "Serve Hearth with gunicorn (static files included), after collecting static files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument("--access-log", action="store_true")
        parser.add_argument("--migrate", action="store_true", help="Apply migrations first.")
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not start the background-task worker (embedded queue only).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        compile_catalogs()
        if options["migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"Hearth is serving at http://{options['host']}:{options['port']}/")
        self.stdout.write(self._tasks_line(no_worker=options["no_worker"]))
        serve(
            host=options["host"],
            port=options["port"],
            workers=options["workers"],
            threads=options["threads"],
            access_log=options["access_log"],
            tasks=not options["no_worker"],
        )

    def _tasks_line(self, *, no_worker: bool) -> str:
        mode = tasks_mode()
        if mode == REDIS:
            return "Background tasks: Redis queue; run `hearth worker` processes separately."
        if mode == IMMEDIATE:
            return "Background tasks: inline (HEARTH_TASKS=immediate); no worker."
        if no_worker:
            return "Background tasks: embedded queue; no worker started (--no-worker)."
        return "Background tasks: embedded queue; one worker started beside the server."
