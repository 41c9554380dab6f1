"""Moderation records: the versioned classifier models."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class ClassifierModel(models.Model):
    """One trained version of the classifier for one category (e.g. ``offensive``, ``spam``).

    The fitted pipeline is stored as a joblib file under ``HEARTH_VAR_DIR / "models"``;
    ``artefact_path`` is relative to that folder. ``metrics`` holds precision, recall
    and F1 of the positive class on the held-out split, and the split sizes.
    """

    category = models.CharField(_("category"), max_length=40)
    version = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    trained_on = models.CharField(_("trained on"), max_length=300, blank=True)
    metrics: models.JSONField[dict[str, Any], dict[str, Any]] = models.JSONField(
        _("metrics"), default=dict
    )
    artefact_path = models.CharField(_("artefact path"), max_length=300)

    class Meta:
        verbose_name = _("classifier model")
        verbose_name_plural = _("classifier models")
        ordering = ("category", "-version")
        constraints = (
            models.UniqueConstraint(
                fields=("category", "version"), name="moderation_classifier_version_unique"
            ),
        )

    def __str__(self) -> str:
        return f"{self.category} v{self.version}"
