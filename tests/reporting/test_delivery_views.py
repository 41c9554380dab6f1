"""The cockpit's "Send now" and the report schedule page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from hearth.core.roles import ANALYST, COMMUNITY_MANAGER
from hearth.reporting.models import ReportDelivery, ReportSettings
from tests.reporting.delivery_fixture import weekly_report

pytestmark = pytest.mark.django_db

SETTINGS_URL = "/ops/goals/reports/settings/"


@pytest.fixture
def manager(make_staff: Callable[..., Any]) -> Any:
    return make_staff(COMMUNITY_MANAGER, username="manager")


def _form(**changes: str) -> dict[str, str]:
    return {
        "weekly_enabled": "on",
        "generate_hour": "7",
        "send_hour": "9",
        "extra_recipients": "ceo@example.org",
        **changes,
    }


def test_send_now_queues_the_sending(manager: Any, login: Callable[[Any], Any]) -> None:
    ReportSettings.objects.update_or_create(pk=1, defaults={"attach_pdf": False})
    report = weekly_report()
    url = reverse("cockpit:ops_report_send", args=[report.pk])
    assert url == f"/ops/goals/reports/{report.pk}/send/"
    client = login(manager)
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert response.redirect_chain[0][0] == reverse("cockpit:ops_report", args=[report.pk])
    assert "Sending Weekly report 2026-W47…" in response.content.decode()
    assert len(mail.outbox) == 1  # tasks run inline in tests
    assert mail.outbox[0].to == ["manager@example.com"]
    delivery = ReportDelivery.objects.get()
    assert delivery.sent_by == manager
    assert f"http://testserver/ops/goals/reports/{report.pk}/" in mail.outbox[0].body


def test_analysts_read_reports_but_neither_send_nor_schedule(
    make_staff: Callable[..., Any], login: Callable[[Any], Any]
) -> None:
    client = login(make_staff(ANALYST, username="analyst"))
    report = weekly_report()
    assert client.post(reverse("cockpit:ops_report_send", args=[report.pk])).status_code == 403
    assert client.get(SETTINGS_URL).status_code == 403
    assert mail.outbox == []


def test_the_schedule_is_saved(manager: Any, login: Callable[[Any], Any]) -> None:
    client = login(manager)
    page = client.get(SETTINGS_URL)
    assert page.status_code == 200
    assert 'name="send_hour" value="10"' in page.content.decode()
    response = client.post(SETTINGS_URL, _form(extra_recipients="ceo@example.org\n\nx@example.org"))
    assert response.status_code == 302
    saved = ReportSettings.load()
    assert (saved.weekly_enabled, saved.monthly_enabled, saved.attach_pdf) == (True, False, False)
    assert (saved.generate_hour, saved.send_hour) == (7, 9)
    assert saved.extra_recipients == "ceo@example.org\nx@example.org"


def test_a_bad_address_or_hour_is_refused_naming_it_and_keeping_the_input(
    manager: Any, login: Callable[[Any], Any]
) -> None:
    client = login(manager)
    typed = "ceo@example.org\nnobody-at-example"
    response = client.post(SETTINGS_URL, _form(extra_recipients=typed, send_hour="24"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Line 2 is not an e-mail address: nobody-at-example" in body
    assert "Ensure this value is less than or equal to 23." in body
    assert typed in body
    assert ReportSettings.load().send_hour == 10


def test_the_settings_page_lists_recent_deliveries(
    manager: Any, login: Callable[[Any], Any]
) -> None:
    report = weekly_report()
    ReportDelivery.objects.create(report=report, recipients=3)
    ReportDelivery.objects.create(report=report, error="SMTPServerDisconnected: closed")
    body = login(manager).get(SETTINGS_URL).content.decode()
    assert body.count("data-delivery=") == 2
    assert "SMTPServerDisconnected: closed" in body
    assert "By the schedule" in body
