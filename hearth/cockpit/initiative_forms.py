"""The initiative form (plan items and board plans)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hearth.accounts.models import User
from hearth.community.models import Board
from hearth.goals.initiatives.services import InitiativeInput
from hearth.goals.models import Goal, InitiativeKind, InitiativeStatus

DATE = forms.DateInput(attrs={"type": "date"})


def staff_choices() -> list[tuple[str, str]]:
    staff = User.objects.filter(Q(is_superuser=True) | Q(groups__isnull=False)).distinct()
    return [("", "—")] + [(str(u.pk), str(u)) for u in staff.order_by("username")]


class InitiativeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    kind = forms.ChoiceField(label=_("Type"), choices=InitiativeKind.choices)
    description = forms.CharField(
        label=_("Description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    rationale = forms.CharField(
        label=_("Rationale"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why: the reasoning behind it, for those who read the plan later."),
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Goals"), queryset=Goal.objects.none(), required=False
    )
    boards = forms.ModelMultipleChoiceField(
        label=_("Boards touched"),
        queryset=Board.objects.none(),
        required=False,
        help_text=_(
            "The boards it opens, merges, closes or runs in. The other boards are the comparison "
            "in the impact view."
        ),
    )
    board_name = forms.CharField(
        label=_("New board's name"),
        max_length=40,
        required=False,
        help_text=_("Opening a board: its planned name."),
    )
    merge_into = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Board.objects.none(),
        required=False,
        help_text=_("Merging boards: the board the boards touched are merged into."),
    )
    owner = forms.TypedChoiceField(label=_("Owner"), required=False, coerce=int, empty_value=None)
    start_date = forms.DateField(label=_("Start"), widget=DATE)
    end_date = forms.DateField(label=_("End"), required=False, widget=DATE)
    status = forms.ChoiceField(
        label=_("Status"), choices=InitiativeStatus.choices, initial=InitiativeStatus.PLANNED
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        boards = Board.objects.order_by("position", "pk")
        for name, queryset in (
            ("goals", Goal.objects.order_by("name")),
            ("boards", boards),
            ("merge_into", boards),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset
        owner = self.fields["owner"]
        assert isinstance(owner, forms.TypedChoiceField)
        owner.choices = staff_choices()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end is before the start."))
        return cleaned

    def initiative_input(self) -> InitiativeInput:
        data = self.cleaned_data
        merge_into = data.get("merge_into")
        return InitiativeInput(
            name=data["name"],
            kind=data["kind"],
            description=data.get("description") or "",
            rationale=data.get("rationale") or "",
            goal_ids=tuple(g.pk for g in data.get("goals") or ()),
            board_ids=tuple(b.pk for b in data.get("boards") or ()),
            board_name=data.get("board_name") or "",
            merge_into_id=merge_into.pk if merge_into else None,
            owner_id=data.get("owner"),
            start_date=data["start_date"],
            end_date=data.get("end_date"),
            status=data["status"],
        )
