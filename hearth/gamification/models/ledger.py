"""The append-only points ledger (积分流水) and the balances derived from it.

Rows of :class:`PointEntry` are only ever inserted, by the services in
:mod:`hearth.gamification.services`; a mistake is corrected by a
compensating entry. :class:`PointBalance` holds the two sums per member and
is updated in the same transaction as every insert.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearth.gamification.actions import EntryKind


class PointEntry(models.Model):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="point_entries"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=EntryKind.choices)
    rule = models.ForeignKey(
        "gamification.PointRule",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
    )
    action = models.CharField(_("action"), max_length=32, blank=True)
    amount = models.IntegerField(_("points"), help_text=_("Change of the spendable balance."))
    lifetime_amount = models.IntegerField(
        _("lifetime points"), help_text=_("Change of the lifetime points.")
    )
    source_key = models.CharField(_("source"), max_length=200, blank=True, db_index=True)
    target_key = models.CharField(_("target"), max_length=100, blank=True)
    board_id = models.BigIntegerField(_("board"), null=True, blank=True)
    idempotency_key = models.CharField(max_length=255, unique=True)
    cycle_key = models.CharField(_("cycle"), max_length=20, blank=True)
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversal",
        verbose_name=_("reverses"),
    )
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff member"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["-created_at", "-pk"]
        permissions = [("adjust_points", _("Can adjust members' points"))]
        indexes = [
            models.Index(fields=["member", "action", "cycle_key"], name="gamif_entry_cycle"),
            models.Index(fields=["member", "-created_at"], name="gamif_entry_member"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.kind} {self.action} {self.amount:+d}"


class PointBalance(models.Model):
    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="point_balance",
    )
    lifetime = models.IntegerField(_("lifetime points"), default=0)
    spendable = models.IntegerField(_("spendable points"), default=0)
    level = models.ForeignKey(
        "gamification.Level",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("level"),
        help_text=_("Follows the lifetime points; empty only while there is no ladder."),
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("points balance")
        verbose_name_plural = _("points balances")

    def __str__(self) -> str:
        return f"{self.member_id}: {self.lifetime}/{self.spendable}"
