"""The shape of a report's snapshot (``OperationsReport.sections``): the contract between
the builder (which computes it) and the page, the PDF and the e-mail (which show it).

Everything is plain JSON: dates are ISO strings, shares are fractions (0.3 = 30 %),
labels are stored already translated into the language the report was built in, and
a missing figure is ``None``. Each list is ordered as it is shown.
"""

from __future__ import annotations

from typing import TypedDict


class Kpi(TypedDict):
    key: str  # a metric key of the catalogue (dau, new_members, …)
    label: str
    value: float | None  # this period
    previous: float | None  # the period before, of the same length
    change: float | None  # relative change against the period before
    percent: bool  # a share (stickiness), shown as a percentage
    goal_id: int | None  # the goal on this metric, if any
    goal_target: float | None
    goal_status: str | None  # GoalStatus value
    spark: list[float | None]  # one value per day of the period


class GoalRow(TypedDict):
    id: int
    name: str
    metric: str  # the metric's label
    owner: str
    baseline: float | None
    target: float | None
    actual: float | None
    expected: float | None
    forecast: float | None
    forecast_low: float | None
    forecast_high: float | None
    deadline: str
    status: str  # GoalStatus value
    status_label: str
    status_changed: bool  # different from a week before


class ChannelRow(TypedDict):
    key: str
    name: str
    signups: int
    previous_signups: int
    d7: float | None  # share active on day 7, of the members old enough
    d30: float | None
    spend: float | None  # yuan, prorated to the period
    cost_per_member: float | None


class CohortRow(TypedDict):
    name: str  # the cohort's week (ISO date of its Monday)
    size: int
    rates: list[float]  # week 0, 1, 2, … (only the weeks already seen)


class ContentRow(TypedDict):
    topic_id: int
    title: str
    board: str
    author: str
    reads: int
    replies: int
    likes: int
    url: str  # the topic's path on the site


class CreatorRow(TypedDict):
    member_id: int
    name: str
    topics: int
    replies: int
    likes_received: int


class KolRow(TypedDict):
    member_id: int
    name: str
    score: float  # this period's influence (replies and likes received, reads of their topics)
    previous: float
    growth: float | None  # relative change; None when there was nothing before
    followers: int


class ModerationFigures(TypedDict):
    reports: int  # flags filed in the period
    handled: int  # flags decided in the period
    median_hours: float | None  # from flag to decision
    held: int  # posts held for review
    removed: int  # posts removed (hidden) by moderators
    sanctions: int
    appeals: int
    previous_reports: int


class AnomalyRow(TypedDict):
    metric: str
    label: str
    day: str
    value: float
    expected: float
    low: float
    high: float
    explanation: list[str]  # the drill-down, as sentences


class Sections(TypedDict):
    """The whole snapshot."""

    kind: str  # weekly | monthly
    label: str  # 2026-W47 | 2026-11
    start: str
    end: str
    previous_start: str
    previous_end: str
    language: str
    has_data: bool  # False: no activity in the period; the sections below are empty
    kpis: list[Kpi]
    daily: dict[str, list[float | None]]  # metric key → one value per day (charts)
    days: list[str]
    goals: list[GoalRow]
    channels: list[ChannelRow]
    cohorts: list[CohortRow]
    top_content: list[ContentRow]
    top_creators: list[CreatorRow]
    kol_candidates: list[KolRow]
    moderation: ModerationFigures
    anomalies: list[AnomalyRow]
