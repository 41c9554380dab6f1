"""When reports are generated and sent: on the day after a period ends (Monday for a week,
the 1st for a month), in the community's time zone, the draft is generated at
``generate_hour`` (so staff can add commentary) and sent at ``send_hour``.

:func:`schedule_due` is the pure rule; :func:`schedule_run` applies it, and is safe to run
as often as wanted: a report is generated if missing and sent once.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.reporting.delivery import recipients_parse, report_send_scheduled
from hearth.reporting.models import OperationsReport, ReportKind, ReportSettings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Due:
    """What the schedule asks for now, for one report."""

    kind: str  # ReportKind value
    start: dt.date  # the period's first day
    send: bool  # generate it (if missing) and send it (if never sent)


def _previous_month_start(day: dt.date) -> dt.date:
    last = day.replace(day=1) - dt.timedelta(days=1)
    return last.replace(day=1)


def schedule_due(
    *,
    local: dt.datetime,
    generate_hour: int,
    send_hour: int,
    weekly_enabled: bool,
    monthly_enabled: bool,
) -> list[Due]:
    """The reports to generate (and those to send) at ``local``, the community's time.

    Nothing before ``generate_hour`` (or ``send_hour`` if earlier); a disabled report is
    still generated for the archive, but never sent.
    """
    day, hour = local.date(), local.hour
    periods: list[tuple[str, dt.date, bool]] = []
    if day.weekday() == 0:
        periods.append((ReportKind.WEEKLY, day - dt.timedelta(days=7), weekly_enabled))
    if day.day == 1:
        periods.append((ReportKind.MONTHLY, _previous_month_start(day), monthly_enabled))
    due = []
    for kind, start, enabled in periods:
        send = enabled and hour >= send_hour
        if send or hour >= generate_hour:
            due.append(Due(kind=str(kind), start=start, send=send))
    return due


def _generate(kind: str, start: dt.date) -> OperationsReport:
    from hearth.reporting.services import report_generate

    return report_generate(kind=kind, start=start, by=None)


def _report(kind: str, start: dt.date) -> OperationsReport:
    """The period's report, generated if missing (another worker may be generating it)."""
    found = OperationsReport.objects.filter(kind=kind, period_start=start).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return _generate(kind, start)
    except IntegrityError:
        return OperationsReport.objects.get(kind=kind, period_start=start)


def schedule_run(*, now: dt.datetime | None = None, site_url: str = "") -> list[str]:
    """Generate and send what is due now; returns what was done, for the log."""
    local = (now or timezone.now()).astimezone(ZoneInfo(settings.TIME_ZONE))
    config = ReportSettings.load()
    done: list[str] = []
    for due in schedule_due(
        local=local,
        generate_hour=config.generate_hour,
        send_hour=config.send_hour,
        weekly_enabled=config.weekly_enabled,
        monthly_enabled=config.monthly_enabled,
    ):
        existed = OperationsReport.objects.filter(kind=due.kind, period_start=due.start).exists()
        report = _report(due.kind, due.start)
        if not existed:
            done.append(f"generated {report.kind} {report.label}")
        if due.send and report.sent_at is None:
            delivery = report_send_scheduled(report=report, site_url=site_url)
            if delivery is not None:
                outcome = delivery.error or f"{delivery.recipients} recipients"
                done.append(f"sent {report.kind} {report.label}: {outcome}")
    for line in done:
        log.info("report schedule: %s", line)
    return done


HOURS = range(24)


def schedule_update(
    *,
    weekly_enabled: bool,
    monthly_enabled: bool,
    generate_hour: int,
    send_hour: int,
    extra_recipients: str,
    attach_pdf: bool,
) -> ReportSettings:
    """Save the schedule; a bad hour or address is refused, naming the field (and the line)."""
    errors: dict[str, list[ValidationError]] = {}
    for field, hour in (("generate_hour", generate_hour), ("send_hour", send_hour)):
        if hour not in HOURS:
            errors[field] = [ValidationError(_("Enter an hour from 0 to 23."), code="hour")]
    try:
        addresses = recipients_parse(extra_recipients)
    except ValidationError as error:
        errors["extra_recipients"] = [error]
    if errors:
        raise ValidationError(errors)
    config = ReportSettings.load()
    config.weekly_enabled = weekly_enabled
    config.monthly_enabled = monthly_enabled
    config.generate_hour = generate_hour
    config.send_hour = send_hour
    config.extra_recipients = "\n".join(addresses)
    config.attach_pdf = attach_pdf
    config.save()
    return config
