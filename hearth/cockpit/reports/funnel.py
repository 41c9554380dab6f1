"""The funnel builder's report: each step's members and conversion, overall and per segment."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from hearth.analytics.queries.funnel import Funnel, Step, StepResult
from hearth.analytics.queries.params import Window
from hearth.analytics.store.engine import Engine
from hearth.cockpit.exports import Cell, Column, Table, range_stem
from hearth.cockpit.reports.labels import BREAKDOWN_LABELS, value_label, value_labeller

CHART_SEGMENTS = 6  # the largest segments drawn; the table has them all


def step_name(step: StepResult | Step, labels: dict[str, str]) -> str:
    """The step's name: "Follow × 3", or the action's name when once is enough."""
    name = labels.get(step.action, step.action)
    return _("%(action)s × %(n)d") % {"action": name, "n": step.times} if step.times > 1 else name


def duration_label(hours: float | None) -> str:
    """A median time: in minutes up to an hour, hours up to two days, then days ("—": none)."""
    if hours is None:
        return "—"
    if hours < 1:
        return _("%(n)d min") % {"n": round(hours * 60)}
    if hours < 48:
        return _("%(n)s h") % {"n": f"{hours:.1f}".removesuffix(".0")}
    return _("%(n)s d") % {"n": f"{hours / 24:.1f}".removesuffix(".0")}


@dataclass(frozen=True)
class FunnelSegment:
    key: str
    label: str
    steps: list[StepResult]

    @property
    def entered(self) -> int:
        return self.steps[0].members

    @property
    def converted(self) -> float:
        return self.steps[-1].of_first


@dataclass(frozen=True)
class FunnelReport:
    window: Window
    within_days: int
    breakdown: str | None
    steps: list[StepResult]  # the whole funnel
    segments: list[FunnelSegment]  # per segment, largest first (empty without a breakdown)
    action_choices: list[tuple[str, str]]
    labels: dict[str, str]

    @property
    def stem(self) -> str:
        return f"{len(self.steps)}-steps-{range_stem(self.window)}"

    @property
    def step_names(self) -> list[str]:
        return [f"{k}. {step_name(s, self.labels)}" for k, s in enumerate(self.steps, start=1)]

    @property
    def rows(self) -> list[tuple[str, StepResult]]:
        return list(zip(self.step_names, self.steps, strict=True))

    @property
    def display_rows(self) -> list[tuple[str, StepResult, str]]:
        return [(name, s, duration_label(s.median_hours)) for name, s in self.rows]

    @property
    def converted(self) -> float:
        return self.steps[-1].of_first if self.steps else 0.0

    @property
    def worst(self) -> tuple[str, StepResult] | None:
        """The step that loses the largest share of the step before it."""
        later = self.rows[1:]
        return min(later, key=lambda r: r[1].of_previous) if later else None

    @property
    def breakdown_label(self) -> str:
        return str(BREAKDOWN_LABELS[self.breakdown]) if self.breakdown else ""

    def table(self) -> Table:
        columns = (
            Column(_("Funnel step")),
            Column(_("Members"), "int"),
            Column(_("Conversion from the first step"), "percent"),
            Column(_("Conversion from the previous step"), "percent"),
            Column(_("Median hours from the previous step"), "number"),
        )
        rows: tuple[tuple[Cell, ...], ...] = tuple(
            (name, s.members, s.of_first, s.of_previous, s.median_hours) for name, s in self.rows
        )
        return Table("funnel", _("Funnel"), columns, rows)

    def segments_table(self) -> Table:
        columns: list[Column] = [Column(self.breakdown_label or _("Segment"))]
        for k, name in enumerate(self.step_names):
            columns.append(Column(name, "int"))
            if k:
                columns.append(Column(_("%(step)s (from previous)") % {"step": name}, "percent"))
        columns.append(Column(_("Conversion from the first step"), "percent"))
        rows: list[tuple[Cell, ...]] = []
        for segment in self.segments:
            cells: list[Cell] = [segment.label]
            for k, s in enumerate(segment.steps):
                cells.append(s.members)
                if k:
                    cells.append(s.of_previous)
            cells.append(segment.converted)
            rows.append(tuple(cells))
        return Table("segments", _("Funnel by segment"), tuple(columns), tuple(rows))

    def tables(self) -> dict[str, Table]:
        found = {"funnel": self.table()}
        if self.breakdown:
            found["segments"] = self.segments_table()
        return found

    def chart(self) -> dict[str, object]:
        """Members per step (one bar series), or each segment's conversion from the first step."""
        names = [step_name(s, self.labels) for s in self.steps]
        if not self.segments:
            data = [s.members for s in self.steps]
            return {"x": names, "series": [{"name": _("Members"), "data": data}], "kind": "bar"}
        series = [
            {
                "name": seg.label,
                "data": [round(s.of_first * 100, 1) for s in seg.steps],
            }
            for seg in self.segments[:CHART_SEGMENTS]
        ]
        return {"x": names, "series": series, "kind": "bar", "percent": True}


def funnel_report(
    engine: Engine,
    *,
    window: Window,
    steps: tuple[Step, ...],
    within_days: int,
    breakdown: str | None,
    action_choices: list[tuple[str, str]],
) -> FunnelReport:
    from hearth.analytics.queries.events import CustomEventNames

    whole = Funnel(window, steps=steps, within_days=within_days).run(engine)
    segments: list[FunnelSegment] = []
    if breakdown:
        names = value_labeller(breakdown)
        found = Funnel(window, steps=steps, within_days=within_days, breakdown=breakdown).run(
            engine
        )
        width = len(steps)
        for i in range(0, len(found), width):
            chunk = found[i : i + width]
            key = chunk[0].segment
            segments.append(FunnelSegment(key, value_label(key, names), chunk))
    choices = list(action_choices)
    seen = {value for value, _label in choices}
    named = [*CustomEventNames().run(engine), *(s.action for s in steps)]
    for name in named:
        if name not in seen:
            choices.append((name, name))
            seen.add(name)
    labels = dict(choices)
    return FunnelReport(window, within_days, breakdown, whole, segments, choices, labels)
