"""Writes of the strategy: positioning, long-term aims, content mix targets, competitors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.community.models import Board
from hearth.goals.models import (
    Competitor,
    CompetitorFigure,
    ContentMixTarget,
    Positioning,
    StrategyAim,
)


def positioning_save(*, actor: User, statement: str, audience: str) -> Positioning:
    positioning = Positioning.load()
    positioning.statement = statement.strip()
    positioning.audience = audience.strip()
    positioning.updated_at = timezone.now()
    positioning.updated_by = actor
    positioning.save()
    return positioning


def aim_save(
    *, aim: StrategyAim | None, title: str, detail: str = "", horizon: dt.date | None = None
) -> StrategyAim:
    """Create an aim (placed last) or change one."""
    if not title.strip():
        raise ValidationError({"title": _("Name the aim.")})
    if aim is None:
        last = StrategyAim.objects.aggregate(last=Max("order"))["last"]
        aim = StrategyAim(order=0 if last is None else last + 1)
    aim.title, aim.detail, aim.horizon = title.strip(), detail.strip(), horizon
    aim.save()
    return aim


def aim_delete(*, aim: StrategyAim) -> None:
    aim.delete()


@transaction.atomic
def aim_move(*, aim: StrategyAim, step: int) -> None:
    """Move an aim up (step −1) or down (+1) the list; the order is renumbered 0, 1, 2…"""
    aims = list(StrategyAim.objects.select_for_update().order_by("order", "pk"))
    index = next(i for i, a in enumerate(aims) if a.pk == aim.pk)
    target = max(0, min(len(aims) - 1, index + step))
    aims.insert(target, aims.pop(index))
    for order, each in enumerate(aims):
        if each.order != order:
            StrategyAim.objects.filter(pk=each.pk).update(order=order)


def mix_target_set(*, board: Board, ugc_share: float | None, note: str = "") -> None:
    """Set a board's wanted member content share (0–1); None removes the target."""
    if ugc_share is None:
        ContentMixTarget.objects.filter(board=board).delete()
        return
    if not 0 <= ugc_share <= 1:
        raise ValidationError({"ugc_share": _("The member content share is between 0% and 100%.")})
    ContentMixTarget.objects.update_or_create(
        board=board, defaults={"ugc_share": ugc_share, "note": note.strip()}
    )


def competitor_add(*, name: str, url: str = "", notes: str = "") -> Competitor:
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Name the competitor.")})
    if Competitor.objects.filter(name__iexact=name).exists():
        raise ValidationError(
            {"name": _("There is already a competitor named %(name)s.") % {"name": name}}
        )
    return Competitor.objects.create(name=name, url=url.strip(), notes=notes.strip())


@dataclass(frozen=True)
class FigureInput:
    day: dt.date
    members: int | None = None
    posts: int | None = None
    followers: int | None = None
    source: str = ""


def figure_check(*, competitor: Competitor, data: FigureInput, today: dt.date) -> None:
    errors: dict[str, str] = {}
    if data.day > today:
        errors["day"] = _("The day %(day)s is in the future.") % {"day": data.day.isoformat()}
    elif CompetitorFigure.objects.filter(competitor=competitor, day=data.day).exists():
        errors["day"] = _("Figures for %(name)s on %(day)s are already recorded.") % {
            "name": competitor.name,
            "day": data.day.isoformat(),
        }
    for name, value in (
        ("members", data.members),
        ("posts", data.posts),
        ("followers", data.followers),
    ):
        if value is not None and value < 0:
            errors[name] = _("A count cannot be negative.")
    if data.members is None and data.posts is None and data.followers is None:
        errors["members"] = _("Give at least one figure: members, posts or followers.")
    if errors:
        raise ValidationError(errors)


def competitor_figure_record(
    *, actor: User, competitor: Competitor, data: FigureInput, today: dt.date
) -> CompetitorFigure:
    figure_check(competitor=competitor, data=data, today=today)
    return CompetitorFigure.objects.create(
        competitor=competitor,
        day=data.day,
        members=data.members,
        posts=data.posts,
        followers=data.followers,
        source=data.source.strip(),
        entered_by=actor,
    )
