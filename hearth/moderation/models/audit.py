"""The moderation audit log: every action, who did it, when, and what changed. Never edited."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditLogImmutable(Exception):
    """Raised on any attempt to change or delete an audit entry."""


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditLogImmutable("audit entries cannot be changed")

    def delete(self) -> NoReturn:
        raise AuditLogImmutable("audit entries cannot be deleted")


class AuditEntry(models.Model):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )  # None: the system (the pipeline, the ladder, expiry)
    action = models.CharField(_("action"), max_length=40, db_index=True)
    target_kind = models.CharField(_("target"), max_length=20)  # topic, reply, sanction, appeal …
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )  # the member the action concerns
    before: models.JSONField[dict[str, Any], dict[str, Any]] = models.JSONField(default=dict)
    after: models.JSONField[dict[str, Any], dict[str, Any]] = models.JSONField(default=dict)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ("-created_at", "-pk")
        indexes = (models.Index(fields=("target_kind", "target_id")),)

    def __str__(self) -> str:
        return f"{self.action} {self.target_kind}:{self.target_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AuditLogImmutable("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditLogImmutable("audit entries cannot be deleted")
