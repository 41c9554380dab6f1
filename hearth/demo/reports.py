"""The demo's operations reports: the last two complete weeks and the last complete month.

Generated through the report service after the goals, so the archive is not empty
and the latest weekly report shows a manager's commentary, as it would on a
Monday morning before it is sent.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.analytics.store.engine import Engine
from hearth.reporting.commentary import report_commentary_set
from hearth.reporting.models import OperationsReport
from hearth.reporting.periods import latest_complete
from hearth.reporting.services import report_generate

DEMO_AUTHOR = "admin"


def reports_plant(*, now: dt.datetime, engine: Engine) -> list[OperationsReport]:
    """Generate the demo's reports over the open, up-to-date analytics store."""
    today = timezone.localdate(now)
    latest = latest_complete("weekly", today)
    periods = [latest.previous(), latest, latest_complete("monthly", today)]
    reports = [
        report_generate(kind=p.kind, start=p.start, engine=engine, today=today) for p in periods
    ]
    author = User.objects.filter(username=DEMO_AUTHOR).first()
    if author is not None:
        report_commentary_set(
            report=reports[1],
            text=_(
                "Activity held up this week. Next week: start the monthly photo contest and "
                "follow up the new members who stalled in onboarding."
            ),
            by=author,
        )
    return reports


def reports_reset() -> None:
    OperationsReport.objects.all().delete()
