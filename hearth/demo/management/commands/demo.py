from typing import Any

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.core.i18n import compile_catalogs
from hearth.core.server import serve
from hearth.demo.build import DEMO_PASSWORD, DEMO_USERNAME, THEMES, demo_build, demo_exists


class Command(BaseCommand):
    help = "Build the demo community (if absent) and serve it with the cockpit."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--theme", choices=sorted(THEMES), default="tech")
        parser.add_argument("--seed", type=int, default=20261125)
        parser.add_argument("--members", type=int, default=3000)
        parser.add_argument("--reset", action="store_true", help="Rebuild the demo data.")
        parser.add_argument("--no-serve", action="store_true", help="Build only; do not serve.")

    def handle(self, *args: Any, **options: Any) -> None:
        compile_catalogs()
        call_command("migrate", interactive=False, verbosity=0)
        if options["reset"] or not demo_exists():
            self.stdout.write("Building the demo community…")
            try:
                summary = demo_build(
                    seed=options["seed"],
                    theme=options["theme"],
                    members=options["members"],
                    reset=options["reset"],
                    progress=self.stdout.write,
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            self.stdout.write(summary)
        else:
            self.stdout.write("Reusing the demo community (pass --reset to rebuild).")
        url = f"http://{options['host']}:{options['port']}"
        self.stdout.write(
            self.style.SUCCESS(
                f"\n  Hearth demo: {url}/\n  Cockpit:     {url}/ops/\n"
                f"  Login:       {DEMO_USERNAME} / {DEMO_PASSWORD}\n"
            )
        )
        if options["no_serve"]:
            return
        call_command("collectstatic", interactive=False, verbosity=0)
        serve(host=options["host"], port=options["port"], workers=2, threads=4, access_log=False)
