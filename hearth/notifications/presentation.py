"""How a notification reads on the page: its phrase and where clicking it leads."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.community.selectors import reply_page_number
from hearth.notifications.models import Notification, Verb


def notification_phrase(notification: Notification) -> str:
    """The words between the actor and the topic, e.g. "replied to your topic"."""
    verb = notification.verb
    if verb == Verb.REPLY:
        topic = notification.topic
        if topic is not None and topic.author_id != notification.recipient_id:
            return _("replied to your post in")
        return _("replied to your topic")
    if verb == Verb.MENTION:
        return _("mentioned you in")
    if verb == Verb.LIKE:
        if notification.reply_id is not None:
            return _("liked your reply in")
        return _("liked your topic")
    if verb == Verb.FEATURED:
        return _("featured your topic")
    if verb == Verb.FOLLOW:
        return _("followed you")
    if verb == Verb.MODERATION:
        return _("Moderation:")
    return _("Notice:")


def notification_target_url(notification: Notification) -> str:
    """Where the notification leads: the reply (on its topic page) or topic, the follower's
    page, or the notification list."""
    if notification.topic_id is not None:
        url = reverse("community:topic", args=[notification.topic_id])
        if notification.reply is not None:
            page = reply_page_number(reply=notification.reply)
            url += (f"?page={page}" if page > 1 else "") + f"#r{notification.reply_id}"
        return url
    if notification.verb == Verb.FOLLOW and notification.actor is not None:
        return reverse("accounts:member", args=[notification.actor.username])
    return reverse("notifications:list")
