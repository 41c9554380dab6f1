"""Background tasks of the operations reports (huey): the hourly schedule and sending."""

from __future__ import annotations

from django.conf import settings

from hearth.accounts.models import User
from hearth.core.tasks import crontab, db_periodic_task, db_task
from hearth.reporting.delivery import report_send
from hearth.reporting.models import OperationsReport
from hearth.reporting.schedule import schedule_run


@db_periodic_task(crontab(minute="5"))
def report_schedule() -> list[str]:
    """Every hour at :05: generate and send the reports that are due (see schedule.py); the
    e-mails link to the report at ``HEARTH_SITE_URL`` (the path alone when it is unset)."""
    return schedule_run(site_url=settings.HEARTH_SITE_URL)


@db_task()
def report_send_task(report_id: int, user_id: int | None = None, site_url: str = "") -> int | None:
    """Send a report now (the cockpit's "Send now"); returns the delivery's id."""
    report = OperationsReport.objects.filter(pk=report_id).first()
    if report is None:
        return None
    by = User.objects.filter(pk=user_id).first() if user_id is not None else None
    return report_send(report=report, by=by, site_url=site_url).pk
