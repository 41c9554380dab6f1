"""Event reads: the public lists, one event's page facts, and the planners' tables."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from hearth.accounts.models import User
from hearth.community.permissions import AnyUser
from hearth.events.models import Event, EventStatus, Registration, RegistrationStatus
from hearth.events.permissions import can_manage_events

PAST_SHOWN = 20


def _with_counts(qs: QuerySet[Event]) -> QuerySet[Event]:
    return qs.annotate(
        going=Count("registrations", filter=Q(registrations__status=RegistrationStatus.GOING)),
        invited=Count("registrations", filter=Q(registrations__status=RegistrationStatus.INVITED)),
        cancelled=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.CANCELLED)
        ),
    )


@dataclass(frozen=True)
class PublicEvents:
    upcoming: list[Event]
    past: list[Event]


def event_list_public(*, now: dt.datetime) -> PublicEvents:
    """Published events: those not over yet (soonest first) and the last ones that ended."""
    published = _with_counts(Event.objects.filter(status=EventStatus.PUBLISHED))
    upcoming = list(published.filter(ends_at__gt=now).order_by("starts_at", "pk"))
    past = list(published.filter(ends_at__lte=now).order_by("-starts_at", "-pk")[:PAST_SHOWN])
    return PublicEvents(upcoming=upcoming, past=past)


def event_get_visible(*, pk: int, user: AnyUser) -> Event | None:
    """The event if ``user`` may see it: published or cancelled for all, drafts for planners."""
    event = _with_counts(Event.objects.filter(pk=pk)).first()
    if event is None:
        return None
    if event.status == EventStatus.DRAFT and not can_manage_events(user):
        return None
    return event


def places_left(event: Event) -> int | None:
    """Free places, or None when the event has no limit (reads the ``going`` annotation)."""
    if event.capacity is None:
        return None
    going = getattr(event, "going", None)
    if going is None:
        going = event.registrations.filter(status=RegistrationStatus.GOING).count()
    return max(event.capacity - int(going), 0)


def registration_for(*, event: Event, user: AnyUser) -> Registration | None:
    if not isinstance(user, User):
        return None
    return Registration.objects.filter(event=event, member=user).first()


def event_list_for_cockpit() -> QuerySet[Event]:
    """Every event with its registration counts, the latest first."""
    return _with_counts(Event.objects.select_related("created_by")).order_by("-starts_at", "-pk")


def registrations_for_event(*, event: Event) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(event=event)
        .select_related("member")
        .order_by("status", "created_at", "pk")
    )


def event_invitations_open(*, member: User, now: dt.datetime) -> list[Registration]:
    """The member's pending invitations to published events not over yet (for banners)."""
    return list(
        Registration.objects.filter(
            member=member,
            status=RegistrationStatus.INVITED,
            event__status=EventStatus.PUBLISHED,
            event__ends_at__gt=now,
        )
        .select_related("event")
        .order_by("event__starts_at")
    )
