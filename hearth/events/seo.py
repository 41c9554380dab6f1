"""A published event as schema.org ``Event`` structured data, for search engines.

The online link is for registered members only, so the virtual location
names the event's own page, never the livestream link.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from hearth.core.markdown import excerpt
from hearth.events.models import Event, EventStatus

_MODE = "https://schema.org/{}EventAttendanceMode"


def event_structured_data(
    request: HttpRequest, event: Event, *, organiser: str
) -> dict[str, Any] | None:
    """The event as JSON-LD data; None for drafts (they are not public)."""
    if event.status == EventStatus.DRAFT:
        return None
    url = request.build_absolute_uri(reverse("events:detail", kwargs={"pk": event.pk}))
    places: list[dict[str, Any]] = []
    if event.location:
        places.append({"@type": "Place", "name": event.location, "address": event.location})
    if event.online_url:
        places.append({"@type": "VirtualLocation", "url": url})
    mode = "Mixed" if len(places) == 2 else ("Online" if event.online_url else "Offline")
    status = "EventCancelled" if event.status == EventStatus.CANCELLED else "EventScheduled"
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": url,
        "startDate": event.starts_at.isoformat(),
        "endDate": event.ends_at.isoformat(),
        "eventStatus": f"https://schema.org/{status}",
        "eventAttendanceMode": _MODE.format(mode),
        "organizer": {
            "@type": "Organization",
            "name": organiser,
            "url": request.build_absolute_uri(reverse("community:home")),
        },
    }
    if places:
        data["location"] = places[0] if len(places) == 1 else places
    if event.description:
        data["description"] = excerpt(event.description, 300)
    return data
