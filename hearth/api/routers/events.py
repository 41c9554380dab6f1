"""Custom events (自定义事件): a member's domain action, e.g. ``course_enrolled``, for analytics."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_noop
from ninja import Field, Router, Schema, Status

from hearth.analytics.services import custom_event_record
from hearth.api.auth import MEMBER, member
from hearth.api.errors import ERRORS_WRITE

router = Router(tags=[gettext_noop("events")])


class EventIn(Schema):
    name: str = Field(
        description=gettext_noop("2–40 of a–z, 0–9 and _, e.g. course_enrolled, course_completed.")
    )
    properties: dict[str, Any] = Field(
        default_factory=dict, description=gettext_noop("Up to 4 KB of JSON, e.g. the course id.")
    )
    occurred_at: dt.datetime | None = Field(
        None, description=gettext_noop("When it happened (default now; up to 7 days back).")
    )


class EventOut(Schema):
    id: int
    name: str
    occurred_at: dt.datetime


@router.post(
    "/events",
    response={201: EventOut, **ERRORS_WRITE},
    auth=MEMBER,
    summary=gettext_noop("Record a custom event of the member"),
    description=gettext_noop(
        "Custom events count as activity and can be charted and used in funnels and metrics "
        "(e.g. completion rate = course_completed ÷ course_enrolled). 422 names a bad field."
    ),
)
def event_add(request: HttpRequest, payload: EventIn) -> Status[EventOut]:
    row = custom_event_record(
        member=member(request),
        name=payload.name,
        properties=payload.properties,
        occurred_at=payload.occurred_at,
    )
    return Status(201, EventOut(id=row.pk, name=row.action, occurred_at=row.occurred_at))
