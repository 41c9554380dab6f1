"""Reads of initiatives: the list, and the impact view of one (the store's daily board counts)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hearth.analytics.queries.board_trend import BoardDaily, daily_dates
from hearth.analytics.queries.params import window
from hearth.analytics.store.engine import Engine
from hearth.community.models import Board
from hearth.goals.initiatives.impact import (
    MIN_DAYS,
    DiD,
    did_compare,
    group_daily,
    impact_days,
)
from hearth.goals.models import Initiative

# the metrics the impact view offers: BoardDaily's actions
IMPACT_METRICS: dict[str, Promise] = {
    "topic": _("New topics"),
    "reply": _("Replies"),
    "read": _("Reads"),
}
DEFAULT_METRIC = "topic"


def initiative_list() -> QuerySet[Initiative]:
    return Initiative.objects.select_related("owner", "merge_into").prefetch_related(
        "goals", "boards"
    )


def board_initiatives() -> QuerySet[Initiative]:
    """The boards plan: initiatives that open, merge or close a board."""
    return initiative_list().exclude(kind="plan")


def treated_boards(initiative: Initiative) -> set[int]:
    """The boards an initiative touched: its boards, and the board merged into."""
    ids = set(initiative.boards.values_list("pk", flat=True))
    if initiative.merge_into_id:
        ids.add(initiative.merge_into_id)
    return ids


@dataclass(frozen=True)
class Impact:
    """The impact view: ``too_early`` says why there is no comparison, else ``did`` is set."""

    metric: str
    start: dt.date
    days: int
    treated: tuple[int, ...]
    control: tuple[int, ...]
    too_early: str = ""
    did: DiD | None = None
    dates: tuple[dt.date, ...] = ()
    treated_daily: tuple[float, ...] = ()
    control_daily: tuple[float, ...] = ()

    def chart(self) -> dict[str, object]:
        return {
            "x": [d.isoformat() for d in self.dates],
            "mark": self.start.isoformat(),
            "mark_label": str(_("Start")),
            "series": [
                {
                    "name": str(_("Boards touched")),
                    "data": [round(v, 2) for v in self.treated_daily],
                },
                {"name": str(_("Other boards")), "data": [round(v, 2) for v in self.control_daily]},
            ],
        }


def _control(treated: set[int]) -> tuple[int, ...]:
    """The boards not touched (the control group)."""
    return tuple(sorted(Board.objects.exclude(pk__in=treated).values_list("pk", flat=True)))


def initiative_impact(
    *, initiative: Initiative, metric: str, engine: Engine, today: dt.date
) -> Impact:
    """The metric before and after the start, touched boards against the others."""
    start = initiative.start_date
    days = impact_days(start=start, today=today)
    treated = treated_boards(initiative)
    control = _control(treated)
    base = Impact(
        metric=metric, start=start, days=days, treated=tuple(sorted(treated)), control=control
    )
    if start > today:
        reason = _("Too early to tell: the initiative starts on %(day)s.")
        return replace(base, too_early=str(reason) % {"day": start.isoformat()})
    if days < MIN_DAYS:
        reason = _("Too early to tell: fewer than %(n)d days have passed since the start.")
        return replace(base, too_early=str(reason) % {"n": MIN_DAYS})
    if not treated:
        return replace(
            base, too_early=str(_("Too early to tell: the initiative touches no board yet."))
        )
    if not control:
        return replace(
            base,
            too_early=str(_("Too early to tell: there is no untouched board to compare with.")),
        )
    span = window(start=start - dt.timedelta(days=days), end=start + dt.timedelta(days=days - 1))
    daily = BoardDaily(span, action=metric).run(engine)
    treated_daily = group_daily(daily, treated, span.days)
    control_daily = group_daily(daily, control, span.days)
    return Impact(
        metric=metric,
        start=start,
        days=days,
        treated=base.treated,
        control=control,
        did=did_compare(treated=treated_daily, control=control_daily, days=days),
        dates=tuple(daily_dates(span)),
        treated_daily=tuple(treated_daily),
        control_daily=tuple(control_daily),
    )
