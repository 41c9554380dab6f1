"""The demo's events: a past meetup with registrations, two upcoming, one draft; reset removes them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from hearth.accounts.models import User
from hearth.demo.events import PLANS, events_plant
from hearth.events.models import Event, EventStatus, Registration, RegistrationStatus

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 15, 21, 30, tzinfo=dt.UTC)


def _members(n: int) -> None:
    joined = NOW - dt.timedelta(days=200)
    User.objects.bulk_create(
        User(username=f"demo{k}", email=f"demo{k}@example.com", date_joined=joined)
        for k in range(n)
    )


def _snapshot() -> list[tuple[str, str, int]]:
    return list(
        Registration.objects.order_by("event__starts_at", "member__username").values_list(
            "event__title", "status", "member_id"
        )
    )


def test_events_plant_writes_the_planned_events() -> None:
    _members(250)
    events_plant(seed=7, now=NOW)
    events = list(Event.objects.order_by("starts_at"))
    assert [e.title for e in events] == [p.title for p in sorted(PLANS, key=lambda p: p.starts_in)]
    past, livestream, meetup, booth = events
    assert past.ends_at < NOW < livestream.starts_at
    assert livestream.online_url
    assert livestream.capacity is None
    assert meetup.location
    assert booth.status == EventStatus.DRAFT
    assert not booth.registrations.exists()
    for event in events:
        going = event.registrations.filter(status=RegistrationStatus.GOING).count()
        assert event.capacity is None or going <= event.capacity
        for registration in event.registrations.select_related("member"):
            assert registration.member.date_joined <= registration.created_at
            assert registration.created_at <= min(NOW, event.starts_at)
    assert past.registrations.filter(status=RegistrationStatus.GOING).count() == 52
    assert past.registrations.filter(status=RegistrationStatus.INVITED).count() == 6
    assert not Registration.objects.filter(status="invited", invited_at=None).exists()


def test_events_plant_is_deterministic() -> None:
    _members(250)
    events_plant(seed=7, now=NOW)
    first = _snapshot()
    Event.objects.all().delete()
    events_plant(seed=7, now=NOW)
    assert _snapshot() == first


def test_demo_reset_removes_events() -> None:
    from hearth.demo.build import demo_reset

    _members(60)
    events_plant(seed=1, now=timezone.now())
    assert Event.objects.exists()
    demo_reset()
    assert not Event.objects.exists()
    assert not Registration.objects.exists()
