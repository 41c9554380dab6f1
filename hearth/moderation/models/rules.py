"""Community rules (社区规则): every rejection and sanction cites one."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CommunityRule(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("explanation"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("community rule")
        verbose_name_plural = _("community rules")
        ordering = ("position", "pk")

    def __str__(self) -> str:
        return self.title
