"""The review queue (审核队列) and members' reports (举报)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearth.moderation.models.common import ContentRef
from hearth.moderation.models.rules import CommunityRule


class ReviewItem(ContentRef):
    """One text waiting for (or given) a human decision: held by the pipeline, or reported.

    At most one open item per text: new reports join the open item.
    """

    class Origin(models.TextChoices):
        HELD = "held", _("Held by the pipeline")
        REPORTED = "reported", _("Reported by members")
        FLAGGED = "flagged", _("Flagged by the pipeline")

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        ESCALATED = "escalated", _("Escalated")
        DECIDED = "decided", _("Decided")

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Approved")
        EDITED = "edited", _("Edited and approved")
        REJECTED = "rejected", _("Rejected")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_items"
    )
    board = models.ForeignKey(
        "community.Board", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.OPEN, db_index=True
    )
    priority = models.FloatField(_("priority"), default=0.0, db_index=True)
    severity = models.PositiveSmallIntegerField(_("severity"), default=1)
    reasons: models.JSONField[list[dict[str, Any]], list[dict[str, Any]]] = models.JSONField(
        _("reasons"), default=list
    )
    scores: models.JSONField[dict[str, float], dict[str, float]] = models.JSONField(
        _("scores"), default=dict
    )
    report_count = models.PositiveIntegerField(_("reports"), default=0)
    status_before = models.CharField(max_length=10, blank=True)  # content status to restore
    created_at = models.DateTimeField(_("queued at"), default=timezone.now, db_index=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_seconds = models.PositiveIntegerField(null=True, blank=True)  # queued → decided
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    rule = models.ForeignKey(
        CommunityRule, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note to the author"), blank=True)
    overturned = models.BooleanField(_("overturned on appeal"), default=False)

    class Meta:
        verbose_name = _("review item")
        verbose_name_plural = _("review items")
        constraints = (
            models.UniqueConstraint(
                fields=("content_kind", "content_id"),
                condition=~Q(state="decided"),
                name="moderation_one_open_item_per_content",
            ),
        )
        indexes = (models.Index(fields=("content_kind", "content_id")),)
        permissions = (("review_content", "Can decide on held and reported content"),)

    def __str__(self) -> str:
        return f"{self.content_kind}:{self.content_id} ({self.state})"


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    VULGAR = "vulgar", _("Vulgar")
    ABUSE = "abuse", _("Abuse or harassment")
    INFRINGEMENT = "infringement", _("Infringement")
    FALSE_INFO = "false_info", _("False information")
    OTHER = "other", _("Other")


class Report(ContentRef):
    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        UPHELD = "upheld", _("Upheld")
        DISMISSED = "dismissed", _("Dismissed")

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_made"
    )
    reason = models.CharField(_("reason"), max_length=12, choices=ReportReason.choices)
    text = models.CharField(_("details"), max_length=500, blank=True)
    item = models.ForeignKey(
        ReviewItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    created_at = models.DateTimeField(_("reported at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = (
            models.UniqueConstraint(
                fields=("reporter", "content_kind", "content_id"),
                name="moderation_one_report_per_member_and_content",
            ),
        )
        indexes = (models.Index(fields=("reporter", "outcome")),)
