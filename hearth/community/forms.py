"""Forms of the community pages. They parse input; the services hold the rules.

Length limits are left to the services so that the member sees one clear
message, and a refused text is re-rendered whole, never cut.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hearth.community.models import Board, PinScope, ShareChannel, Status

_TAG_SPLIT = re.compile(r"[,，、;；]")


def tags_parse(raw: str) -> list[str]:
    """Tags typed as a comma-separated list (full-width commas too)."""
    return [t.strip() for t in _TAG_SPLIT.split(raw) if t.strip()]


def errors_apply(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where it names one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class TopicForm(forms.Form):
    """A new topic, or an edit of one (then without the board and the staff box)."""

    board = forms.TypedChoiceField(
        label=_("Board"),
        coerce=int,
        error_messages={
            "required": _("Choose a board."),
            "invalid_choice": _("This board does not exist or you cannot post in it."),
        },
    )
    title = forms.CharField(
        label=_("Title"),
        error_messages={"required": _("The title cannot be empty.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    body = forms.CharField(
        label=_("Text"),
        strip=False,
        help_text=_("Markdown: **bold**, *italic*, [link](https://…), > quote, `code`."),
        error_messages={"required": _("The text cannot be empty.")},
        widget=forms.Textarea(attrs={"rows": 14}),
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        help_text=_("Separate tags with commas, at most 5."),
    )
    staff_content = forms.BooleanField(
        label=_("Staff content (PGC)"),
        required=False,
        help_text=_("Published in the name of the editorial team."),
    )

    def __init__(
        self,
        *args: Any,
        boards: list[Board] | None = None,
        staff: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.boards = {b.pk: b for b in boards or []}
        if boards is None:
            del self.fields["board"]
        else:
            board_field = self.fields["board"]
            assert isinstance(board_field, forms.TypedChoiceField)
            board_field.choices = [("", _("Choose a board…"))] + [
                (b.pk, f"{b.icon} {b.name}".strip()) for b in boards
            ]
        if not staff:
            del self.fields["staff_content"]

    def cleaned_board(self) -> Board:
        return self.boards[self.cleaned_data["board"]]

    def cleaned_tags(self) -> list[str]:
        return tags_parse(self.cleaned_data.get("tags", ""))


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        strip=False,
        error_messages={"required": _("The text cannot be empty.")},
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    quote = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ShareForm(forms.Form):
    channel = forms.ChoiceField(
        choices=ShareChannel.choices,
        error_messages={"invalid_choice": _("Unknown share channel.")},
    )


class FeatureForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("Featured level"),
        coerce=int,
        choices=[
            (0, _("Not featured")),
            (1, _("Featured ★")),
            (2, _("Featured ★★")),
            (3, _("Featured ★★★")),
        ],
        error_messages={"invalid_choice": _("The featured level must be 0, 1, 2 or 3.")},
    )


class PinForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Pin"),
        choices=PinScope.choices,
        required=False,
        error_messages={"invalid_choice": _("Unknown pin scope.")},
    )
    until = forms.DateTimeField(
        label=_("Until"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        help_text=_("Leave empty to keep it pinned until unpinned."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=Status.choices,
        error_messages={"invalid_choice": _("Unknown status.")},
    )


class DwellForm(forms.Form):
    dwell = forms.IntegerField(min_value=0, max_value=86_400, required=False)


def read_depth_parse(value: object) -> int | None:
    """The beacon's ``depth`` (percent of the topic reached, 0–100) or None: a missing,
    malformed or out-of-range value is ignored quietly (the dwell still counts)."""
    if not isinstance(value, str) or not 0 < len(value) <= 8:
        return None
    try:
        depth = float(value)
    except ValueError:
        return None
    if not 0 <= depth <= 100:  # also rejects NaN
        return None
    return round(depth)
