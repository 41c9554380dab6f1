"""``hearth moderation train``: its options and what it runs (the command file only wires them).

Sources (one of them):

* ``--csv PATH --text-column C --label-column L`` or ``--tsv PATH`` (headerless
  ``label<TAB>text``, the SMS spam layout): a labelled file; with
  ``--with-decisions`` the community's review decisions are added, each
  weighing ``DECISION_WEIGHT`` file rows;
* ``--from-decisions``: the review decisions alone (at least
  ``MIN_DECISIONS_PER_CLASS`` of each class).

``--group-column`` (CSV) trains one expert block per value of that column
(COLD: ``topic``) with a router for new texts; ``--with-lexicon`` adds the
categories of the enabled watched words found in a text as features.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, OutputWrapper
from django.utils.translation import gettext as _

from hearth.moderation.classifier.labels import TrainingError, read_labelled_file
from hearth.moderation.classifier.model import latest_models
from hearth.moderation.classifier.services import classifier_trained_record
from hearth.moderation.classifier.train import (
    DECISION_WEIGHT,
    MIN_DECISIONS_PER_CLASS,
    train_from_decisions,
    train_from_rows,
)
from hearth.moderation.models import ClassifierModel


def add_train_arguments(train: argparse.ArgumentParser) -> None:
    source = train.add_mutually_exclusive_group(required=True)
    source.add_argument("--csv", type=Path, help="A CSV file with a header row.")
    source.add_argument("--tsv", type=Path, help="Headerless label<TAB>text lines.")
    source.add_argument(
        "--from-decisions",
        action="store_true",
        help=f"Train from the review decisions alone (needs {MIN_DECISIONS_PER_CLASS} of each "
        "class).",
    )
    train.add_argument("--text-column", help="The CSV column holding the text.")
    train.add_argument("--label-column", help="The CSV column holding the label.")
    train.add_argument("--group-column", help="A CSV column sorting rows into kinds of text.")
    train.add_argument("--category", required=True, help="e.g. offensive, spam.")
    train.add_argument("--positive", help="The label value of the positive class.")
    train.add_argument(
        "--with-decisions",
        action="store_true",
        help=f"Add the review decisions to the file's rows (each weighs {DECISION_WEIGHT:g}).",
    )
    train.add_argument(
        "--with-lexicon",
        action="store_true",
        help="Use the categories of enabled watched words found in a text as features.",
    )
    train.add_argument("--test-size", type=float, default=0.2)
    train.add_argument(
        "--no-refit",
        action="store_true",
        help="Keep the model measured on the held-out split instead of refitting on every row.",
    )
    train.add_argument("--seed", type=int, default=0)


def run_train(options: dict[str, Any], stdout: OutputWrapper) -> None:
    """Train one version and print its summary as one JSON line; bad input → CommandError."""
    previous = latest_models().get(options["category"].strip())
    try:
        model = _train(options)
    except TrainingError as exc:
        raise CommandError(str(exc)) from exc
    classifier_trained_record(model=model, previous=previous, actor=None, action="classifier.train")
    summary = {"category": model.category, "version": model.version, **model.metrics}
    stdout.write(json.dumps(summary, ensure_ascii=False))


def _train(options: dict[str, Any]) -> ClassifierModel:
    lexicon = watched_word_lexicon() if options.get("with_lexicon") else None
    if options.get("from_decisions"):
        if options.get("with_decisions"):
            raise TrainingError(
                _("--with-decisions goes with --csv or --tsv, not --from-decisions.")
            )
        return train_from_decisions(
            options["category"],
            test_size=options["test_size"],
            seed=options["seed"],
            lexicon=lexicon,
            refit=not options.get("no_refit"),
        )
    path: Path = options["csv"] or options["tsv"]
    tsv = options["tsv"] is not None or path.suffix.lower() == ".tsv"
    rows = read_labelled_file(
        path,
        text_column=options["text_column"],
        label_column=options["label_column"],
        tsv=tsv,
        group_column=options.get("group_column"),
    )
    return train_from_rows(
        rows.texts,
        rows.labels,
        options["category"],
        positive=options["positive"],
        trained_on=path.name,
        test_size=options["test_size"],
        seed=options["seed"],
        row_numbers=rows.row_numbers,
        groups=rows.groups or None,
        with_decisions=bool(options.get("with_decisions")),
        lexicon=lexicon,
        recipe=_recipe(options, path, tsv=tsv),
        refit=not options.get("no_refit"),
    )


def _recipe(options: dict[str, Any], path: Path, *, tsv: bool) -> dict[str, Any]:
    recipe: dict[str, Any] = {"tsv" if tsv else "csv": str(path.resolve())}
    for key in ("text_column", "label_column", "group_column", "positive"):
        if options.get(key) and not tsv:
            recipe[key] = options[key]
    if options.get("with_lexicon"):
        recipe["with_lexicon"] = True
    return recipe


def retrain_command(category: str, recipe: dict[str, Any] | None) -> list[str]:
    """The command that retrains ``category`` from the same file plus the review decisions."""
    if not recipe or not (recipe.get("csv") or recipe.get("tsv")):
        return ["hearth", "moderation", "train", "--from-decisions", "--category", category]
    args = ["hearth", "moderation", "train"]
    args += ["--tsv", recipe["tsv"]] if recipe.get("tsv") else ["--csv", recipe["csv"]]
    for key in ("text_column", "label_column", "group_column", "positive"):
        if recipe.get(key):
            args += ["--" + key.replace("_", "-"), str(recipe[key])]
    if recipe.get("with_lexicon"):
        args.append("--with-lexicon")
    return [*args, "--with-decisions", "--category", category]


def watched_word_lexicon() -> dict[str, str]:
    """Enabled watched words → category, normalised for the classifier's lexicon view."""
    from hearth.moderation.classifier.features import lexicon_terms
    from hearth.moderation.models import WatchedWord

    rows = WatchedWord.objects.filter(word_list__enabled=True).values_list("term", "category")
    return lexicon_terms(dict(rows))
