from __future__ import annotations

from django.db.models import QuerySet

from hearth.accounts.models import User
from hearth.notifications.models import Notification


def notification_unread_count(*, member: User) -> int:
    return Notification.objects.filter(recipient=member, read_at__isnull=True).count()


def notification_list(*, member: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=member).select_related("actor", "topic", "reply")
