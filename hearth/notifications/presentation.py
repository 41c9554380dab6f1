"""How a notification reads on the page: one sentence, and where clicking it leads."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from hearth.community.selectors import reply_page_number
from hearth.notifications.models import Notification, Verb


def _sentence_template(notification: Notification) -> str:
    """The whole translated sentence, with %(actor)s and %(title)s placeholders, so that
    each language puts the actor and the topic where its grammar wants them."""
    verb = notification.verb
    topic = notification.topic
    if verb == Verb.FOLLOW:
        return _("%(actor)s followed you")
    if topic is None:
        return _("Moderation decision") if verb == Verb.MODERATION else _("System notice")
    if verb == Verb.MODERATION:
        return _("Moderation decision on %(title)s")
    if verb == Verb.REPLY:
        if topic.author_id != notification.recipient_id:
            return _("%(actor)s replied to your post in %(title)s")
        return _("%(actor)s replied to your topic %(title)s")
    if verb == Verb.MENTION:
        return _("%(actor)s mentioned you in %(title)s")
    if verb == Verb.LIKE:
        if notification.reply_id is not None:
            return _("%(actor)s liked your reply in %(title)s")
        return _("%(actor)s liked your topic %(title)s")
    if verb == Verb.FEATURED:
        return _("%(actor)s featured your topic %(title)s")
    return _("System notice about %(title)s")


def notification_sentence(notification: Notification) -> SafeString:
    """The notification as one sentence of HTML: the actor's name and the topic title are
    escaped and wrapped in their own elements; the translated sentence is escaped too."""
    actor = notification.actor
    topic = notification.topic
    fragments = {
        "actor": format_html(
            '<strong class="actor">{}</strong>', actor.name if actor else _("Deleted member")
        ),
        "title": format_html('<span class="target">{}</span>', topic.title if topic else ""),
    }
    # Both the sentence and every value put into it are escaped, so the result is safe.
    return mark_safe(escape(_sentence_template(notification)) % fragments)  # noqa: S308


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
