"""The names a goal refers to: its metric and the board, segment or channel it counts over."""

from __future__ import annotations

from collections.abc import Iterable

from hearth.analytics.metrics import metric_choices
from hearth.analytics.models import Segment
from hearth.community.models import Board
from hearth.goals.models import FilterKind, Goal
from hearth.growth.models import Channel


def metric_labels() -> dict[str, str]:
    return {metric.key: metric.label for metric in metric_choices()}


def filter_labels(goals: Iterable[Goal]) -> dict[tuple[str, str], str]:
    """(kind, value) → the name, one query per kind in use."""
    wanted: dict[str, set[str]] = {}
    for goal in goals:
        if goal.filter_kind:
            wanted.setdefault(goal.filter_kind, set()).add(goal.filter_value)
    found: dict[tuple[str, str], str] = {}
    ids = {kind: [int(v) for v in values if v.isdigit()] for kind, values in wanted.items()}
    if ids.get(FilterKind.BOARD):
        for pk, name in Board.objects.filter(pk__in=ids[FilterKind.BOARD]).values_list(
            "pk", "name"
        ):
            found[(str(FilterKind.BOARD), str(pk))] = name
    if ids.get(FilterKind.SEGMENT):
        segments = Segment.objects.filter(pk__in=ids[FilterKind.SEGMENT])
        for pk, name in segments.values_list("pk", "name"):
            found[(str(FilterKind.SEGMENT), str(pk))] = name
    if wanted.get(FilterKind.CHANNEL):
        rows = Channel.objects.filter(key__in=wanted[FilterKind.CHANNEL]).values_list("key", "name")
        for key, name in rows:
            found[(str(FilterKind.CHANNEL), key)] = name
    return found


def describe(goal: Goal, metrics: dict[str, str], filters: dict[tuple[str, str], str]) -> str:
    """The label: "DAU", or "DAU · Board: 摄影" (a deleted metric shows its key)."""
    metric = metrics.get(goal.metric_key, goal.metric_key)
    if not goal.filter_kind:
        return metric
    name = filters.get((goal.filter_kind, goal.filter_value), goal.filter_value)
    return f"{metric} · {FilterKind(goal.filter_kind).label}: {name}"
