from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.notifications.models import Notification


def notification_unread_count(*, member: User) -> int:
    return Notification.objects.filter(recipient=member, read_at__isnull=True).count()


def notification_list(*, member: User, unread_only: bool = False) -> QuerySet[Notification]:
    notifications = Notification.objects.filter(recipient=member)
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.select_related("actor", "topic", "reply").order_by("-created_at", "-pk")


def notification_get(*, member: User, pk: int) -> Notification:
    """One of the member's notifications; Http404 for anyone else's."""
    notification = (
        Notification.objects.filter(recipient=member, pk=pk)
        .select_related("actor", "reply")
        .first()
    )
    if notification is None:
        raise Http404(_("This notification does not exist."))
    return notification
