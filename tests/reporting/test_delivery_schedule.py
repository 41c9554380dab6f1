"""The report schedule: generated on the morning after the period, sent at the send hour, once;
run through the background-task system (huey, inline in tests) and on a real embedded queue."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from freezegun import freeze_time
from huey import SqliteHuey

from hearth.core.roles import ANALYST
from hearth.reporting import schedule
from hearth.reporting.models import OperationsReport, ReportDelivery, ReportSettings
from hearth.reporting.schedule import Due, schedule_due
from hearth.reporting.tasks import report_schedule, report_send_task
from tests.reporting.delivery_fixture import weekly_report

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
MONDAY = dt.date(2026, 11, 23)  # the day after week 2026-W47 (16–22 November)


def local(day: dt.date, hour: int, minute: int = 5) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=SHANGHAI)


def due(day: dt.date, hour: int, **changes: Any) -> list[Due]:
    options: dict[str, Any] = {
        "generate_hour": 8,
        "send_hour": 10,
        "weekly_enabled": True,
        "monthly_enabled": True,
        **changes,
    }
    return schedule_due(local=local(day, hour), **options)


def test_a_week_is_generated_at_the_generate_hour_and_sent_at_the_send_hour() -> None:
    week = dt.date(2026, 11, 16)
    assert due(MONDAY, 7) == []
    assert due(MONDAY, 8) == [Due(kind="weekly", start=week, send=False)]
    assert due(MONDAY, 9) == [Due(kind="weekly", start=week, send=False)]
    assert due(MONDAY, 10) == [Due(kind="weekly", start=week, send=True)]
    assert due(MONDAY, 23) == [Due(kind="weekly", start=week, send=True)]
    assert due(MONDAY + dt.timedelta(days=1), 10) == []  # only on the day after the period


def test_a_month_on_the_first_and_both_when_the_first_is_a_monday() -> None:
    assert due(dt.date(2026, 12, 1), 10) == [  # a Tuesday
        Due(kind="monthly", start=dt.date(2026, 11, 1), send=True)
    ]
    assert due(dt.date(2027, 1, 1), 8) == [  # a Friday; January reports December
        Due(kind="monthly", start=dt.date(2026, 12, 1), send=False)
    ]
    assert due(dt.date(2027, 3, 1), 11) == [  # a Monday
        Due(kind="weekly", start=dt.date(2027, 2, 22), send=True),
        Due(kind="monthly", start=dt.date(2027, 2, 1), send=True),
    ]


def test_a_disabled_report_is_generated_for_the_archive_but_never_sent() -> None:
    assert due(MONDAY, 12, weekly_enabled=False) == [
        Due(kind="weekly", start=dt.date(2026, 11, 16), send=False)
    ]
    assert due(MONDAY, 7, send_hour=6, generate_hour=9) == [  # sending generates first
        Due(kind="weekly", start=dt.date(2026, 11, 16), send=True)
    ]


@pytest.mark.django_db
# a compiled module imported while the clock is frozen warns about freezegun's datetime
@pytest.mark.filterwarnings("ignore:datetime.*size changed:RuntimeWarning")
def test_the_hourly_task_generates_then_sends_once(
    settings: Any,
    make_staff: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings.TIME_ZONE = "Asia/Shanghai"
    settings.HEARTH_SITE_URL = "https://bbs.example.cn"
    make_staff(ANALYST, username="analyst")
    ReportSettings.objects.update_or_create(
        pk=1, defaults={"extra_recipients": "ceo@example.org", "generate_hour": 8, "send_hour": 10}
    )
    generated: list[tuple[str, dt.date]] = []
    real_generate = schedule._generate

    def counting(kind: str, start: dt.date) -> OperationsReport:
        generated.append((kind, start))
        return real_generate(kind, start)

    monkeypatch.setattr(schedule, "_generate", counting)

    def run_at(hour: int, minute: int = 5) -> None:
        with freeze_time(local(MONDAY, hour, minute)):
            report_schedule()  # the periodic task, through huey (inline in tests)

    run_at(7, 0)
    assert generated == []
    run_at(8)
    run_at(9)
    assert generated == [("weekly", dt.date(2026, 11, 16))]
    report = OperationsReport.objects.get()
    assert (report.label, report.sent_at) == ("2026-W47", None)
    assert mail.outbox == []
    run_at(10)
    run_at(10)  # a second worker, or the task retried: nothing more
    run_at(11)
    assert generated == [("weekly", dt.date(2026, 11, 16))]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["analyst@example.com", "ceo@example.org"]
    assert "2026-W47" in message.subject
    assert f"https://bbs.example.cn/ops/goals/reports/{report.pk}/" in message.body
    assert [name for name, _content, _type in message.attachments] == [
        "operations-report-2026-W47.pdf"
    ]
    delivery = ReportDelivery.objects.get()
    assert (delivery.report_id, delivery.sent_by, delivery.recipients) == (report.pk, None, 2)
    report.refresh_from_db()
    assert report.sent_at == delivery.sent_at


@pytest.mark.django_db
def test_the_embedded_queue_runs_a_send_without_a_broker(
    tmp_path: Path, make_staff: Callable[..., Any]
) -> None:
    """The SQLite queue of the embedded mode: enqueued to a file, taken off and executed."""
    make_staff(ANALYST, username="analyst")
    ReportSettings.objects.update_or_create(pk=1, defaults={"attach_pdf": False})
    report = weekly_report()
    queue = SqliteHuey("hearth-test", filename=str(tmp_path / "tasks.sqlite3"))
    queue._registry.register(report_send_task.task_class)
    queue.enqueue(report_send_task.s(report.pk, None, "https://bbs.test/"))
    assert queue.pending_count() == 1
    assert mail.outbox == []  # queued, not run
    task = queue.dequeue()
    assert task is not None
    delivery_id = queue.execute(task)
    assert queue.pending_count() == 0
    assert len(mail.outbox) == 1
    assert ReportDelivery.objects.get(pk=delivery_id).recipients == 1
