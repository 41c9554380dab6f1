"""Forms of the first-week rescue: an outreach, an assignment. They parse; services check."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearth.accounts.models import User
from hearth.analytics.models import Segment
from hearth.events.models import Event, EventStatus
from hearth.growth.assignments import assignees
from hearth.growth.models import OutreachKind


def open_events() -> QuerySet[Event]:
    return Event.objects.filter(status=EventStatus.PUBLISHED, ends_at__gt=timezone.now())


class OutreachForm(forms.Form):
    """An outreach and its audience (members ids, the at-risk queue, or a segment)."""

    members = forms.CharField(required=False, widget=forms.HiddenInput)
    queue = forms.CharField(required=False, widget=forms.HiddenInput)
    segment = forms.ModelChoiceField(
        label=_("Segment"),
        queryset=Segment.objects.order_by("name"),
        required=False,
        help_text=_(
            "Send to a saved segment's members now (staff and deactivated accounts left out)."
        ),
    )
    kind = forms.ChoiceField(label=_("Type"), choices=OutreachKind.choices)
    name = forms.CharField(label=_("Name"), max_length=80, help_text=_("For the team only."))
    event = forms.ModelChoiceField(label=_("Event"), queryset=open_events(), required=False)
    subject = forms.CharField(label=_("Subject"), max_length=120)
    body = forms.CharField(
        label=_("Message"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("{name} is replaced by the member's name."),
    )
    in_site = forms.BooleanField(label=_("In-site notification"), required=False, initial=True)
    email = forms.BooleanField(label=_("Send by e-mail"), required=False)
    holdout_percent = forms.IntegerField(
        label=_("Holdout (%)"),
        min_value=0,
        max_value=50,
        initial=10,
        help_text=_(
            "A random share of the audience receives nothing, to measure the lift honestly."
        ),
    )
    return_days = forms.IntegerField(
        label=_("Days counted as a return"), min_value=1, max_value=60, initial=7
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["event"].queryset = open_events()  # type: ignore[attr-defined]

    def clean_members(self) -> list[int]:
        raw = str(self.cleaned_data.get("members") or "")
        ids = []
        for part in raw.replace(" ", "").split(","):
            if part.isdigit():
                ids.append(int(part))
        return ids


class AssignForm(forms.Form):
    use_required_attribute = False  # shares the queue's form with the message buttons

    assignee = forms.ModelChoiceField(label=_("Staffer"), queryset=User.objects.none())
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["assignee"].queryset = assignees()  # type: ignore[attr-defined]
