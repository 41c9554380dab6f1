"""The operations report's builder: one module per section, all over one open store.

    from hearth.reporting.builder import build_sections

    sections = build_sections(period, engine=store, today=local_today)

Labels are built in the active language (callers pick it: the CLI and the schedule
use ``settings.LANGUAGE_CODE``). A period without any activity gives empty
sections and ``has_data`` False.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import get_language

from hearth.analytics.store.engine import Engine
from hearth.reporting.builder.activity import has_activity
from hearth.reporting.builder.anomalies import anomaly_rows
from hearth.reporting.builder.channels import channel_rows
from hearth.reporting.builder.cohorts import cohort_rows
from hearth.reporting.builder.content import top_content, top_creators
from hearth.reporting.builder.context import Context
from hearth.reporting.builder.goals import goal_rows
from hearth.reporting.builder.kol import kol_candidates
from hearth.reporting.builder.kpis import kpi_rows
from hearth.reporting.builder.moderation import empty_moderation, moderation_figures
from hearth.reporting.periods import Period
from hearth.reporting.sections import Sections

__all__ = ["Context", "build_sections"]


def build_sections(period: Period, *, engine: Engine, today: dt.date) -> Sections:
    """The report's snapshot for ``period`` from the store ``engine`` and the community DB."""
    ctx = Context(period=period, engine=engine, today=today)
    first, last = ctx.previous
    sections = Sections(
        kind=period.kind,
        label=period.label,
        start=period.start.isoformat(),
        end=period.end.isoformat(),
        previous_start=first.isoformat(),
        previous_end=last.isoformat(),
        language=get_language() or "",
        has_data=has_activity(ctx),
        kpis=[],
        daily={},
        days=[],
        goals=[],
        channels=[],
        cohorts=[],
        top_content=[],
        top_creators=[],
        kol_candidates=[],
        moderation=empty_moderation(),
        anomalies=[],
    )
    if not sections["has_data"]:
        return sections
    kpis, daily, days = kpi_rows(ctx)
    sections["kpis"], sections["daily"], sections["days"] = kpis, daily, days
    sections["goals"] = goal_rows(ctx)
    sections["channels"] = channel_rows(ctx)
    sections["cohorts"] = cohort_rows(ctx)
    sections["top_content"] = top_content(ctx)
    sections["top_creators"] = top_creators(ctx)
    sections["kol_candidates"] = kol_candidates(ctx)
    sections["moderation"] = moderation_figures(ctx)
    sections["anomalies"] = anomaly_rows(ctx)
    return sections
