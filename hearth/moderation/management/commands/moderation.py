"""``hearth moderation train``: train a new classifier version; ``score``: score texts.

``train`` reads a labelled file (CSV files need a header row and
``--text-column`` / ``--label-column``; a file ending in ``.tsv``, or any file
with ``--tsv``, is read as headerless ``label<TAB>text`` lines, the layout of
the SMS spam collection). Label values are 1/0, true/false, yes/no, spam/ham …,
or any two values with ``--positive`` naming the positive one.
``--with-decisions`` adds the community's review decisions to the file's rows;
``--from-decisions`` trains from them alone. See
``hearth/moderation/classifier/cli.py``.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hearth.moderation.classifier.cli import add_train_arguments, run_train


class Command(BaseCommand):
    help = "Moderation tools: `train` a classifier version from a labelled file; `score` texts."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        train = subcommands.add_parser("train", help="Train a classifier version.")
        add_train_arguments(train)
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
        run_train(options, self.stdout)
