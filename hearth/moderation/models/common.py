"""Choices shared by the moderation records."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentKind(models.TextChoices):
    """What a moderation record points at: (kind, object_id) names one text."""

    TOPIC = "topic", _("Topic")
    REPLY = "reply", _("Reply")
    PROFILE = "profile", _("Profile")


class WordCategory(models.TextChoices):
    VULGAR = "vulgar", _("Vulgar")
    ABUSE = "abuse", _("Abuse")
    ADVERTISING = "advertising", _("Advertising or false claims")
    INFRINGEMENT = "infringement", _("Infringement")
    ILLEGAL = "illegal", _("Illegal")
    CUSTOM = "custom", _("Custom")


class WordAction(models.TextChoices):
    BLOCK = "block", _("Block with a message")
    HOLD = "hold", _("Hold for review")
    REPLACE = "replace", _("Replace with ***")
    FLAG = "flag", _("Flag only")


class ContentRef(models.Model):
    """Abstract: the (kind, object_id) pair naming a topic, a reply or a profile."""

    content_kind = models.CharField(_("content kind"), max_length=10, choices=ContentKind.choices)
    content_id = models.PositiveBigIntegerField(_("content id"))

    class Meta:
        abstract = True
