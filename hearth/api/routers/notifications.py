"""The caller's notifications: list, mark read, unread count."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Field, Query, Router, Schema

from hearth.api import selectors
from hearth.api.auth import MEMBER, member
from hearth.api.errors import ERRORS_READ, ERRORS_WRITE
from hearth.api.pagination import PageParams, paginate
from hearth.api.schemas import (
    MarkReadIn,
    MarkReadOut,
    NotificationOut,
    NotificationPage,
    UnreadCountOut,
)
from hearth.notifications.selectors import notification_unread_count
from hearth.notifications.services import notifications_mark_read

router = Router(tags=[gettext_noop("notifications")])


class NotificationFilters(Schema):
    unread: bool = Field(False, description=gettext_noop("Only unread notifications."))


@router.get(
    "/notifications",
    response={200: NotificationPage, **ERRORS_READ},
    auth=MEMBER,
    summary=gettext_noop("List the caller's notifications, newest first"),
)
def notification_list(
    request: HttpRequest, filters: Query[NotificationFilters], params: Query[PageParams]
) -> dict[str, object]:
    me = member(request)
    page = paginate(selectors.notification_list_for(member=me, unread_only=filters.unread), params)
    return {
        **page.meta(),
        "items": [NotificationOut.of(n) for n in page.items],
        "unread_count": notification_unread_count(member=me),
    }


@router.post(
    "/notifications/read",
    response={200: MarkReadOut, **ERRORS_WRITE},
    auth=MEMBER,
    summary=gettext_noop("Mark notifications read"),
    description=gettext_noop('Send {"ids": [...]} for some, or {"all": true} for every one.'),
)
def notification_mark_read(request: HttpRequest, payload: MarkReadIn) -> MarkReadOut:
    me = member(request)
    if not payload.all and payload.ids is None:
        raise ValidationError({"ids": _('Give the ids to mark read, or "all": true.')})
    marked = notifications_mark_read(member=me, ids=None if payload.all else payload.ids)
    return MarkReadOut(marked=marked, unread_count=notification_unread_count(member=me))


@router.get(
    "/me/unread-count",
    response={200: UnreadCountOut, **ERRORS_READ},
    auth=MEMBER,
    summary=gettext_noop("Count the caller's unread notifications"),
)
def unread_count(request: HttpRequest) -> UnreadCountOut:
    return UnreadCountOut(count=notification_unread_count(member=member(request)))
