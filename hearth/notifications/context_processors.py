from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from hearth.notifications.selectors import notification_unread_count


def unread(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": lambda: notification_unread_count(member=user)}
