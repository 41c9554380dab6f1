"""Appeals (申诉) against decisions and sanctions, and disputes (纠纷) between members."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearth.moderation.models.common import ContentRef
from hearth.moderation.models.queue import ReviewItem
from hearth.moderation.models.sanctions import Sanction


class Appeal(models.Model):
    """A member contests one decision or one sanction; a different moderator reviews it."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        UPHELD = "upheld", _("Decision upheld")
        OVERTURNED = "overturned", _("Overturned")

    appellant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appeals"
    )
    item = models.OneToOneField(
        ReviewItem, null=True, blank=True, on_delete=models.CASCADE, related_name="appeal"
    )
    sanction = models.OneToOneField(
        Sanction, null=True, blank=True, on_delete=models.CASCADE, related_name="appeal"
    )
    text = models.TextField(_("why the decision is wrong"), max_length=2000)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("filed at"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    response = models.TextField(_("answer to the member"), blank=True)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ("-created_at",)
        constraints = (
            models.CheckConstraint(
                condition=Q(item__isnull=False, sanction__isnull=True)
                | Q(item__isnull=True, sanction__isnull=False),
                name="moderation_appeal_one_target",
            ),
        )

    def __str__(self) -> str:
        return f"appeal {self.pk} ({self.state})"


class Dispute(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed without outcome")

    title = models.CharField(_("title"), max_length=120)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.OPEN, db_index=True
    )
    parties = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="disputes", verbose_name=_("members involved")
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("opened at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.title


class DisputeContent(ContentRef):
    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="contents")

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("dispute", "content_kind", "content_id"),
                name="moderation_dispute_content_unique",
            ),
        )


class DisputeEntry(models.Model):
    """The dispute's timeline: staff notes, messages to a party, state changes, the outcome."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Staff note")
        MESSAGE = "message", _("Message to a member")
        STATE = "state", _("State changed")
        OUTCOME = "outcome", _("Outcome")

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return f"{self.kind} on dispute {self.dispute_id}"
