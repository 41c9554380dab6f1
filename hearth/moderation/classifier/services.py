"""Training as a moderation action: every new version is written to the audit log."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.moderation.classifier.model import latest_models
from hearth.moderation.classifier.permissions import can_retrain_classifier
from hearth.moderation.classifier.train import train_from_decisions
from hearth.moderation.models import ClassifierModel
from hearth.moderation.services.audit import audit_record

AUDIT_TARGET = "classifier"


def version_snapshot(model: ClassifierModel | None) -> dict[str, Any]:
    """What the audit log keeps of a version (None: there was none)."""
    if model is None:
        return {}
    metrics = model.metrics
    return {
        "category": model.category,
        "version": model.version,
        "trained_on": model.trained_on,
        **{key: metrics.get(key) for key in ("precision", "recall", "f1", "support")},
        "train_size": metrics.get("train_size"),
        "test_size": metrics.get("test_size"),
        "sources": metrics.get("sources", {}),
    }


def classifier_trained_record(
    *, model: ClassifierModel, previous: ClassifierModel | None, actor: User | None, action: str
) -> None:
    audit_record(
        actor=actor,
        action=action,
        target_kind=AUDIT_TARGET,
        target_id=model.pk,
        before=version_snapshot(previous),
        after=version_snapshot(model),
    )


def classifier_retrain_from_decisions(*, actor: User, category: str) -> ClassifierModel:
    """Train a new live version of ``category`` from the review decisions (TrainingError if too few)."""
    if not can_retrain_classifier(actor):
        raise PermissionDenied(_("You cannot retrain the classifier."))
    previous = latest_models().get(category)
    with transaction.atomic():
        model = train_from_decisions(category)
        classifier_trained_record(
            model=model, previous=previous, actor=actor, action="classifier.retrain"
        )
    return model
