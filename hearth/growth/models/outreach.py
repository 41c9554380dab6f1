"""Outreach (触达): messages, event invitations and assignments to members, with a holdout."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutreachKind(models.TextChoices):
    MESSAGE = "message", _("Message")
    EVENT_INVITE = "event_invite", _("Event invitation")


class OutreachStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")


class Outreach(models.Model):
    """One send to an audience (a member, the at-risk queue, or a segment), with its holdout."""

    name = models.CharField(_("name"), max_length=80)
    kind = models.CharField(
        _("type"), max_length=16, choices=OutreachKind.choices, default=OutreachKind.MESSAGE
    )
    audience = models.CharField(_("audience"), max_length=200, blank=True)
    segment_id = models.PositiveIntegerField(null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=120)
    body = models.TextField(
        _("message"), max_length=3000, help_text=_("{name} is replaced by the member's name.")
    )
    in_site = models.BooleanField(_("in-site notification"), default=True)
    email = models.BooleanField(_("e-mail"), default=False)
    event = models.ForeignKey(
        "events.Event",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("event"),
    )
    holdout_share = models.FloatField(_("holdout share"), default=0.1)
    return_days = models.PositiveSmallIntegerField(_("days counted as a return"), default=7)
    status = models.CharField(
        max_length=8, choices=OutreachStatus.choices, default=OutreachStatus.DRAFT
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outreach")
        verbose_name_plural = _("outreach")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(holdout_share__gte=0) & models.Q(holdout_share__lt=1),
                name="growth_outreach_holdout_range",
            )
        ]

    def __str__(self) -> str:
        return self.name


class RecipientGroup(models.TextChoices):
    TREATED = "treated", _("Sent")
    HOLDOUT = "holdout", _("Holdout")


class SkipReason(models.TextChoices):
    NONE = "", _("Not skipped")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
    RATE_LIMITED = "rate_limited", _("Messaged too recently")
    INACTIVE_ACCOUNT = "inactive_account", _("Deactivated account")
    STAFF = "staff", _("Staff")
    NO_EMAIL = "no_email", _("No e-mail address")


class OutreachRecipient(models.Model):
    """One member of an outreach's audience: sent or held out, and whether they came back."""

    outreach = models.ForeignKey(Outreach, on_delete=models.CASCADE, related_name="recipients")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="outreach_received"
    )
    group = models.CharField(max_length=8, choices=RecipientGroup.choices)
    skipped = models.CharField(max_length=16, choices=SkipReason.choices, blank=True, default="")
    notified_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["outreach", "member"], name="growth_outreach_recipient_once"
            )
        ]
        indexes = [models.Index(fields=["member", "notified_at"], name="growth_recipient_recent")]

    def __str__(self) -> str:
        return f"{self.outreach_id} → {self.member_id} ({self.group})"


class MessagePreference(models.Model):
    """A member's choice about operations messages (unsubscribe, 退订)."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="message_preference",
    )
    email_unsubscribed_at = models.DateTimeField(null=True, blank=True)
    in_site_unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("message preference")
        verbose_name_plural = _("message preferences")

    def __str__(self) -> str:
        return f"{self.member_id}"


class AssignmentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class Assignment(models.Model):
    """A new member handed to a member-operations staffer to follow up (跟进)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assigned_members",
        verbose_name=_("assignee"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    status = models.CharField(
        max_length=6, choices=AssignmentStatus.choices, default=AssignmentStatus.OPEN
    )
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-created_at", "-pk"]
        permissions = [("follow_up_members", "Can be assigned new members to follow up")]
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=models.Q(status="open"),
                name="growth_assignment_one_open",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member_id} → {self.assignee_id}"
