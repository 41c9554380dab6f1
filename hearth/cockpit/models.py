from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RoleAction(models.TextChoices):
    ADDED = "added", _("added")
    REMOVED = "removed", _("removed")


class StaffRoleChange(models.Model):
    """Audit log: a staff role given to or taken from a member. Never rewritten."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_changes",
        verbose_name=_("member"),
    )
    role = models.CharField(_("role"), max_length=40)
    action = models.CharField(_("action"), max_length=8, choices=RoleAction.choices)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("staff role change")
        verbose_name_plural = _("staff role changes")

    def __str__(self) -> str:
        return f"{self.member_id} {self.action} {self.role}"
