from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from hearth.notifications.models import Notification
from hearth.notifications.presentation import notification_sentence

register = template.Library()


@register.filter
def sentence(notification: Notification) -> SafeString:
    """The notification as one translated sentence with the actor and topic title in it."""
    return notification_sentence(notification)
