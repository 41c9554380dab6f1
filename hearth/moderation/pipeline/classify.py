"""Classifier scores for the pipeline: the latest version of each category, loaded once."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from hearth.moderation.classifier.model import load_pipeline
from hearth.moderation.models import ClassifierModel

logger = logging.getLogger(__name__)


def scores_for(models: Sequence[ClassifierModel], texts: Sequence[str]) -> list[dict[str, float]]:
    """``{category: probability}`` per text; a model whose artefact cannot load is skipped.

    Batch the texts when there are many: each call has a fixed cost.
    """
    results: list[dict[str, float]] = [{} for _ in texts]
    if not texts:
        return results
    for model in models:
        try:
            pipeline = load_pipeline(model)
        except (OSError, ValueError, EOFError) as exc:
            logger.warning("classifier %s not loaded: %s", model, exc)
            continue
        probabilities = pipeline.predict_proba(list(texts))[:, 1]
        for result, probability in zip(results, probabilities, strict=True):
            result[model.category] = round(float(probability), 4)
    return results


def score_one(models: Sequence[ClassifierModel], text: str) -> dict[str, float]:
    return scores_for(models, [text])[0] if models else {}
