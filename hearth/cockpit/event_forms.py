"""The event planner's form: it parses input; ``hearth.events.services`` checks and writes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.events.models import Event, EventStatus
from hearth.events.services import EventFields

_LOCAL = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format=_LOCAL)


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=LocalDateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=LocalDateTimeInput())
    location = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("An address for a meetup or a booth; leave empty for an online event."),
    )
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("The livestream or meeting link; shown to registered members only."),
    )
    capacity = forms.IntegerField(
        label=_("Capacity"), required=False, help_text=_("Empty for no limit.")
    )
    status = forms.ChoiceField(label=_("Status"), choices=EventStatus.choices)
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown: **bold**, lists, links."),
    )

    @classmethod
    def initial_for(cls, event: Event) -> dict[str, object]:
        return {
            "title": event.title,
            "starts_at": event.starts_at,
            "ends_at": event.ends_at,
            "location": event.location,
            "online_url": event.online_url,
            "capacity": event.capacity,
            "status": event.status,
            "description": event.description,
        }

    def event_fields(self) -> EventFields:
        data = self.cleaned_data
        return EventFields(
            title=data["title"],
            description=data["description"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            location=data["location"],
            online_url=data["online_url"],
            capacity=data["capacity"],
            status=data["status"],
        )
