from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB."))


class BrandSettings(models.Model):
    """The community's identity, edited by staff and applied to every page. One row."""

    community_name = models.CharField(_("community name"), max_length=60, default="Hearth")
    tagline = models.CharField(_("tagline"), max_length=120, blank=True)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    logo = models.ImageField(_("logo"), upload_to="brand/", blank=True)
    primary_colour = models.CharField(
        _("primary colour"), max_length=7, default="#d9480f", validators=[hex_colour]
    )
    rules_markdown = models.TextField(_("community rules"), blank=True)
    culture_markdown = models.TextField(_("culture statement"), blank=True)
    privacy_markdown = models.TextField(_("privacy notice"), blank=True)
    icp_number = models.CharField(_("ICP filing number"), max_length=60, blank=True)
    public_security_number = models.CharField(
        _("public-security filing number"), max_length=60, blank=True
    )
    theme = models.CharField(_("theme"), max_length=30, default="tech")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("brand settings")
        verbose_name_plural = _("brand settings")
        permissions = [
            ("access_cockpit", "Can open the operations cockpit"),
            ("edit_brand", "Can edit the brand settings"),
            ("manage_staff", "Can assign staff roles"),
        ]

    def __str__(self) -> str:
        return self.community_name
