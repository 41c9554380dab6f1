"""A weekly or monthly operations report, its delivery schedule and its deliveries."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    WEEKLY = "weekly", _("Weekly report")
    MONTHLY = "monthly", _("Monthly report")


class OperationsReport(models.Model):
    """One period's report. ``sections`` is the snapshot the page, the PDF and the e-mail show."""

    kind = models.CharField(_("type"), max_length=8, choices=ReportKind.choices)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))  # inclusive
    label = models.CharField(_("period"), max_length=16)  # 2026-W47, 2026-11
    sections = models.JSONField(default=dict)
    has_data = models.BooleanField(default=True)  # False: no activity in the period
    generated_at = models.DateTimeField(_("generated at"), default=timezone.now)
    commentary = models.TextField(_("commentary"), max_length=5000, blank=True)
    commentary_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    commentary_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("operations report")
        verbose_name_plural = _("operations reports")
        ordering = ["-period_start", "kind"]
        permissions = [("edit_reports", "Can comment on and send operations reports")]
        constraints = [
            models.UniqueConstraint(fields=["kind", "period_start"], name="report_kind_period")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.label}"


class ReportSettings(models.Model):
    """When reports are generated and sent, and to whom (one row).

    A report is generated as a draft at ``generate_hour`` on the day after its
    period, so staff can add commentary, and sent at ``send_hour``.
    """

    weekly_enabled = models.BooleanField(_("send the weekly report"), default=True)
    monthly_enabled = models.BooleanField(_("send the monthly report"), default=True)
    generate_hour = models.PositiveSmallIntegerField(_("generate at (hour)"), default=8)
    send_hour = models.PositiveSmallIntegerField(_("send at (hour)"), default=10)
    # staff who read analytics receive it; these addresses too (one per line)
    extra_recipients = models.TextField(_("other recipients"), max_length=2000, blank=True)
    attach_pdf = models.BooleanField(_("attach the PDF"), default=True)

    class Meta:
        verbose_name = _("report settings")
        verbose_name_plural = _("report settings")

    def __str__(self) -> str:
        return str(_("report settings"))

    @classmethod
    def load(cls) -> ReportSettings:
        found, _created = cls.objects.get_or_create(pk=1)
        return found


class ReportDelivery(models.Model):
    """One sending of a report: by the schedule (``sent_by`` empty) or by a person."""

    report = models.ForeignKey(
        OperationsReport, on_delete=models.CASCADE, related_name="deliveries"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recipients = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.report_id} {self.sent_at:%Y-%m-%d %H:%M}"
