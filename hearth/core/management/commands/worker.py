from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.core.tasks import IMMEDIATE, tasks_mode, worker_run


class Command(BaseCommand):
    help = (
        "Run a background-task worker: it consumes the queue (SQLite when embedded, Redis "
        "with HEARTH_TASKS=redis) and runs the periodic tasks."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--workers", type=int, default=None, help="Worker threads (default: 2)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        mode = tasks_mode()
        if mode == IMMEDIATE:
            raise CommandError(
                "HEARTH_TASKS=immediate runs tasks inline: there is no queue to consume. "
                "Use HEARTH_TASKS=embedded (a SQLite queue) or redis (with REDIS_URL)."
            )
        workers = options["workers"]
        if workers is not None and workers < 1:
            raise CommandError("--workers must be at least 1")
        self.stdout.write(f"Hearth worker: {mode} queue", ending="\n")
        self.stdout.flush()
        worker_run(workers=workers)
