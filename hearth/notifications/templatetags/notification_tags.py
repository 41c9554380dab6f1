from __future__ import annotations

from django import template

from hearth.notifications.models import Notification
from hearth.notifications.presentation import notification_phrase

register = template.Library()


@register.filter
def phrase(notification: Notification) -> str:
    return notification_phrase(notification)
