"""What the pipeline decided about a text, and the fingerprints for near-duplicates."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearth.moderation.models.common import ContentKind


class ScreeningRecord(models.Model):
    """One decision other than a clean publish (held, blocked, or flagged), with its reasons.

    A blocked text was never saved: ``content_id`` is None and ``text`` keeps
    what the author wrote, so staff can see what was refused.
    """

    content_kind = models.CharField(_("content kind"), max_length=10, choices=ContentKind.choices)
    content_id = models.PositiveBigIntegerField(_("content id"), null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    board = models.ForeignKey(
        "community.Board", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=8)  # publish / hold / block
    reasons: models.JSONField[list[dict[str, Any]], list[dict[str, Any]]] = models.JSONField(
        _("reasons"), default=list
    )
    scores: models.JSONField[dict[str, float], dict[str, float]] = models.JSONField(
        _("scores"), default=dict
    )
    text = models.TextField(_("text"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("screening record")
        verbose_name_plural = _("screening records")
        indexes = (models.Index(fields=("content_kind", "content_id")),)

    def __str__(self) -> str:
        return f"{self.decision} {self.content_kind}:{self.content_id}"


class TextFingerprint(models.Model):
    """The 64-bit SimHash of a published or held text, split in four 16-bit bands for lookup.

    Two texts within Hamming distance 3 share at least one band, so a lookup by
    band finds every near-duplicate candidate.
    """

    content_kind = models.CharField(max_length=10, choices=ContentKind.choices)
    content_id = models.PositiveBigIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    simhash = models.BigIntegerField()  # signed view of the unsigned 64-bit hash
    band0 = models.PositiveIntegerField()
    band1 = models.PositiveIntegerField()
    band2 = models.PositiveIntegerField()
    band3 = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("content_kind", "content_id"), name="moderation_fingerprint_unique"
            ),
        )
        indexes = (
            models.Index(fields=("band0",)),
            models.Index(fields=("band1",)),
            models.Index(fields=("band2",)),
            models.Index(fields=("band3",)),
        )

    def __str__(self) -> str:
        return f"{self.content_kind}:{self.content_id} {self.simhash:#x}"
