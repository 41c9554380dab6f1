"""A member's choice about operations messages (退订): e-mail and in-site, separately."""

from __future__ import annotations

from django.utils import timezone

from hearth.accounts.models import User
from hearth.growth.models import MessagePreference


def message_preference_for(member: User) -> MessagePreference:
    """The member's preference (an unsaved default when they never chose)."""
    found = MessagePreference.objects.filter(member=member).first()
    return found or MessagePreference(member=member)


def message_preference_set(
    *, member: User, email: bool | None = None, in_site: bool | None = None
) -> MessagePreference:
    """Subscribe (True) or unsubscribe (False) ``member`` from outreach e-mail and/or in-site
    messages; None leaves that kind as it is. The first unsubscribe time is kept."""
    pref, _created = MessagePreference.objects.get_or_create(member=member)
    now = timezone.now()
    if email is not None:
        pref.email_unsubscribed_at = None if email else (pref.email_unsubscribed_at or now)
    if in_site is not None:
        pref.in_site_unsubscribed_at = None if in_site else (pref.in_site_unsubscribed_at or now)
    pref.save()
    return pref
