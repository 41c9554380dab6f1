"""``hearth moderation train``: train a new classifier version from a labelled file.

CSV files need a header row and ``--text-column`` / ``--label-column``. A file
ending in ``.tsv`` (or any file with ``--tsv``) is read as headerless
``label<TAB>text`` lines, the layout of the SMS spam collection; the column
options are then not needed. Label values are 1/0, true/false, yes/no,
spam/ham …, or any two values with ``--positive`` naming the positive one.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.moderation.classifier.labels import TrainingError, read_labelled_file
from hearth.moderation.classifier.train import train_from_rows


class Command(BaseCommand):
    help = "Moderation tools: `train` a classifier version from a labelled file; `score` texts."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        train = subcommands.add_parser("train", help="Train a classifier version.")
        source = train.add_mutually_exclusive_group(required=True)
        source.add_argument("--csv", type=Path, help="A CSV file with a header row.")
        source.add_argument("--tsv", type=Path, help="Headerless label<TAB>text lines.")
        train.add_argument("--text-column", help="The CSV column holding the text.")
        train.add_argument("--label-column", help="The CSV column holding the label.")
        train.add_argument("--category", required=True, help="e.g. offensive, spam.")
        train.add_argument("--positive", help="The label value of the positive class.")
        train.add_argument("--test-size", type=float, default=0.2)
        train.add_argument("--seed", type=int, default=0)
        score = subcommands.add_parser(
            "score",
            help="Score texts from stdin (lines, or JSON lines with a text field and optional "
            "title, board, member, kind) with the live policy; one JSON line out per text.",
        )
        score.add_argument("--board", help="Board slug whose policy applies (default: site).")
        score.add_argument(
            "--member",
            help="Username whose level and history apply (default: an established member, "
            "past the first-posts rule, under the site-wide policy for every level).",
        )
        score.add_argument("--kind", choices=("topic", "reply", "profile"), default="reply")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "train":
            self._train(options)
        elif options["subcommand"] == "score":
            from hearth.moderation.cli_score import score_stream

            score_stream(options, stdin=sys.stdin, stdout=self.stdout)

    def _train(self, options: dict[str, Any]) -> None:
        path: Path = options["csv"] or options["tsv"]
        tsv = options["tsv"] is not None or path.suffix.lower() == ".tsv"
        try:
            rows = read_labelled_file(
                path,
                text_column=options["text_column"],
                label_column=options["label_column"],
                tsv=tsv,
            )
            model = train_from_rows(
                rows.texts,
                rows.labels,
                options["category"],
                positive=options["positive"],
                trained_on=path.name,
                test_size=options["test_size"],
                seed=options["seed"],
                row_numbers=rows.row_numbers,
            )
        except TrainingError as exc:
            raise CommandError(str(exc)) from exc
        summary = {"category": model.category, "version": model.version, **model.metrics}
        self.stdout.write(json.dumps(summary, ensure_ascii=False))
