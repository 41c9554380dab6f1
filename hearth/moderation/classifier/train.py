"""Training a classifier version: held-out split, metrics, artefact, ``ClassifierModel`` row.

Rows come from a labelled file, from the community's review decisions
(:mod:`hearth.moderation.classifier.decisions`), or both. Decision rows weigh
``DECISION_WEIGHT`` times a file row: they are few next to a public data set,
but they are this community's own texts, judged by its own rules, so without
the weight a few hundred decisions would vanish among 25,000 file rows.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import joblib
import numpy as np
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import train_test_split

from hearth.moderation.classifier.decisions import category_targets, decision_labels
from hearth.moderation.classifier.estimator import TextClassifier
from hearth.moderation.classifier.labels import TrainingError, binary_labels
from hearth.moderation.classifier.model import artefact_dir
from hearth.moderation.models import ClassifierModel

MIN_ROWS_PER_CLASS = 5
MIN_DECISIONS_PER_CLASS = 20
DECISION_WEIGHT = 3.0
FILE, DECISIONS = "file", "decisions"
DECISIONS_SOURCE = "review-decisions"  # ``trained_on`` of decision rows; the cockpit names it


@dataclass
class TrainingRows:
    """Texts with 0/1 labels, a weight, where each came from and (optionally) its group."""

    texts: list[str] = field(default_factory=list)
    y: list[int] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)

    def add(self, text: str, label: int, *, weight: float, source: str, group: str = "") -> None:
        self.texts.append(text)
        self.y.append(label)
        self.weights.append(weight)
        self.sources.append(source)
        self.groups.append(group)


@dataclass(frozen=True)
class TrainOptions:
    trained_on: str = ""
    test_size: float = 0.2
    seed: int = 0
    lexicon: Mapping[str, str] | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)  # stored with the metrics
    refit: bool = True  # after measuring, fit the stored model on every row


def train_from_rows(
    texts: Sequence[str],
    labels: Sequence[str],
    category: str,
    *,
    positive: str | None = None,
    trained_on: str = "",
    test_size: float = 0.2,
    seed: int = 0,
    row_numbers: Sequence[int] | None = None,
    groups: Sequence[str] | None = None,
    with_decisions: bool = False,
    lexicon: Mapping[str, str] | None = None,
    recipe: Mapping[str, Any] | None = None,
    refit: bool = True,
) -> ClassifierModel:
    """Train on labelled rows (plus the review decisions with ``with_decisions``); store a version.

    The figures are those of a model fitted on the training part and measured on
    the held-out part; the stored model is then fitted on every row (``refit``,
    the default), unless ``refit=False`` keeps the measured one.
    Nothing is written when the input is bad: a ``TrainingError`` names the row.
    ``recipe`` (how the file was read) is kept with the metrics, so the cockpit
    can show the command that retrains it with the new decisions.
    """
    category = _check_category(category)
    if len(texts) != len(labels) or (groups is not None and len(groups) != len(texts)):
        raise TrainingError(_("There must be as many labels as texts."))
    numbers = list(row_numbers) if row_numbers is not None else list(range(1, len(texts) + 1))
    y, positive_value, negative_value = binary_labels(
        labels, positive=positive, row_numbers=numbers
    )
    rows = TrainingRows()
    for i, (text, label) in enumerate(zip(texts, y, strict=True)):
        rows.add(text, label, weight=1.0, source=FILE, group=groups[i] if groups else "")
    if with_decisions:
        _add_decisions(rows, category)
        trained_on = f"{trained_on} + {DECISIONS_SOURCE}" if trained_on else DECISIONS_SOURCE
    extra: dict[str, Any] = {"positive_label": positive_value, "negative_label": negative_value}
    if groups is not None:
        extra["grouped"] = True
    if recipe:
        extra["recipe"] = dict(recipe)
    options = TrainOptions(trained_on, test_size, seed, lexicon, extra, refit)
    return train_rows(rows, category, options)


def train_from_decisions(
    category: str,
    *,
    test_size: float = 0.2,
    seed: int = 0,
    lexicon: Mapping[str, str] | None = None,
    refit: bool = True,
) -> ClassifierModel:
    """Train on the review decisions alone; a clear error says how many labels are missing."""
    category = _check_category(category)
    rows = TrainingRows()
    _add_decisions(rows, category, weight=1.0)
    counts = Counter(rows.y)
    if min(counts[0], counts[1]) < MIN_DECISIONS_PER_CLASS:
        raise TrainingError(
            _(
                "Training “%(category)s” from review decisions needs at least %(n)d rejected and "
                "%(n)d approved texts; the decisions give %(pos)d and %(neg)d. Decide more "
                "items, or train from a labelled file with --with-decisions."
            )
            % {
                "category": category,
                "n": MIN_DECISIONS_PER_CLASS,
                "pos": counts[1],
                "neg": counts[0],
            }
        )
    options = TrainOptions(DECISIONS_SOURCE, test_size, seed, lexicon, {}, refit)
    return train_rows(rows, category, options)


def _check_category(category: str) -> str:
    category = category.strip()
    if not category:
        raise TrainingError(_("A category name is needed."))
    return category


def _add_decisions(rows: TrainingRows, category: str, *, weight: float = DECISION_WEIGHT) -> None:
    if not category_targets(category):
        raise TrainingError(
            _(
                "Review decisions give no labels for “%(category)s”: rejections are mapped to "
                "offensive, abuse, sexism, hate, spam, ads, advertising and the watched-word "
                "categories."
            )
            % {"category": category}
        )
    for decision in decision_labels(category):
        rows.add(decision.text, decision.label, weight=weight, source=DECISIONS)


def train_rows(rows: TrainingRows, category: str, options: TrainOptions) -> ClassifierModel:
    """Split, fit, measure and store (the core shared by every way of training)."""
    if not 0 < options.test_size < 1:
        raise TrainingError(_("The test size must be between 0 and 1."))
    _check_class_sizes(rows.y, options.test_size)
    train, test = _split(rows, options)
    started = time.perf_counter()
    model = _fit(rows, train, options)
    metrics = _measure(model, rows, test)
    measured = {
        "threshold": round(model.threshold, 4),
        "oof_f1": round(model.oof_f1, 4) if model.oof_f1 is not None else None,
    }
    if options.refit:
        model = _fit(rows, list(range(len(rows.y))), options)
    metrics.update(
        options.extra,
        train_size=len(train),
        test_size=len(test),
        refit_rows=len(rows.y) if options.refit else None,
        measured_model=measured,
        positive_rows=int(sum(rows.y)),
        seed=options.seed,
        split={"held_out": options.test_size, "seed": options.seed, "stratified": True},
        sources=dict(Counter(rows.sources)),
        decision_weight=DECISION_WEIGHT if FILE in rows.sources else 1.0,
        threshold=round(model.threshold, 4),
        oof_f1=round(model.oof_f1, 4) if model.oof_f1 is not None else None,
        groups=list(model.groups),
        lexicon_terms=len(options.lexicon or {}),
        train_seconds=round(time.perf_counter() - started, 1),
        trained_at=timezone.now().isoformat(),
    )
    return _store(model, category=category, trained_on=options.trained_on, metrics=metrics)


def _fit(rows: TrainingRows, indices: Sequence[int], options: TrainOptions) -> TextClassifier:
    model = TextClassifier(lexicon=options.lexicon, seed=options.seed)
    try:
        model.fit(
            [rows.texts[i] for i in indices],
            [rows.y[i] for i in indices],
            sample_weight=[rows.weights[i] for i in indices],
            groups=[rows.groups[i] for i in indices] if any(rows.groups) else None,
        )
    except ValueError as exc:  # e.g. no feature at all: texts too short or too few
        raise TrainingError(_("Training failed: %(error)s") % {"error": exc}) from exc
    return model


def _check_class_sizes(y: Sequence[int], test_size: float) -> None:
    counts = Counter(y)
    if min(counts[0], counts[1]) < MIN_ROWS_PER_CLASS:
        raise TrainingError(
            _("Each class needs at least %(n)d rows (found %(pos)d positive, %(neg)d negative).")
            % {"n": MIN_ROWS_PER_CLASS, "pos": counts[1], "neg": counts[0]}
        )
    if round(len(y) * test_size) < 2:
        raise TrainingError(_("The held-out split would hold fewer than 2 rows."))


def _split(rows: TrainingRows, options: TrainOptions) -> tuple[list[int], list[int]]:
    """Stratified by label and source, so decisions are measured too (by label alone if too few)."""
    indices = list(range(len(rows.y)))
    strata = [f"{label}:{source}" for label, source in zip(rows.y, rows.sources, strict=True)]
    if min(Counter(strata).values()) < 2:
        strata = [str(label) for label in rows.y]
    train, test = train_test_split(
        indices, test_size=options.test_size, random_state=options.seed, stratify=strata
    )
    return list(train), list(test)


def _scores(y: Sequence[int], predicted: Sequence[int]) -> dict[str, Any]:
    precision, recall, f1, _support = precision_recall_fscore_support(
        y, predicted, average="binary", pos_label=1, zero_division=0
    )
    return {
        "precision": round(float(precision), 4),
        "recall": round(float(recall), 4),
        "f1": round(float(f1), 4),
        "support": int(sum(y)),
    }


def _measure(model: TextClassifier, rows: TrainingRows, test: list[int]) -> dict[str, Any]:
    predicted = [int(p) for p in model.predict([rows.texts[i] for i in test])]
    y = [rows.y[i] for i in test]
    metrics = _scores(y, predicted)
    decided = [k for k, i in enumerate(test) if rows.sources[i] == DECISIONS]
    if decided and len(decided) < len(test):
        metrics["decisions"] = {
            **_scores([y[k] for k in decided], [predicted[k] for k in decided]),
            "rows": len(decided),
        }
    return metrics


def _store(
    model: TextClassifier, *, category: str, trained_on: str, metrics: dict[str, Any]
) -> ClassifierModel:
    folder = artefact_dir()
    folder.mkdir(parents=True, exist_ok=True)
    relative = Path(f"{_safe(category)}-{uuid.uuid4().hex[:12]}.joblib")
    path = folder / relative
    joblib.dump(model, path, compress=1)
    try:
        with transaction.atomic():
            latest = ClassifierModel.objects.filter(category=category).aggregate(v=Max("version"))
            return ClassifierModel.objects.create(
                category=category,
                version=(latest["v"] or 0) + 1,
                trained_on=trained_on[:300],
                metrics=_plain(metrics),
                artefact_path=str(relative),
            )
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _plain(value: Any) -> Any:
    """JSON-safe copy (numpy numbers → Python numbers)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def _safe(category: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in category)[:40]
