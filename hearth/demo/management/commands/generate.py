"""``hearth generate``: the large synthetic data set for benchmarks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from hearth.demo.build import THEMES
from hearth.demo.bulk.large import GenerateOptions, LargeLoad
from hearth.demo.bulk.schema import postgres_database_ensure, schema_migrate
from hearth.demo.bulk.sinks import PostgresSink, Sink, SQLiteSink


class Command(BaseCommand):
    help = (
        "Generate the large synthetic community (default 1,000,000 members over a year) "
        "into a separate database for benchmarks, and print a JSON summary."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--members", type=int, default=1_000_000)
        parser.add_argument("--days", type=int, default=365)
        parser.add_argument("--seed", type=int, default=20261125)
        parser.add_argument("--theme", choices=sorted(THEMES), default="tech")
        parser.add_argument(
            "--scale",
            type=float,
            default=GenerateOptions.scale,
            help="Multiplies the actions per active day (0.5: about 50 actions per member).",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=2,
            help="2 (default): simulate in a second process while writing; 1: one process.",
        )
        parser.add_argument("--chunk", type=int, default=GenerateOptions.chunk)
        parser.add_argument(
            "--out", type=Path, help="SQLite file (default: var/generated-<members>.sqlite3)."
        )
        parser.add_argument(
            "--database-url", help="Load into this PostgreSQL database instead (postgres://…)."
        )
        parser.add_argument("--force", action="store_true", help="Replace an existing target.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["members"] < 100 or options["days"] < 60:
            raise CommandError("Use at least 100 members and 60 days.")
        sink = self._sink(options)
        load_options = GenerateOptions(
            members=options["members"],
            days=options["days"],
            seed=options["seed"],
            theme=options["theme"],
            scale=options["scale"],
            chunk=options["chunk"],
            jobs=options["jobs"],
        )
        chunks = -(-load_options.members // load_options.chunk)
        with tqdm(
            total=3 + chunks + 3,
            unit="step",
            desc="generate",
            disable=options["no_progress"],
            file=self.stderr,
        ) as bar:

            def tick(stage: str) -> None:
                bar.set_postfix_str(stage)
                bar.update(1)

            summary = LargeLoad(options=load_options, sink=sink, tick=tick).run()
        summary["target"] = options["database_url_shown"]
        self.stdout.write(json.dumps(summary, ensure_ascii=False))

    def _sink(self, options: dict[str, Any]) -> Sink:
        url = options["database_url"]
        if url:
            if not url.startswith(("postgres://", "postgresql://")):
                raise CommandError("--database-url must be a postgres:// URL.")
            postgres_database_ensure(url)
            schema_migrate(url)
            sink: Sink = PostgresSink(url)
            if sink.fetch("SELECT 1 FROM accounts_user LIMIT 1"):
                if not options["force"]:
                    raise CommandError(f"{url} already has members; pass --force to replace them.")
                sink.fetch(
                    "TRUNCATE accounts_user, community_board, community_tag, "
                    "core_brandsettings RESTART IDENTITY CASCADE"
                )
            options["database_url_shown"] = url.split("@")[-1]
            return sink
        out: Path = options["out"] or Path(settings.HEARTH_VAR_DIR) / (
            f"generated-{options['members']}.sqlite3"
        )
        if out.exists():
            if not options["force"]:
                raise CommandError(f"{out} exists; pass --force to replace it.")
            for suffix in ("", "-wal", "-shm"):
                Path(f"{out}{suffix}").unlink(missing_ok=True)
        out.parent.mkdir(parents=True, exist_ok=True)
        schema_migrate(f"sqlite:///{out.resolve()}")
        options["database_url_shown"] = str(out)
        return SQLiteSink(out)
