"""Writes of the operations reports: generate (or regenerate) one period's report."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from hearth.accounts.models import User
from hearth.analytics.store.engine import Engine
from hearth.reporting.builder import build_sections
from hearth.reporting.models import OperationsReport
from hearth.reporting.periods import Period, complete_checked, period_starting
from hearth.reporting.sections import Sections
from hearth.reporting.selectors import report_for

__all__ = ["report_for", "report_generate", "report_store"]


def report_generate(
    *,
    kind: str,
    start: dt.date,
    by: User | None = None,
    engine: Engine | None = None,
    today: dt.date | None = None,
) -> OperationsReport:
    """Compute the report of the period of ``kind`` starting on ``start`` and store it.

    The period must have ended (PeriodError otherwise). Without ``engine`` the analytics
    store is opened once and brought up to date. Regenerating replaces the sections and
    keeps the commentary and ``sent_at``. ``by`` is who asked (None: the schedule).
    """
    today = today or timezone.localdate()
    period = complete_checked(period_starting(kind, start), today)
    if engine is not None:
        return report_store(period, build_sections(period, engine=engine, today=today))
    from hearth.analytics.store.locate import open_store
    from hearth.analytics.store.sync import store_sync

    with open_store() as store:
        store_sync(store)
        sections = build_sections(period, engine=store, today=today)
    return report_store(period, sections)


@transaction.atomic
def report_store(period: Period, sections: Sections) -> OperationsReport:
    """Insert or replace the period's report (commentary and sending kept)."""
    report, _created = OperationsReport.objects.update_or_create(
        kind=period.kind,
        period_start=period.start,
        defaults={
            "period_end": period.end,
            "label": period.label,
            "sections": sections,
            "has_data": sections["has_data"],
            "generated_at": timezone.now(),
        },
    )
    return report
