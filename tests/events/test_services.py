"""Event services: capacity, idempotent registration and invitation, planners' validation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.events.models import Registration, RegistrationStatus
from hearth.events.services import (
    EventFields,
    event_create,
    event_invite,
    event_register,
    event_update,
    registration_cancel,
)

pytestmark = pytest.mark.django_db


def test_registration_respects_capacity_and_says_when_full(
    make_event: Callable[..., Any], make_member: Callable[..., Any]
) -> None:
    event = make_event(capacity=2)
    event_register(event=event, member=make_member())
    event_register(event=event, member=make_member())
    with pytest.raises(ValidationError) as error:
        event_register(event=event, member=make_member())
    assert error.value.messages == ["Sorry, this event is full."]
    assert Registration.objects.filter(event=event, status="going").count() == 2


def test_registering_twice_keeps_one_place(
    make_event: Callable[..., Any], make_member: Callable[..., Any]
) -> None:
    event = make_event(capacity=1)
    member = make_member()
    first = event_register(event=event, member=member)
    again = event_register(event=event, member=member)  # full now, but the member is already in
    assert first.pk == again.pk
    assert Registration.objects.filter(event=event).count() == 1


def test_cancelling_frees_the_place(
    make_event: Callable[..., Any], make_member: Callable[..., Any]
) -> None:
    event = make_event(capacity=1)
    first, second = make_member(), make_member()
    event_register(event=event, member=first)
    cancelled = registration_cancel(event=event, member=first)
    assert cancelled is not None
    assert cancelled.status == RegistrationStatus.CANCELLED
    assert event_register(event=event, member=second).status == RegistrationStatus.GOING
    assert registration_cancel(event=event, member=make_member()) is None


@pytest.mark.parametrize(("status", "days"), [("draft", 3), ("cancelled", 3), ("published", -2)])
def test_closed_events_refuse_registration(
    status: str, days: int, make_event: Callable[..., Any], make_member: Callable[..., Any]
) -> None:
    event = make_event(status=status, days=days)
    with pytest.raises(ValidationError):
        event_register(event=event, member=make_member())
    assert not Registration.objects.exists()


def test_invite_is_idempotent_and_keeps_the_first_time(
    make_event: Callable[..., Any], make_member: Callable[..., Any]
) -> None:
    event = make_event()
    member = make_member()
    first_time = timezone.now() - dt.timedelta(hours=3)
    first = event_invite(event=event, member=member, now=first_time)
    again = event_invite(event=event, member=member)
    assert first.pk == again.pk
    assert again.status == RegistrationStatus.INVITED
    assert again.invited_at == first_time
    assert Registration.objects.count() == 1


def test_invite_never_takes_a_place_away_and_reinvites_after_cancel(
    make_event: Callable[..., Any], make_member: Callable[..., Any]
) -> None:
    event = make_event()
    going, gone = make_member(), make_member()
    event_register(event=event, member=going)
    assert event_invite(event=event, member=going).status == RegistrationStatus.GOING
    event_register(event=event, member=gone)
    registration_cancel(event=event, member=gone)
    again = event_invite(event=event, member=gone)
    assert again.status == RegistrationStatus.INVITED
    assert again.invited_at is not None


def test_an_invitation_takes_no_place_until_accepted(
    make_event: Callable[..., Any], make_member: Callable[..., Any]
) -> None:
    event = make_event(capacity=1)
    invited, walk_in = make_member(), make_member()
    event_invite(event=event, member=invited)
    event_register(event=event, member=walk_in)
    with pytest.raises(ValidationError):
        event_register(event=event, member=invited)
    registration_cancel(event=event, member=walk_in)
    accepted = event_register(event=event, member=invited)
    assert accepted.status == RegistrationStatus.GOING
    assert accepted.invited_at is not None


def _fields(**changes: Any) -> EventFields:
    starts = timezone.now() + dt.timedelta(days=3)
    values: dict[str, Any] = {
        "title": "线下见面会",
        "description": "",
        "starts_at": starts,
        "ends_at": starts + dt.timedelta(hours=2),
        "location": "北京",
        "online_url": "",
        "capacity": 30,
        "status": "published",
    }
    values.update(changes)
    return EventFields(**values)


def test_planning_checks_times_capacity_and_title(db: None) -> None:
    starts = timezone.now() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        event_create(
            actor=None, fields=_fields(starts_at=starts, ends_at=starts, capacity=0, title="  ")
        )
    assert set(error.value.message_dict) == {"ends_at", "capacity", "title"}
    assert error.value.message_dict["ends_at"] == ["The event must end after it starts."]


def test_update_changes_the_event(db: None) -> None:
    event = event_create(actor=None, fields=_fields())
    event_update(event=event, fields=_fields(title="改名后的活动", capacity=None))
    event.refresh_from_db()
    assert (event.title, event.capacity) == ("改名后的活动", None)
    with pytest.raises(ValidationError):
        event_update(event=event, fields=_fields(capacity=-1))


def test_taking_a_place_is_recorded_once_as_event_participation(
    make_event: Callable[..., Any],
    make_member: Callable[..., Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    from hearth.analytics.models import Activity

    event = make_event()
    member, invited = make_member(), make_member()
    event_invite(event=event, member=invited)
    with django_capture_on_commit_callbacks(execute=True):
        event_register(event=event, member=member)
        registration_cancel(event=event, member=member)
        event_register(event=event, member=member)
        event_register(event=event, member=invited)
    rows = Activity.objects.filter(action="event_join").order_by("member_id")
    assert [(r.member_id, r.properties) for r in rows] == [
        (member.pk, {"event": event.pk, "invited": False}),
        (invited.pk, {"event": event.pk, "invited": True}),
    ]
