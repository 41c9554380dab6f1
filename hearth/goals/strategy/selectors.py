"""Reads of the strategy: the content mix against its targets, and the competitor charts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.analytics.queries.content import ContentMixResult
from hearth.community.models import Board, Reply, Status, Topic
from hearth.goals.models import Competitor, CompetitorFigure, ContentMixTarget

MIX_DAYS = 30
GAP_SHOWN = 0.1  # a gap of 10 points or more is highlighted


@dataclass(frozen=True)
class MixLine:
    board_id: int
    board: str
    target: float | None  # the wanted member content (UGC) share, 0–1
    actual: float | None  # the member share of topics created in the last 30 days
    topics: int
    note: str = ""

    @property
    def target_percent(self) -> float | None:
        return None if self.target is None else round(self.target * 100, 1)

    @property
    def gap(self) -> float | None:
        if self.target is None or self.actual is None:
            return None
        return round(self.actual - self.target, 4)

    @property
    def off(self) -> bool:
        gap = self.gap
        return gap is not None and abs(gap) >= GAP_SHOWN


def mix_lines(mix: ContentMixResult, *, boards: Iterable[Board]) -> list[MixLine]:
    """One line per board: its target against the actual mix (from analytics' ContentMix)."""
    targets = {t.board_id: t for t in ContentMixTarget.objects.all()}
    rows = {r.board_id: r for r in mix.boards}
    lines = []
    for board in boards:
        row, target = rows.get(board.pk), targets.get(board.pk)
        lines.append(
            MixLine(
                board_id=board.pk,
                board=board.name,
                target=target.ugc_share if target else None,
                actual=row.ugc_topic_share if row else None,
                topics=row.topics if row else 0,
                note=target.note if target else "",
            )
        )
    return lines


def competitor_list() -> QuerySet[Competitor]:
    return Competitor.objects.prefetch_related("figures")


def competitor_latest(
    competitors: Sequence[Competitor],
) -> list[tuple[Competitor, CompetitorFigure | None]]:
    """Each competitor with its latest figures (from the prefetched, day-ordered figures)."""
    rows: list[tuple[Competitor, CompetitorFigure | None]] = []
    for competitor in competitors:
        figures = sorted(competitor.figures.all(), key=lambda f: f.day)
        rows.append((competitor, figures[-1] if figures else None))
    return rows


def _day_end(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def _counts_as_of(rows: QuerySet[Any], field: str, days: Sequence[dt.date]) -> list[int]:
    """How many rows were created before the end of each day: one scan, one count per day."""
    counts = rows.aggregate(
        **{
            f"d{i}": Count("pk", filter=Q(**{f"{field}__lt": _day_end(day)}))
            for i, day in enumerate(days)
        }
    )
    return [int(counts[f"d{i}"] or 0) for i in range(len(days))]


def our_figures(days: Sequence[dt.date]) -> dict[str, list[int]]:
    """Our members and posts (topics and replies not deleted) as of the end of each day."""
    if not days:
        return {"members": [], "posts": []}
    members = _counts_as_of(User.objects.all(), "date_joined", days)
    topics = _counts_as_of(Topic.objects.exclude(status=Status.DELETED), "created_at", days)
    replies = _counts_as_of(Reply.objects.exclude(status=Status.DELETED), "created_at", days)
    return {"members": members, "posts": [t + r for t, r in zip(topics, replies, strict=True)]}


FIGURES = ("members", "posts", "followers")


def _figure_labels() -> dict[str, str]:
    return {"members": _("Members"), "posts": _("Posts"), "followers": _("Followers")}


def competitor_charts(competitors: Sequence[Competitor]) -> list[dict[str, object]]:
    """One chart per figure: each competitor over time, and ours for members and posts."""
    figures = list(CompetitorFigure.objects.filter(competitor__in=competitors))
    days = sorted({f.day for f in figures})
    if not days:
        return []
    index = {day: i for i, day in enumerate(days)}
    ours = our_figures(days)
    labels = _figure_labels()
    charts: list[dict[str, object]] = []
    for key in FIGURES:
        series: list[dict[str, object]] = []
        for competitor in competitors:
            data: list[int | None] = [None] * len(days)
            for figure in figures:
                if figure.competitor_id == competitor.pk:
                    data[index[figure.day]] = getattr(figure, key)
            if any(v is not None for v in data):
                series.append({"name": competitor.name, "data": data})
        if not series:
            continue
        if key in ours:
            series.append({"name": _("Our community"), "data": ours[key], "ours": True})
        charts.append(
            {"key": key, "title": labels[key], "x": [d.isoformat() for d in days], "series": series}
        )
    return charts
