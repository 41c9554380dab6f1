"""The e-mail of one outreach to one member: text and HTML, with an unsubscribe link and header.

Sent through Django's e-mail backend (console or file in the demo, SMTP in
production, chosen by ``EMAIL_URL``).
"""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.core.brand import brand_get
from hearth.events.models import Event
from hearth.growth.models import Outreach
from hearth.growth.outreach.tokens import unsubscribe_token


def message_render(template: str, member: User) -> str:
    """``template`` with ``{name}`` replaced by the member's name (other braces stay as typed)."""
    return template.replace("{name}", member.name)


def absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + path


def event_link(event: Event, site_url: str) -> str:
    """The event's public page (the events list's site root when the page is not routed)."""
    try:
        return absolute(site_url, reverse("events:detail", args=[event.pk]))
    except NoReverseMatch:
        return absolute(site_url, "/")


def unsubscribe_link(member: User, site_url: str) -> str:
    return absolute(site_url, reverse("outreach:unsubscribe", args=[unsubscribe_token(member.pk)]))


def outreach_body(outreach: Outreach, member: User, site_url: str) -> str:
    """The message text for ``member``: the body, plus the event's link for an invitation."""
    text = message_render(outreach.body, member)
    if outreach.event is not None:
        text += "\n\n" + _("Event: %(title)s — %(url)s") % {
            "title": outreach.event.title,
            "url": event_link(outreach.event, site_url),
        }
    return text


def outreach_email(outreach: Outreach, member: User, site_url: str) -> EmailMultiAlternatives:
    """The e-mail (not sent) with ``List-Unsubscribe`` (one-click, RFC 8058) and a footer link."""
    link = unsubscribe_link(member, site_url)
    context = {
        "community": brand_get().community_name,
        "subject": message_render(outreach.subject, member),
        "body": outreach_body(outreach, member, site_url),
        "unsubscribe_url": link,
    }
    mail = EmailMultiAlternatives(
        subject=context["subject"],
        body=render_to_string("growth/outreach/email.txt", context),
        to=[member.email],
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    mail.attach_alternative(render_to_string("growth/outreach/email.html", context), "text/html")
    return mail
