"""E-mailing a report: recipients, the message, the PDF, failures kept, sent once by schedule."""

from __future__ import annotations

import smtplib
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import translation

from hearth.core.roles import ANALYST, COMMUNITY_MANAGER, MODERATOR
from hearth.reporting.delivery import (
    recipients_parse,
    report_recipients,
    report_send,
    report_send_scheduled,
)
from hearth.reporting.models import ReportDelivery, ReportSettings
from tests.reporting.delivery_fixture import small_sections, weekly_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_pdf() -> None:
    """Most tests leave the PDF out (it takes seconds to draw); one test attaches it."""
    ReportSettings.objects.update_or_create(pk=1, defaults={"attach_pdf": False})


@pytest.fixture
def staff(make_staff: Callable[..., Any], make_member: Callable[..., Any]) -> dict[str, Any]:
    manager = make_staff(COMMUNITY_MANAGER, username="manager")
    analyst = make_staff(ANALYST, username="analyst")
    make_staff(MODERATOR, username="moderator")  # no analytics: not a recipient
    gone = make_staff(ANALYST, username="gone")
    gone.is_active = False
    gone.save()
    boss = make_member("boss")
    boss.is_superuser = True
    boss.save()
    return {"manager": manager, "analyst": analyst, "boss": boss}


def test_recipients_are_who_reads_analytics_and_the_extra_addresses(staff: dict[str, Any]) -> None:
    ReportSettings.objects.update_or_create(
        pk=1, defaults={"extra_recipients": "ceo@example.org\n\nANALYST@example.com\n"}
    )
    assert report_recipients() == [
        "manager@example.com",
        "analyst@example.com",
        "boss@example.com",
        "ceo@example.org",
    ]


def test_a_direct_permission_without_cockpit_access_is_not_enough(
    make_member: Callable[..., Any],
) -> None:
    member = make_member("outsider")
    member.user_permissions.add(
        Permission.objects.get(content_type__app_label="cockpit", codename="view_analytics")
    )
    assert report_recipients() == []


def test_extra_recipients_name_the_bad_line() -> None:
    assert recipients_parse(" a@example.com \n\nb@example.com\na@EXAMPLE.com") == [
        "a@example.com",
        "b@example.com",
    ]
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        recipients_parse("a@example.com\n\nnot-an-address")
    assert caught.value.messages == ["Line 3 is not an e-mail address: not-an-address"]


def test_send_mails_the_report_with_its_pdf_and_records_the_delivery(
    staff: dict[str, Any],
) -> None:
    report = weekly_report(commentary="A strong week for the photo board.")
    with translation.override("en"):
        delivery = report_send(report=report, by=staff["manager"], site_url="https://bbs.test/")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert isinstance(message, EmailMultiAlternatives)
    assert message.subject == "[Weekly report] Community operations 2026-W47"
    assert message.to == ["manager@example.com", "analyst@example.com", "boss@example.com"]
    assert "A strong week for the photo board." in message.body
    assert "Daily active members: 1,345" in message.body
    assert "DAU +30% this quarter: Behind" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<td>Daily active members</td>" in str(html)
    page = "https://bbs.test" + reverse("cockpit:ops_report", args=[report.pk])
    assert page in message.body
    assert f'href="{page}"' in str(html)
    pdfs = [a for a in message.attachments if a[0].endswith(".pdf")]
    assert len(pdfs) == 1
    assert pdfs[0][1][:5] == b"%PDF-"
    assert pdfs[0][0] == "operations-report-2026-W47.pdf"
    delivery.refresh_from_db()
    assert (delivery.recipients, delivery.error, delivery.sent_by) == (3, "", staff["manager"])
    report.refresh_from_db()
    assert report.sent_at == delivery.sent_at


def test_no_pdf_when_the_settings_say_so(staff: dict[str, Any], no_pdf: None) -> None:
    report_send(report=weekly_report(), by=None)
    assert mail.outbox[0].attachments == []


def test_a_report_without_data_is_sent_saying_so(staff: dict[str, Any], no_pdf: None) -> None:
    report = weekly_report(sections=small_sections(has_data=False), has_data=False)
    with translation.override("en"):
        report_send(report=report, by=None)
    assert "There was no activity in this period" in mail.outbox[0].body


def test_a_failing_mail_server_is_recorded_and_the_report_kept(
    staff: dict[str, Any], monkeypatch: pytest.MonkeyPatch, no_pdf: None
) -> None:
    def refuse(self: EmailMultiAlternatives, fail_silently: bool = False) -> int:
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    report = weekly_report()
    delivery = report_send(report=report, by=None)
    assert delivery.error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert delivery.recipients == 0
    report.refresh_from_db()
    assert report.sent_at is None
    assert ReportDelivery.objects.filter(report=report).count() == 1


def test_without_recipients_nothing_is_sent_and_the_reason_recorded(no_pdf: None) -> None:
    report = weekly_report()
    with translation.override("en"):
        delivery = report_send(report=report, by=None)
    assert mail.outbox == []
    assert delivery.error.startswith("No recipient")
    report.refresh_from_db()
    assert report.sent_at is None


def test_the_schedule_sends_once_and_tries_again_after_a_failure(
    staff: dict[str, Any], monkeypatch: pytest.MonkeyPatch, no_pdf: None
) -> None:
    report = weekly_report()
    original = EmailMultiAlternatives.send

    def refuse(self: EmailMultiAlternatives, fail_silently: bool = False) -> int:
        raise OSError("mail server down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    failed = report_send_scheduled(report=report)
    assert failed is not None
    assert failed.error
    report.refresh_from_db()
    assert report.sent_at is None  # the claim is released: the next run tries again
    monkeypatch.setattr(EmailMultiAlternatives, "send", original)
    assert report_send_scheduled(report=report) is not None
    assert report_send_scheduled(report=report) is None
    assert len(mail.outbox) == 1
    assert report.deliveries.count() == 2
