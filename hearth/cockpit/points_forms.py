"""Forms of the cockpit's points pages: the ladder table, a point rule, an adjustment, a search.

The table editors (ladder rows, board overrides) keep every cell exactly as
typed, so a refused save shows the operator their own input. Their cells are
read from indexed fields (``name-0``, ``threshold-0`` …, listed by the hidden
``row`` fields in table order); checkboxes that are absent are unticked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.gamification.actions import Cycle
from hearth.gamification.ladder import MAX_LEVELS, LevelDraft
from hearth.gamification.models import Level

MAX_TABLE_ROWS = 50  # rows read from one post, whatever it claims
_WHOLE = re.compile(r"^[+-]?\d{1,12}$")


def whole_or_raw(raw: str) -> int | str:
    """``"12"`` → 12; anything else stays the text typed, for the service to refuse by name."""
    text = raw.strip()
    return int(text) if _WHOLE.match(text) else text


def _row_indexes(data: QueryDict) -> list[str]:
    return [i for i in data.getlist("row") if i.isdigit()][:MAX_TABLE_ROWS]


# The ladder ---------------------------------------------------------------------------------

LEVEL_TEXT_FIELDS = (
    "name",
    "threshold",
    "daily_post_limit",
    "invite_codes",
    "badge",
    "event_early_hours",
)
LEVEL_FLAGS = ("post_restricted", "upload_images", "custom_title")


@dataclass
class LadderRow:
    """One row of the ladder table: the cells as typed, and the problems found in them."""

    name: str = ""
    threshold: str = ""
    post_restricted: bool = False
    upload_images: bool = False
    daily_post_limit: str = ""
    custom_title: bool = False
    invite_codes: str = "0"
    badge: str = ""
    event_early_hours: str = "0"
    errors: dict[str, list[str]] = field(default_factory=dict)

    def draft(self) -> LevelDraft:
        """The row as the ladder service reads it; cells that are not numbers stay text."""
        limit = self.daily_post_limit.strip()
        cells: dict[str, Any] = {
            "name": self.name,
            "threshold": whole_or_raw(self.threshold),
            "post_restricted": self.post_restricted,
            "upload_images": self.upload_images,
            "daily_post_limit": whole_or_raw(limit) if limit else None,
            "custom_title": self.custom_title,
            "invite_codes": whole_or_raw(self.invite_codes or "0"),
            "badge_id": whole_or_raw(self.badge) if self.badge.strip() else None,
            "event_early_hours": whole_or_raw(self.event_early_hours or "0"),
        }
        return LevelDraft(**cells)


def ladder_rows_from_levels(levels: Iterable[Level]) -> list[LadderRow]:
    """The saved ladder as table rows."""
    return [
        LadderRow(
            name=level.name,
            threshold=str(level.threshold),
            post_restricted=level.post_restricted,
            upload_images=level.upload_images,
            daily_post_limit="" if level.daily_post_limit is None else str(level.daily_post_limit),
            custom_title=level.custom_title,
            invite_codes=str(level.invite_codes),
            badge="" if level.badge_id is None else str(level.badge_id),
            event_early_hours=str(level.event_early_hours),
        )
        for level in levels
    ]


def ladder_rows_from_post(data: QueryDict) -> list[LadderRow]:
    """The table as posted, in table order (at most :data:`MAX_TABLE_ROWS` rows)."""
    rows = []
    for i in _row_indexes(data):
        row = LadderRow()
        for name in LEVEL_TEXT_FIELDS:
            setattr(row, name, data.get(f"{name}-{i}", "")[:200])
        for name in LEVEL_FLAGS:
            setattr(row, name, bool(data.get(f"{name}-{i}")))
        rows.append(row)
    return rows


def ladder_rows_edit(rows: list[LadderRow], *, add: bool, remove: str | None) -> list[LadderRow]:
    """The table with a blank row added at the end, or row ``remove`` (0-based) taken out."""
    if remove is not None and remove.isdigit() and int(remove) < len(rows):
        return [row for n, row in enumerate(rows) if n != int(remove)]
    if add and len(rows) < MAX_LEVELS:
        return [*rows, LadderRow()]
    return rows


def ladder_errors_mark(rows: list[LadderRow], error: ValidationError) -> list[str]:
    """Put each problem on the cell it names; return every message, for the top of the form."""
    messages: list[str] = []
    by_field = error.error_dict if hasattr(error, "error_dict") else {"levels": error.error_list}
    for name, problems in by_field.items():
        for problem in problems:
            text = " ".join(problem.messages)  # formatted with its params
            messages.append(text)
            number = (problem.params or {}).get("row")
            if isinstance(number, int) and 1 <= number <= len(rows):
                rows[number - 1].errors.setdefault(name, []).append(text)
    return messages


# A point rule -------------------------------------------------------------------------------


class PointRuleForm(forms.Form):
    """The rule's own fields; the numbers are checked against their limits by the service."""

    points = forms.IntegerField(
        label=gettext_lazy("Points"), help_text=gettext_lazy("Negative for a penalty.")
    )
    cycle = forms.CharField(
        label=gettext_lazy("Cycle"),
        widget=forms.Select(choices=Cycle.choices),
        help_text=gettext_lazy("How often the cap starts again."),
    )
    cap = forms.IntegerField(
        label=gettext_lazy("Cap per cycle"),
        required=False,
        help_text=gettext_lazy("Most rewards per cycle; empty for no cap."),
    )
    floor = forms.IntegerField(
        label=gettext_lazy("Floor"),
        required=False,
        help_text=gettext_lazy(
            "A penalty never takes the spendable balance below this; empty for none."
        ),
    )
    no_repeat_target = forms.BooleanField(
        label=gettext_lazy("No repeat for the same target"), required=False
    )
    active = forms.BooleanField(label=gettext_lazy("Active"), required=False)


