"""Training a classifier version: held-out split, metrics, joblib artefact, ``ClassifierModel`` row."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import joblib
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline

from hearth.moderation.classifier.features import build_pipeline
from hearth.moderation.classifier.labels import TrainingError, binary_labels
from hearth.moderation.classifier.model import artefact_dir
from hearth.moderation.models import ClassifierModel

MIN_ROWS_PER_CLASS = 5


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
) -> ClassifierModel:
    """Train, measure on a stratified held-out split and store a new version of ``category``.

    The stored pipeline is the one measured (fitted on the training part only).
    Nothing is written when the input is bad: a ``TrainingError`` names the row.
    """
    category = category.strip()
    if not category:
        raise TrainingError(_("A category name is needed."))
    if len(texts) != len(labels):
        raise TrainingError(_("There must be as many labels as texts."))
    if not 0 < test_size < 1:
        raise TrainingError(_("The test size must be between 0 and 1."))
    numbers = list(row_numbers) if row_numbers is not None else list(range(1, len(texts) + 1))
    y, positive_value, negative_value = binary_labels(
        labels, positive=positive, row_numbers=numbers
    )
    _check_class_sizes(y, test_size)
    x_train, x_test, y_train, y_test = train_test_split(
        list(texts), y, test_size=test_size, random_state=seed, stratify=y
    )
    pipeline = build_pipeline(calibration_folds=min(5, *Counter(y_train).values()))
    try:
        pipeline.fit(x_train, y_train)
    except ValueError as exc:  # e.g. an empty vocabulary: texts too short or too few
        raise TrainingError(_("Training failed: %(error)s") % {"error": exc}) from exc
    metrics = _metrics(pipeline, x_test, y_test)
    metrics.update(
        train_size=len(x_train),
        test_size=len(x_test),
        positive_rows=sum(y),
        positive_label=positive_value,
        negative_label=negative_value,
        seed=seed,
    )
    return _store(pipeline, category=category, trained_on=trained_on, metrics=metrics)


def _check_class_sizes(y: Sequence[int], test_size: float) -> None:
    counts = Counter(y)
    if min(counts.values()) < MIN_ROWS_PER_CLASS:
        raise TrainingError(
            _("Each class needs at least %(n)d rows (found %(pos)d positive, %(neg)d negative).")
            % {"n": MIN_ROWS_PER_CLASS, "pos": counts[1], "neg": counts[0]}
        )
    if round(len(y) * test_size) < 2:
        raise TrainingError(_("The held-out split would hold fewer than 2 rows."))


def _metrics(pipeline: Pipeline, x_test: list[str], y_test: list[int]) -> dict[str, Any]:
    predicted = pipeline.predict(x_test)
    precision, recall, f1, _support = precision_recall_fscore_support(
        y_test, predicted, average="binary", pos_label=1, zero_division=0
    )
    return {
        "precision": round(float(precision), 4),
        "recall": round(float(recall), 4),
        "f1": round(float(f1), 4),
    }


def _store(
    pipeline: Pipeline, *, category: str, trained_on: str, metrics: dict[str, Any]
) -> ClassifierModel:
    folder = artefact_dir()
    folder.mkdir(parents=True, exist_ok=True)
    relative = Path(f"{_safe(category)}-{uuid.uuid4().hex[:12]}.joblib")
    path = folder / relative
    joblib.dump(pipeline, path, compress=3)
    try:
        with transaction.atomic():
            latest = ClassifierModel.objects.filter(category=category).aggregate(v=Max("version"))
            return ClassifierModel.objects.create(
                category=category,
                version=(latest["v"] or 0) + 1,
                trained_on=trained_on[:300],
                metrics=metrics,
                artefact_path=str(relative),
            )
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _safe(category: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in category)[:40]
