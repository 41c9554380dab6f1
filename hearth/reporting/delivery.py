"""Sending an operations report by e-mail to the staff who read analytics (and the extra
addresses of the report settings): an HTML body with a plain-text alternative, the PDF
attached. Every sending is recorded as a :class:`ReportDelivery`, failed ones with the error.

Sent through Django's e-mail backend (``EMAIL_URL``: console or file in the demo, SMTP in
production).
"""

from __future__ import annotations

import logging
from typing import cast

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.cockpit.permissions import can_view_analytics
from hearth.reporting.models import OperationsReport, ReportDelivery, ReportKind, ReportSettings
from hearth.reporting.sections import GoalRow, Kpi, Sections

log = logging.getLogger(__name__)

ERROR_MAX = 300
PAGE_URL_NAME = "cockpit:ops_report"


def recipients_parse(text: str) -> list[str]:
    """The addresses of ``text``, one per line (blank lines ignored, duplicates dropped).

    Raises ValidationError naming the first bad line.
    """
    found: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        address = raw.strip()
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError(
                _("Line %(line)d is not an e-mail address: %(value)s"),
                code="invalid",
                params={"line": number, "value": address[:80]},
            ) from None
        if address.lower() not in {seen.lower() for seen in found}:
            found.append(address)
    return found


def report_recipients(*, report_settings: ReportSettings | None = None) -> list[str]:
    """Active staff who may read analytics (through their roles) or superusers, with an
    e-mail address, then the settings' extra addresses; each address once."""
    report_settings = report_settings or ReportSettings.load()
    analytics = Permission.objects.filter(
        content_type__app_label="cockpit", codename="view_analytics"
    ).first()
    candidates = User.objects.filter(is_active=True).exclude(email="")
    holders = Q(is_superuser=True)
    if analytics is not None:
        holders |= Q(groups__permissions=analytics) | Q(user_permissions=analytics)
    staff = [user for user in candidates.filter(holders).distinct() if can_view_analytics(user)]
    addresses = [user.email for user in sorted(staff, key=lambda user: user.pk)]
    try:
        addresses += recipients_parse(report_settings.extra_recipients)
    except ValidationError:  # saved before validation existed: keep the good lines
        addresses += _good_lines(report_settings.extra_recipients)
    unique: dict[str, str] = {}
    for address in addresses:
        unique.setdefault(address.lower(), address)
    return list(unique.values())


def _good_lines(text: str) -> list[str]:
    good = []
    for line in text.splitlines():
        try:
            good += recipients_parse(line)
        except ValidationError:
            continue
    return good


def report_subject(report: OperationsReport) -> str:
    if report.kind == ReportKind.MONTHLY:
        return _("[Monthly report] Community operations %(label)s") % {"label": report.label}
    return _("[Weekly report] Community operations %(label)s") % {"label": report.label}


def report_page_url(report: OperationsReport, site_url: str) -> str:
    """The report's cockpit page: absolute with ``site_url``, else the path ("" if unrouted)."""
    try:
        path = reverse(PAGE_URL_NAME, args=[report.pk])
    except NoReverseMatch:
        return ""
    return site_url.rstrip("/") + path if site_url else path


def report_pdf_bytes(report: OperationsReport) -> bytes | None:
    """The report's PDF (None when the PDF renderer is not installed)."""
    try:
        from hearth.reporting.pdf import report_pdf
    except ImportError:
        return None
    return report_pdf(report)


