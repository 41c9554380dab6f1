"""Onboarding (新手任务): the new member's checklist and the welcome message."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OnboardingStep(models.TextChoices):
    """The checklist, in order."""

    PROFILE = "profile", _("Complete your profile")
    BOARDS = "boards", _("Follow 3 boards")
    READS = "reads", _("Read 5 topics")
    LIKE = "like", _("Give your first like")
    REPLY = "reply", _("Write your first reply")
    TOPIC = "topic", _("Start your first topic")


STEP_FIELDS: dict[str, str] = {
    OnboardingStep.PROFILE: "profile_at",
    OnboardingStep.BOARDS: "boards_at",
    OnboardingStep.READS: "reads_at",
    OnboardingStep.LIKE: "like_at",
    OnboardingStep.REPLY: "reply_at",
    OnboardingStep.TOPIC: "topic_at",
}
"""Each step and the column holding when the member completed it."""


class OnboardingProgress(models.Model):
    """Where one member is in the checklist; a step's time is empty until it is done."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="onboarding",
    )
    started_at = models.DateTimeField(default=timezone.now)
    profile_at = models.DateTimeField(null=True, blank=True)
    boards_at = models.DateTimeField(null=True, blank=True)
    reads_at = models.DateTimeField(null=True, blank=True)
    like_at = models.DateTimeField(null=True, blank=True)
    reply_at = models.DateTimeField(null=True, blank=True)
    topic_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    welcomed_at = models.DateTimeField(null=True, blank=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("onboarding progress")
        verbose_name_plural = _("onboarding progress")
        indexes = [models.Index(fields=["started_at"], name="growth_onboarding_started")]

    def __str__(self) -> str:
        return f"{self.member_id}"


class OnboardingSettings(models.Model):
    """The one row of onboarding settings: the welcome message and the step thresholds."""

    welcome_enabled = models.BooleanField(_("send a welcome message"), default=True)
    welcome_text = models.TextField(
        _("welcome message"),
        max_length=1000,
        blank=True,
        help_text=_("{name} is replaced by the member's name. Empty for the default text."),
    )
    boards_required = models.PositiveSmallIntegerField(_("boards to follow"), default=3)
    reads_required = models.PositiveSmallIntegerField(_("topics to read"), default=5)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("onboarding settings")
        verbose_name_plural = _("onboarding settings")

    def __str__(self) -> str:
        return "onboarding settings"
