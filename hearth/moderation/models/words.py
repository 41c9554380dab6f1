"""Watched words (敏感词): imported lists, entries, variants, hit counts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hearth.moderation.models.common import WordAction, WordCategory


class WordList(models.Model):
    """A named list of watched words; an imported list is disabled until previewed and enabled."""

    class Format(models.TextChoices):
        TEXT = "txt", _("Plain text")
        CSV = "csv", _("CSV")
        JSON = "json", _("JSON")
        MANUAL = "manual", _("Entered by staff")

    name = models.CharField(_("name"), max_length=120, unique=True)
    source = models.CharField(_("source file"), max_length=300, blank=True)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    enabled = models.BooleanField(_("enabled"), default=False)
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    enabled_at = models.DateTimeField(_("enabled at"), null=True, blank=True)
    preview: models.JSONField[dict[str, object], dict[str, object]] = models.JSONField(
        _("preview"), default=dict, blank=True
    )  # hits on existing content when last previewed: {"posts": n, "examples": [...], "at": iso}

    class Meta:
        verbose_name = _("watched word list")
        verbose_name_plural = _("watched word lists")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class WatchedWord(models.Model):
    word_list = models.ForeignKey(WordList, on_delete=models.CASCADE, related_name="words")
    term = models.CharField(_("term"), max_length=100)
    category = models.CharField(_("category"), max_length=20, choices=WordCategory.choices)
    action = models.CharField(_("action"), max_length=10, choices=WordAction.choices)
    severity = models.PositiveSmallIntegerField(_("severity"), default=2)  # 1 (mild) – 4
    board = models.ForeignKey(
        "community.Board",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("board"),
    )  # None: every board
    tags: models.JSONField[list[str], list[str]] = models.JSONField(
        _("tags"), default=list, blank=True
    )
    message = models.CharField(_("message to the author"), max_length=200, blank=True)
    hit_count = models.PositiveIntegerField(_("hits"), default=0)
    last_hit_at = models.DateTimeField(_("last hit"), null=True, blank=True)

    class Meta:
        verbose_name = _("watched word")
        verbose_name_plural = _("watched words")
        ordering = ("term",)
        constraints = (
            models.UniqueConstraint(
                fields=("word_list", "term", "board"), name="moderation_word_unique_in_list"
            ),
        )

    def __str__(self) -> str:
        return self.term


class WordVariant(models.Model):
    """A configured spelling that stands for a word: ``vx`` → 微信, ``weixin`` → 微信."""

    variant = models.CharField(_("variant"), max_length=60, unique=True)
    canonical = models.CharField(_("stands for"), max_length=60)

    class Meta:
        verbose_name = _("word variant")
        verbose_name_plural = _("word variants")
        ordering = ("canonical", "variant")

    def __str__(self) -> str:
        return f"{self.variant} → {self.canonical}"
