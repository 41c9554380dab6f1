"""Loading the latest classifier version per category and scoring texts with it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import joblib
from django.conf import settings

from hearth.moderation.models import ClassifierModel

_LOADED: dict[Path, Any] = {}


def artefact_dir() -> Path:
    """Where trained pipelines are stored: ``HEARTH_VAR_DIR / "models"``, never the repository."""
    return Path(settings.HEARTH_VAR_DIR) / "models"


def latest_models() -> dict[str, ClassifierModel]:
    """The newest version of each category (one query)."""
    latest: dict[str, ClassifierModel] = {}
    for row in ClassifierModel.objects.order_by("category", "-version"):
        latest.setdefault(row.category, row)
    return latest


def load_pipeline(model: ClassifierModel) -> Any:
    """The fitted pipeline of ``model``, loaded once per process (artefacts are written once)."""
    path = artefact_dir() / model.artefact_path
    if path not in _LOADED:
        _LOADED[path] = joblib.load(path)
    return _LOADED[path]


def score(texts: Sequence[str]) -> list[dict[str, float]]:
    """One ``{category: probability of the positive class}`` per text.

    With no trained model every dict is empty and moderation runs on rules alone.
    """
    results: list[dict[str, float]] = [{} for _ in texts]
    if not texts:
        return results
    for category, model in latest_models().items():
        probabilities = load_pipeline(model).predict_proba(list(texts))[:, 1]
        for result, probability in zip(results, probabilities, strict=True):
            result[category] = round(float(probability), 4)
    return results
