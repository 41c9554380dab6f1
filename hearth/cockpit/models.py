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


class AnalyticsPage(models.TextChoices):
    DASHBOARD = "dashboard", _("Dashboard")
    TRENDS = "trends", _("Trends")
    RETENTION = "retention", _("Retention")
    LIFECYCLE = "lifecycle", _("Lifecycle")
    FUNNEL = "funnel", _("Funnels")
    BOARDS = "boards", _("Board health")
    CONTENT = "content", _("Content metrics")
    READING = "reading", _("Reading heatmap")
    METRICS = "metrics", _("Custom metrics")
    SEGMENTS = "segments", _("Segments")


class SavedView(models.Model):
    """An analytics page's parameters, saved under a name by the staff member who chose them."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_views",
        verbose_name=_("owner"),
    )
    page = models.CharField(_("page"), max_length=20, choices=AnalyticsPage.choices)
    name = models.CharField(_("name"), max_length=80)
    query = models.CharField(_("parameters"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "page", "name"], name="saved_view_unique_name")
        ]
        permissions = [("view_analytics", "Can open the analytics pages")]
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")

    def __str__(self) -> str:
        return f"{self.page}: {self.name}"
