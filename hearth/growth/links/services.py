"""Writes for campaigns and tracked links, and the click a short link counts."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.growth.links.codes import code_check, code_generate, destination_check
from hearth.growth.models import Campaign, Channel, TrackedLink

UTM_VALUE_MAX = 100


def _campaign_check(
    *,
    campaign: Campaign | None,
    name: str,
    utm_campaign: str,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
) -> None:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = _("Give the campaign a name.")
    elif (
        Campaign.objects.filter(name__iexact=name.strip())
        .exclude(pk__in=[campaign.pk] if campaign else [])
        .exists()
    ):
        errors["name"] = _("A campaign named “%(name)s” already exists.") % {"name": name.strip()}
    if utm_campaign and not re.match(r"^[a-z0-9][a-z0-9_-]*$", utm_campaign):
        errors["utm_campaign"] = _(
            "Use lowercase letters, digits, “-” and “_”, e.g. food-festival-2026."
        )
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("The campaign cannot end before it starts.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def campaign_save(
    *,
    actor: User | None,
    campaign: Campaign | None = None,
    name: str,
    channel: Channel | None = None,
    utm_campaign: str = "",
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    notes: str = "",
) -> Campaign:
    """Create a campaign (``campaign`` None) or edit one."""
    utm_campaign = utm_campaign.strip().lower()
    _campaign_check(
        campaign=campaign,
        name=name,
        utm_campaign=utm_campaign,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    target = campaign or Campaign(created_by=actor)
    target.name = name.strip()
    target.channel = channel
    target.utm_campaign = utm_campaign
    target.starts_on = starts_on
    target.ends_on = ends_on
    target.notes = notes.strip()
    target.full_clean(exclude=["created_by"])
    target.save()
    return target


def _utm(value: str, field: str) -> str:
    value = value.strip()
    if len(value) > UTM_VALUE_MAX or any(ch.isspace() for ch in value):
        raise ValidationError(
            {field: _("At most 100 characters, without spaces (use “-” or “_”).")}
        )
    return value


def _link_fill(
    link: TrackedLink,
    *,
    label: str,
    destination: str,
    campaign: Campaign | None,
    utm: dict[str, str],
    incentive: str,
) -> None:
    if not label.strip():
        raise ValidationError({"label": _("Give the link a label, e.g. “Food festival booth”.")})
    link.label = label.strip()
    link.destination = destination_check(destination)
    link.campaign = campaign
    source = _utm(utm.get("utm_source", ""), "utm_source").lower()
    link.utm_source = source or link.channel.key
    link.utm_medium = _utm(utm.get("utm_medium", ""), "utm_medium")
    link.utm_campaign = _utm(utm.get("utm_campaign", ""), "utm_campaign") or (
        campaign.utm_campaign if campaign else ""
    )
    link.utm_term = _utm(utm.get("utm_term", ""), "utm_term")
    link.utm_content = _utm(utm.get("utm_content", ""), "utm_content")
    link.incentive = incentive.strip()


@transaction.atomic
def link_create(
    *,
    actor: User | None,
    channel: Channel,
    label: str,
    destination: str = "/",
    campaign: Campaign | None = None,
    code: str = "",
    incentive: str = "",
    **utm: str,
) -> TrackedLink:
    """A tracked link for ``channel``; ``utm_source`` defaults to the channel's key.

    ``code`` is a custom short code (checked and lowercased); empty draws a
    random one. ``utm`` takes ``utm_source``, ``utm_medium``, ``utm_campaign``
    (default: the campaign's), ``utm_term`` and ``utm_content``.
    """
    link = TrackedLink(channel=channel, created_by=actor)
    _link_fill(
        link,
        label=label,
        destination=destination,
        campaign=campaign,
        utm=utm,
        incentive=incentive,
    )
    link.code = code_check(code) if code.strip() else code_generate()
    link.full_clean(exclude=["created_by"])
    link.save()
    return link


@transaction.atomic
def link_update(
    *,
    actor: User | None,
    link: TrackedLink,
    label: str,
    destination: str,
    campaign: Campaign | None = None,
    incentive: str = "",
    active: bool = True,
    **utm: str,
) -> TrackedLink:
    """Edit a link. Its code and channel stay: posters with its QR code are already printed."""
    _link_fill(
        link,
        label=label,
        destination=destination,
        campaign=campaign,
        utm=utm,
        incentive=incentive,
    )
    link.active = active
    link.full_clean(exclude=["created_by"])
    link.save()
    return link


def link_visit(*, code: str) -> TrackedLink | None:
    """Count a click on the active link with this code and return it (None: no such link).

    The count is one UPDATE with an F expression, so simultaneous clicks all count.
    """
    code = code.strip().lower()[:16]
    link = TrackedLink.objects.filter(code=code, active=True).first()
    if link is None:
        return None
    now = timezone.now()
    TrackedLink.objects.filter(pk=link.pk).update(clicks=F("clicks") + 1, last_clicked_at=now)
    link.clicks += 1
    link.last_clicked_at = now
    return link
