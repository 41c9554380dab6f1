"""The onboarding settings singleton: read (cached) and written."""

from __future__ import annotations

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.growth.models import OnboardingSettings

CACHE_KEY = "growth:onboarding:settings"
WELCOME_MAX = 280
"""A notification holds 300 characters; the text leaves room for a long name."""


def onboarding_settings_get() -> OnboardingSettings:
    """The one settings row (created with the defaults when missing), cached: handlers
    read it on every follow and read."""
    found = cache.get(CACHE_KEY)
    if isinstance(found, OnboardingSettings):
        return found
    row, _created = OnboardingSettings.objects.get_or_create(pk=1)
    cache.set(CACHE_KEY, row, 300)
    return row


@transaction.atomic
def onboarding_settings_update(
    *, welcome_enabled: bool, welcome_text: str, boards_required: int, reads_required: int
) -> OnboardingSettings:
    """Change the welcome message and the step thresholds; raises ValidationError per field."""
    errors: dict[str, str] = {}
    welcome_text = welcome_text.strip()
    if len(welcome_text) > WELCOME_MAX:
        errors["welcome_text"] = _("Keep the welcome message to %(n)d characters.") % {
            "n": WELCOME_MAX
        }
    if not 1 <= boards_required <= 20:
        errors["boards_required"] = _("Enter a number from 1 to 20.")
    if not 1 <= reads_required <= 50:
        errors["reads_required"] = _("Enter a number from 1 to 50.")
    if errors:
        raise ValidationError(errors)
    row, _created = OnboardingSettings.objects.select_for_update().get_or_create(pk=1)
    row.welcome_enabled = welcome_enabled
    row.welcome_text = welcome_text
    row.boards_required = boards_required
    row.reads_required = reads_required
    row.save()
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
    cache.delete(CACHE_KEY)
    return row


def default_welcome_text() -> str:
    return _(
        "Welcome, {name}! Your first steps are waiting on your checklist: complete your "
        "profile, follow a few boards, read, like, reply and start a topic. Each step earns points."
    )


def welcome_text_render(template: str, *, name: str) -> str:
    """The welcome message for ``name``: only ``{name}`` is replaced (no format fields are
    interpreted, so stray braces in the staff's text are harmless)."""
    text = template.strip() or default_welcome_text()
    return text.replace("{name}", name)
