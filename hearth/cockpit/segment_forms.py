"""The segment builder's form and the comparison's parameters.

The builder posts attribute lists (checkbox groups), join dates and behaviour
rows as parallel lists (``b_kind``, ``b_action``, ``b_times``, ``b_days``; a
row without an action is ignored, a blank ``days`` means ever). Whatever the
definition refuses (no condition, an unknown action, an inverted range) comes
back as the form's error, in the definition's own words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.accounts.models import AGE_BANDS, Gender
from hearth.analytics.definitions import ACTION_LABELS, Action
from hearth.analytics.segments.definition import (
    ACTIVE,
    ATTRIBUTES,
    SegmentDefinition,
    SegmentError,
    definition_parse,
    events_check,
)
from hearth.analytics.segments.selectors import BuilderChoices
from hearth.cockpit.analytics_forms import RangeForm

ROW_FIELDS = ("b_kind", "b_action", "b_times", "b_days")
KIND_LABELS = {"did": gettext_lazy("did"), "did_not": gettext_lazy("did not")}
ATTRIBUTE_LABELS = {
    "channel": gettext_lazy("Channel"),
    "region": gettext_lazy("Region"),
    "age_band": gettext_lazy("Age band"),
    "gender": gettext_lazy("Gender"),
    "level": gettext_lazy("Level"),
}


def action_choices(custom_events: Iterable[str]) -> list[tuple[str, str]]:
    """``active`` first, then the built-in actions a member takes, then recorded custom events."""
    built_in = [
        (a.value, str(label)) for a, label in ACTION_LABELS.items() if a is not Action.DWELL
    ]
    return [(ACTIVE, _("Active (any active action)")), *built_in, *[(e, e) for e in custom_events]]


@dataclass(frozen=True)
class BehaviourRow:
    """One row as the builder shows it (text as typed, so a wrong entry is shown back)."""

    kind: str = "did"
    action: str = ""
    times: str = ""
    days: str = ""


def _checkboxes(label: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, required=False, widget=forms.CheckboxSelectMultiple
    )


def _date(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class SegmentBuilderForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=80,
        error_messages={"required": gettext_lazy("Give the segment a name.")},
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        max_length=300,
        required=False,
        widget=forms.TextInput(),
    )
    channel = _checkboxes(ATTRIBUTE_LABELS["channel"])
    region = _checkboxes(ATTRIBUTE_LABELS["region"])
    age_band = _checkboxes(ATTRIBUTE_LABELS["age_band"])
    gender = _checkboxes(ATTRIBUTE_LABELS["gender"])
    level = _checkboxes(ATTRIBUTE_LABELS["level"])
    joined_from = _date(gettext_lazy("Joined from"))
    joined_to = _date(gettext_lazy("Joined until"))
    joined_within = forms.IntegerField(
        label=gettext_lazy("Joined in the last … days"),
        required=False,
        min_value=1,
        max_value=3660,
        widget=forms.NumberInput(attrs={"min": 1, "max": 3660}),
    )

    def __init__(
        self,
        data: QueryDict | None = None,
        *,
        choices: BuilderChoices,
        levels: list[tuple[int, str]],
        definition: SegmentDefinition | None = None,
        initial: Mapping[str, Any] | None = None,
        need_name: bool = True,
    ) -> None:
        start = dict(initial or {})
        if definition is not None and data is None:
            start.update(_initial(definition))
        super().__init__(data, initial=start)
        self.custom_events = choices.custom_events
        self.fields["name"].required = need_name  # the live count needs no name
        given = {name: data.getlist(name) if data is not None else [] for name in ATTRIBUTES}
        saved = definition.attributes if definition else {}
        for name, found in (("channel", choices.channels), ("region", choices.regions)):
            extra = [*given[name], *[str(v) for v in saved.get(name, ())]]  # free text allowed
            values = list(dict.fromkeys([*found, *(v for v in extra if v)]))
            self._choices(name, [(v, v) for v in values])
        self._choices("age_band", [(label, label) for _l, _h, label in AGE_BANDS])
        self._choices("gender", [(v, str(label)) for v, label in Gender.choices if v])
        self._choices("level", [(str(position), name) for position, name in levels])
        self.rows = self._rows(data, definition)
        self.actions = action_choices(self.custom_events)

    def _choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = choices

    @staticmethod
    def _rows(data: QueryDict | None, definition: SegmentDefinition | None) -> list[BehaviourRow]:
        if data is not None:
            lists = [data.getlist(name) for name in ROW_FIELDS]
            width = max(len(values) for values in lists)
            padded = [values + [""] * (width - len(values)) for values in lists]
            return [BehaviourRow(*row) for row in zip(*padded, strict=True)]
        if definition is None:
            return []
        return [
            BehaviourRow(
                b.kind,
                b.action,
                str(b.times) if b.kind == "did" else "",
                "" if b.days is None else str(b.days),
            )
            for b in definition.behaviour
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        try:
            definition = definition_parse(self._definition_json(cleaned))
            events_check(definition, recorded=self.custom_events)
        except SegmentError as exc:
            raise forms.ValidationError(str(exc), code="definition") from exc
        cleaned["definition"] = definition
        return cleaned

    def _definition_json(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        rows = []
        for row in self.rows:
            if not row.action.strip():
                continue
            rows.append(
                {
                    "kind": row.kind,
                    "action": row.action.strip(),
                    "times": row.times.strip() or 1,
                    "days": row.days.strip() or None,
                }
            )
        joined: dict[str, Any] = {
            key: day.isoformat()
            for key, day in (("from", cleaned.get("joined_from")), ("to", cleaned.get("joined_to")))
            if day
        }
        if cleaned.get("joined_within"):
            joined["within_days"] = cleaned["joined_within"]
        return {
            "attributes": {name: list(cleaned.get(name) or []) for name in ATTRIBUTES},
            "joined": joined,
            "behaviour": rows,
        }


def _initial(definition: SegmentDefinition) -> dict[str, Any]:
    start: dict[str, Any] = {
        name: [str(v) for v in values] for name, values in definition.attributes.items()
    }
    start.update(
        joined_from=definition.joined_from,
        joined_to=definition.joined_to,
        joined_within=definition.joined_within,
    )
    return start


class SegmentPicker(forms.CheckboxSelectMultiple):
    """Checkboxes whose value travels as one comma-separated parameter (``segments=3,5``)."""

    def format_value(self, value: Any) -> list[str]:  # type: ignore[override]
        if isinstance(value, str):
            return [v for v in value.split(",") if v]
        return super().format_value(value)


class SegmentCompareForm(RangeForm):
    default_days: ClassVar[int] = 90

    segments = forms.CharField(
        label=gettext_lazy("Segments"), max_length=200, required=False, widget=SegmentPicker
    )

    def __init__(
        self,
        query: Mapping[str, str],
        *,
        today: dt.date,
        choices: list[tuple[str, str]] | None = None,
    ) -> None:
        if isinstance(query, QueryDict):  # ticked boxes arrive one by one: join them
            joined = ",".join(v for item in query.getlist("segments") for v in item.split(","))
            query = {**{key: str(query.get(key, "")) for key in query}, "segments": joined}
        super().__init__(query, today=today)
        widget = self.fields["segments"].widget
        assert isinstance(widget, SegmentPicker)
        widget.choices = choices or []

    def clean_segments(self) -> list[int]:
        text = str(self.cleaned_data.get("segments") or "")
        try:
            ids = [int(part) for part in text.split(",") if part.strip()]
        except ValueError as exc:
            raise forms.ValidationError(_("Segments are chosen by their numbers.")) from exc
        return list(dict.fromkeys(ids))
