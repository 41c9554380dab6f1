"""Notification services."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from hearth.accounts.models import User
from hearth.notifications.models import Notification


def notification_create(
    *,
    recipient_id: int,
    verb: str,
    actor_id: int | None = None,
    topic_id: int | None = None,
    reply_id: int | None = None,
    text: str = "",
) -> Notification | None:
    """Notify a member; nobody is notified of their own action."""
    if actor_id is not None and actor_id == recipient_id:
        return None
    return Notification.objects.create(
        recipient_id=recipient_id,
        verb=verb,
        actor_id=actor_id,
        topic_id=topic_id,
        reply_id=reply_id,
        text=text[:300],
    )


@transaction.atomic
def notifications_mark_read(*, member: User, ids: list[int] | None = None) -> int:
    """Mark the given notifications (or all of them) read; returns how many changed."""
    unread = Notification.objects.filter(recipient=member, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