def _figure(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "–"
    if percent:
        return f"{value * 100:.1f}%"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _kpi_row(kpi: Kpi) -> dict[str, str]:
    change = kpi.get("change")
    return {
        "label": kpi["label"],
        "value": _figure(kpi.get("value"), kpi.get("percent", False)),
        "previous": _figure(kpi.get("previous"), kpi.get("percent", False)),
        "change": "–" if change is None else f"{change * 100:+.1f}%",
    }


def _goal_row(goal: GoalRow) -> dict[str, str]:
    return {
        "name": goal["name"],
        "status": goal.get("status", ""),
        "status_label": goal.get("status_label", ""),
        "actual": _figure(goal.get("actual")),
        "target": _figure(goal.get("target")),
        "forecast": _figure(goal.get("forecast")),
        "deadline": goal.get("deadline", ""),
    }


def report_email(
    report: OperationsReport, *, to: list[str], site_url: str = "", pdf: bytes | None = None
) -> EmailMultiAlternatives:
    """The e-mail (not sent), with ``pdf`` attached if given."""
    sections = cast(Sections, report.sections or {})
    subject = report_subject(report)
    context: dict[str, object] = {
        "report": report,
        "has_data": report.has_data and bool(sections.get("has_data", True)),
        "kpis": [_kpi_row(kpi) for kpi in sections.get("kpis") or []],
        "goals": [_goal_row(goal) for goal in sections.get("goals") or []],
        "subject": subject,
        "url": report_page_url(report, site_url),
    }
    mail = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("reporting/email.txt", context),
        to=to,
    )
    mail.attach_alternative(render_to_string("reporting/email.html", context), "text/html")
    if pdf is not None:
        mail.attach(f"operations-report-{report.label}.pdf", pdf, "application/pdf")
    return mail


def _language(report: OperationsReport) -> str:
    return str(report.sections.get("language") or settings.LANGUAGE_CODE)


def _pdf_or_error(report: OperationsReport) -> tuple[bytes | None, str]:
    """The PDF, or None and why: a PDF that fails leaves the e-mail without attachment."""
    try:
        return report_pdf_bytes(report), ""
    except Exception as error:
        log.exception("operations report %s: the PDF failed", report.pk)
        message = _("Sent without the PDF: %(error)s") % {"error": error}
        return None, message[:ERROR_MAX]


def report_send(*, report: OperationsReport, by: User | None, site_url: str = "") -> ReportDelivery:
    """E-mail ``report`` now and record the delivery; on success ``report.sent_at`` is set.

    A failure (no recipient, the PDF or the mail server failing) is recorded with its
    error and raises nothing: the report stays as it was, to be sent again.
    """
    report_settings = ReportSettings.load()
    recipients = report_recipients(report_settings=report_settings)
    delivery = ReportDelivery(report=report, sent_by=by)
    if not recipients:
        delivery.error = _("No recipient: nobody who reads analytics has an e-mail address.")
        delivery.save()
        return delivery
    try:
        with translation.override(_language(report)):
            pdf, pdf_error = _pdf_or_error(report) if report_settings.attach_pdf else (None, "")
            mail = report_email(report, to=recipients, site_url=site_url, pdf=pdf)
        mail.send()
    except Exception as error:
        log.exception("operations report %s: sending failed", report.pk)
        delivery.error = f"{type(error).__name__}: {error}"[:ERROR_MAX]
        delivery.save()
        return delivery
    now = timezone.now()
    delivery.error = pdf_error
    delivery.sent_at = now
    delivery.recipients = len(recipients)
    delivery.save()
    OperationsReport.objects.filter(pk=report.pk).update(sent_at=now)
    report.sent_at = now
    return delivery


def report_send_scheduled(*, report: OperationsReport, site_url: str = "") -> ReportDelivery | None:
    """Send ``report`` once by the schedule: only if it was never sent. The claim is a
    conditional update on ``sent_at``, so two workers running together send it once; a
    failed sending releases the claim, so the next run tries again."""
    claimed = OperationsReport.objects.filter(pk=report.pk, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not claimed:
        return None
    delivery = report_send(report=report, by=None, site_url=site_url)
    if delivery.error and not delivery.recipients:
        OperationsReport.objects.filter(pk=report.pk).update(sent_at=None)
        report.sent_at = None
    return delivery


def deliveries_recent(*, limit: int = 20) -> list[ReportDelivery]:
    """The latest sendings, newest first, with their report and sender."""
    return list(ReportDelivery.objects.select_related("report", "sent_by")[:limit])
