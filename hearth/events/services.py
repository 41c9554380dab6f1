"""Event writes: plan an event, register, cancel, and invite a member (used by outreach).

Capacity is checked under a row lock on the event, so two members taking the
last place at once cannot both get it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.core.events import publish
from hearth.events.domain import EventRegistered
from hearth.events.models import Event, EventStatus, Registration, RegistrationStatus

TITLE_MAX = 120


@dataclass(frozen=True, kw_only=True)
class EventFields:
    """What a planner types for an event."""

    title: str
    description: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    location: str
    online_url: str
    capacity: int | None
    status: str


def _check(fields: EventFields) -> None:
    errors: dict[str, str] = {}
    if not fields.title.strip():
        errors["title"] = _("Give the event a title.")
    elif len(fields.title.strip()) > TITLE_MAX:
        errors["title"] = _("The title is at most %(n)s characters.") % {"n": TITLE_MAX}
    if fields.ends_at <= fields.starts_at:
        errors["ends_at"] = _("The event must end after it starts.")
    if fields.capacity is not None and fields.capacity < 1:
        errors["capacity"] = _("The capacity is at least 1 (leave it empty for no limit).")
    if fields.status not in EventStatus.values:
        errors["status"] = _("Choose a status from the list.")
    if errors:
        raise ValidationError(errors)


def _apply(event: Event, fields: EventFields) -> None:
    event.title = fields.title.strip()
    event.description = fields.description.strip()
    event.starts_at = fields.starts_at
    event.ends_at = fields.ends_at
    event.location = fields.location.strip()
    event.online_url = fields.online_url.strip()
    event.capacity = fields.capacity
    event.status = fields.status


def event_create(*, actor: User | None, fields: EventFields) -> Event:
    """Plan a new event (a draft unless ``fields.status`` says published)."""
    _check(fields)
    event = Event(created_by=actor)
    _apply(event, fields)
    event.full_clean()
    event.save()
    return event


def event_update(*, event: Event, fields: EventFields) -> Event:
    """Change an event. Lowering the capacity never drops members already going."""
    _check(fields)
    _apply(event, fields)
    event.full_clean()
    event.save()
    return event


def going_count(event: Event) -> int:
    return Registration.objects.filter(event=event, status=RegistrationStatus.GOING).count()


def _open_or_error(event: Event, now: dt.datetime) -> None:
    if event.status != EventStatus.PUBLISHED:
        raise ValidationError(_("This event is not open for registration."))
    if event.ends_at <= now:
        raise ValidationError(_("This event is over."))


def event_register(*, event: Event, member: User) -> Registration:
    """Take a place (or accept an invitation). Raises ValidationError when the event is full.

    Registering twice is harmless: a member already going keeps their place.
    Publishes ``EventRegistered`` (analytics records it as ``event_join``).
    """
    now = timezone.now()
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        _open_or_error(locked, now)
        registration = (
            Registration.objects.select_for_update().filter(event=locked, member=member).first()
        )
        if registration is not None and registration.status == RegistrationStatus.GOING:
            return registration
        if locked.capacity is not None and going_count(locked) >= locked.capacity:
            raise ValidationError(_("Sorry, this event is full."))
        if registration is None:
            registration = Registration.objects.create(
                event=locked, member=member, status=RegistrationStatus.GOING, created_at=now
            )
        else:
            registration.status = RegistrationStatus.GOING
            registration.save(update_fields=["status", "updated_at"])
        publish(
            EventRegistered(
                event_id=locked.pk,
                member_id=member.pk,
                invited=registration.invited_at is not None,
                occurred_at=now,
            )
        )
        return registration


def registration_cancel(*, event: Event, member: User) -> Registration | None:
    """Give up one's place (or decline an invitation); None when there was nothing to cancel."""
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update().filter(event=event, member=member).first()
        )
        if registration is None or registration.status == RegistrationStatus.CANCELLED:
            return registration
        registration.status = RegistrationStatus.CANCELLED
        registration.save(update_fields=["status", "updated_at"])
        return registration


def event_invite(*, event: Event, member: User, now: dt.datetime | None = None) -> Registration:
    """Invite ``member`` (outreach calls this): their page then shows "You're invited".

    Idempotent: inviting again keeps the first ``invited_at``; a member already
    going stays going (an invitation never takes a place away); a member who
    had cancelled is invited again. An invitation takes no place: the member
    takes one by accepting, if the event still has room.
    """
    now = now or timezone.now()
    with transaction.atomic():
        registration, created = Registration.objects.select_for_update().get_or_create(
            event=event,
            member=member,
            defaults={"status": RegistrationStatus.INVITED, "invited_at": now, "created_at": now},
        )
        if created or registration.status == RegistrationStatus.GOING:
            return registration
        changed: list[str] = []
        if registration.status == RegistrationStatus.CANCELLED:
            registration.status = RegistrationStatus.INVITED
            registration.invited_at = now
            changed = ["status", "invited_at"]
        elif registration.invited_at is None:
            registration.invited_at = now
            changed = ["invited_at"]
        if changed:
            registration.save(update_fields=[*changed, "updated_at"])
        return registration
