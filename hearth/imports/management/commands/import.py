"""``hearth import stackexchange DIR``: bring another community's data dump in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from hearth.imports.errors import ImportFailed
from hearth.imports.stackexchange import ImportOptions, stackexchange_import
from hearth.imports.stackexchange.mapping import source_name
from hearth.imports.summary import ImportSummary


class Command(BaseCommand):
    help = "Import a Stack Exchange data dump (translated in --help)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.description = _(
            "Import a Stack Exchange data dump (Users, Posts, Comments, Votes and Badges.xml of "
            "one site) as members, topics, replies, likes and badges with their original dates. "
            "Running it again adds nothing; bad input imports nothing."
        )
        parser.add_argument("format", choices=["stackexchange"], help=_("Dump format."))
        parser.add_argument("directory", metavar="DIR", help=_("The dump's folder."))
        parser.add_argument(
            "--source",
            default="",
            help=_("Name of the source (default: from the folder's name)."),
        )
        boards = parser.add_mutually_exclusive_group()
        boards.add_argument(
            "--boards",
            choices=["tags"],
            default="tags",
            help=_("One board per question's first tag (the default)."),
        )
        boards.add_argument(
            "--board",
            metavar="SLUG",
            default="",
            help=_("Put every topic in this board (created if missing)."),
        )
        parser.add_argument(
            "--no-backfill",
            action="store_true",
            help=_("Do not derive points, levels, leaderboards and badges afterwards."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = int(options["verbosity"])
        directory = Path(options["directory"]).expanduser()
        import_options = ImportOptions(
            directory=directory,
            source=options["source"] or source_name(directory.resolve().name),
            board=options["board"],
            backfill=not options["no_backfill"],
        )

        def progress(message: str) -> None:
            if verbosity >= 2:
                self.stdout.write(message)

        try:
            summary = stackexchange_import(options=import_options, progress=progress)
        except ImportFailed as error:
            raise CommandError(f"{error.message} {_('Nothing was imported.')}") from None
        if verbosity >= 1:
            self._report(summary)

    def _report(self, summary: ImportSummary) -> None:
        self.stdout.write(
            _("Imported %(source)s in %(seconds).1f s:")
            % {"source": summary.source, "seconds": summary.seconds}
        )
        for key, count in summary.counts.items():
            if not (count.created or count.existing or count.skipped):
                continue
            self.stdout.write(
                "  "
                + _(
                    "%(kind)s: %(created)d created, %(existing)d already there, %(skipped)d skipped"
                )
                % {
                    "kind": summary.labels[key],
                    "created": count.created,
                    "existing": count.existing,
                    "skipped": count.skipped,
                }
            )
        if summary.backfilled:
            self.stdout.write(
                _("Points, levels, leaderboards and badges derived from the history.")
            )
        elif not summary.created:
            self.stdout.write(_("Nothing new: the points and badges were left as they were."))
        else:
            self.stdout.write(
                _(
                    "Points and badges were not derived (--no-backfill): run "
                    "“hearth points_backfill” and “hearth badges_backfill” when ready."
                )
            )
