"""POST /api/v1/events: a member's custom event goes to the activity log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from hearth.analytics.models import Activity


def test_a_custom_event_is_recorded_with_its_properties(
    api_as: Callable[[Any], Any], alice: Any
) -> None:
    response = api_as(alice).post(
        "/events", {"name": "course_enrolled", "properties": {"course": 42}}
    )
    assert response.status_code == 201, response.content
    row = Activity.objects.get(pk=response.json()["id"])
    assert (row.member_id, row.action, row.properties) == (
        alice.pk,
        "course_enrolled",
        {"course": 42},
    )


def test_bad_events_are_refused_with_the_field(api_as: Callable[[Any], Any], alice: Any) -> None:
    api = api_as(alice)
    for body, field in (
        ({"name": "read"}, "name"),  # a built-in action
        ({"name": "Course Done"}, "name"),
        ({"name": "course_done", "properties": {"x": "y" * 5000}}, "properties"),
        (
            {
                "name": "course_done",
                "occurred_at": (timezone.now() + dt.timedelta(days=1)).isoformat(),
            },
            "occurred_at",
        ),
    ):
        response = api.post("/events", body)
        assert response.status_code == 422, body
        assert field in response.content.decode()
    assert not Activity.objects.exists()


def test_events_need_a_member(anon: Any) -> None:
    assert anon.post("/events", {"name": "course_enrolled"}).status_code == 401