@dataclass
class OverrideRow:
    """One board override as typed: the board's id and the points there."""

    board: str = ""
    points: str = ""
    error: str = ""


def override_rows_from_post(data: QueryDict) -> list[OverrideRow]:
    return [
        OverrideRow(
            board=data.get(f"board-{i}", "").strip()[:20],
            points=data.get(f"board_points-{i}", "").strip()[:20],
        )
        for i in _row_indexes(data)
    ]


def override_rows_edit(
    rows: list[OverrideRow], *, add: bool, remove: str | None
) -> list[OverrideRow]:
    if remove is not None and remove.isdigit() and int(remove) < len(rows):
        return [row for n, row in enumerate(rows) if n != int(remove)]
    if add and len(rows) < MAX_TABLE_ROWS:
        return [*rows, OverrideRow()]
    return rows


def board_points_parse(rows: list[OverrideRow]) -> dict[int, int] | None:
    """Board id → points, or None after marking the rows that cannot be read.

    Rows left entirely empty are skipped. Whether each board exists, and
    whether the points lie in range, is the service's to say.
    """
    result: dict[int, int] = {}
    ok = True
    for n, row in enumerate(rows, start=1):
        if not row.board and not row.points:
            continue
        board, points = whole_or_raw(row.board), whole_or_raw(row.points)
        if not isinstance(board, int):
            row.error = _("Override %(n)d: choose a board.") % {"n": n}
        elif not isinstance(points, int):
            row.error = _("Override %(n)d: the points must be a whole number.") % {"n": n}
        elif board in result:
            row.error = _("Override %(n)d: this board already has an override.") % {"n": n}
        else:
            result[board] = points
            continue
        ok = False
    return result if ok else None


# A staff adjustment and the member search ---------------------------------------------------


class AdjustmentForm(forms.Form):
    amount = forms.IntegerField(
        label=gettext_lazy("Points"),
        help_text=gettext_lazy("Positive adds points, negative removes them. Both balances move."),
        error_messages={"required": gettext_lazy("Give the points to add or remove.")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        help_text=gettext_lazy("The member's ledger shows it with your name."),
        error_messages={"required": gettext_lazy("Give a reason for the adjustment.")},
    )


class MemberSearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Find a member"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": gettext_lazy("Username or display name")}
        ),
    )
