"""The operations report pages: archive, generate, the report page, commentary, PDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from hearth.reporting.models import OperationsReport
from hearth.reporting.periods import latest_complete
from tests.reporting.sections_fixture import empty_sections, make_report, weekly_sections

pytestmark = pytest.mark.django_db
ARCHIVE = "/ops/goals/reports/"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def manager(make_staff: Callable[..., Any]) -> Any:
    return make_staff("community_manager")


@pytest.fixture
def analyst(make_staff: Callable[..., Any]) -> Any:
    return make_staff("analyst")


def test_the_archive_lists_reports_newest_first(login: Callable[..., Any], manager: Any) -> None:
    older = weekly_sections()
    older.update(label="2026-W46", start="2026-11-09", end="2026-11-15")
    first = make_report(older)
    second = make_report(commentary="好", sent_at=timezone.now())
    monthly = empty_sections()
    monthly.update(kind="monthly", label="2026-10", start="2026-10-01", end="2026-10-31")
    make_report(monthly, has_data=False)

    response = login(manager).get(ARCHIVE)

    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("cockpit:ops_reports") == ARCHIVE
    assert html.index("2026-W47") < html.index("2026-W46") < html.index("2026-10")
    assert reverse("cockpit:ops_report_pdf", args=[second.pk]) in html
    assert reverse("cockpit:ops_report", args=[first.pk]) in html
    assert 'data-testid="report-generate"' in html
    assert latest_complete("weekly", timezone.localdate()).label in html  # the default period


def test_analysts_read_reports_but_cannot_generate(
    login: Callable[..., Any], analyst: Any, make_member: Callable[..., Any]
) -> None:
    report = make_report()
    client = login(analyst)

    assert client.get(ARCHIVE).status_code == 200
    assert 'data-testid="report-generate"' not in client.get(ARCHIVE).content.decode()
    assert client.post(ARCHIVE, {"kind": "weekly", "period": "2026-W47"}).status_code == 403
    commentary = reverse("cockpit:ops_report_commentary", args=[report.pk])
    assert client.post(commentary, {"commentary": "x"}).status_code == 403
    assert client.get(reverse("cockpit:ops_report", args=[report.pk])).status_code == 200
    assert login(make_member()).get(ARCHIVE).status_code == 403


def test_generate_calls_the_builder_for_the_week_asked(
    login: Callable[..., Any], manager: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict[str, Any]] = []

    def fake(*, kind: str, start: dt.date, by: Any = None) -> OperationsReport:
        calls.append({"kind": kind, "start": start, "by": by})
        return make_report()

    monkeypatch.setattr("hearth.cockpit.views.reports_ops.report_generate", fake)

    response = login(manager).post(ARCHIVE, {"kind": "weekly", "period": "2026-W47"})

    report = OperationsReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cockpit:ops_report", args=[report.pk])
    assert calls == [{"kind": "weekly", "start": dt.date(2026, 11, 16), "by": manager}]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "weekly", "period": "2026-47"}, "is not a week"),
        ({"kind": "weekly", "period": "2026-W60"}, "has no week 60"),
        ({"kind": "monthly", "period": "2026-13"}, "months run from 01 to 12"),
        ({"kind": "weekly", "period": "2099-W01"}, "has not ended yet"),
    ],
)
def test_a_bad_period_is_refused_on_the_field(
    login: Callable[..., Any], manager: Any, data: dict[str, str], message: str
) -> None:
    response = login(manager).post(ARCHIVE, data)

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert '<div class="field field-error" data-field="period">' in html
    assert f'value="{data["period"]}"' in html  # the input is kept
    assert not OperationsReport.objects.exists()


def test_generate_for_real_a_week_without_data(login: Callable[..., Any], manager: Any) -> None:
    response = login(manager).post(ARCHIVE, {"kind": "weekly", "period": "2026-W02"})

    report = OperationsReport.objects.get(label="2026-W02")
    assert response.status_code == 302
    page = login(manager).get(reverse("cockpit:ops_report", args=[report.pk]))
    assert page.status_code == 200
    assert "No activity was recorded in this period." in page.content.decode()


def test_the_report_page_shows_every_section(login: Callable[..., Any], manager: Any) -> None:
    report = make_report()

    response = login(manager).get(reverse("cockpit:ops_report", args=[report.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    for testid in ("kpis", "goals", "channels", "cohorts", "top-content", "creators", "kols",
                   "moderation", "anomalies", "chart-dau", "chart-new_members"):  # fmt: skip
        assert f'data-testid="report-{testid}"' in html, testid
    for text in ("日活跃会员", "1,345", "+14.0%", "本季度日活提升 30%", "落后", "微信公众号",
                 "¥3,000", "52%", "新手入门：如何选择第一台相机", "旅行的猫", "摄影版块贡献了增量的 62%。",
                 "3.5 h"):  # fmt: skip
        assert text in html, text
    assert "No activity was recorded" not in html


def test_the_page_shows_the_snapshot_as_it_was_stored(
    login: Callable[..., Any], manager: Any
) -> None:
    sections = weekly_sections()
    sections["kpis"][0]["value"] = 4321.0
    report = make_report(sections)

    html = login(manager).get(reverse("cockpit:ops_report", args=[report.pk])).content.decode()

    assert "4,321" in html


def test_a_report_without_data_says_so(login: Callable[..., Any], manager: Any) -> None:
    report = make_report(empty_sections(), has_data=False)

    response = login(manager).get(reverse("cockpit:ops_report", args=[report.pk]))

    assert response.status_code == 200
    assert 'data-testid="report-no-data"' in response.content.decode()
    assert 'data-testid="report-kpis"' not in response.content.decode()


def test_commentary_is_saved_with_its_author(login: Callable[..., Any], manager: Any) -> None:
    report = make_report()
    url = reverse("cockpit:ops_report_commentary", args=[report.pk])

    response = login(manager).post(
        url, {"commentary": "  本周日活增长明显。\r\n下周重点：摄影大赛。 "}
    )

    report.refresh_from_db()
    assert response.status_code == 302
    assert report.commentary == "本周日活增长明显。\n下周重点：摄影大赛。"
    assert report.commentary_by == manager
    assert report.commentary_at is not None
    page = login(manager).get(reverse("cockpit:ops_report", args=[report.pk])).content.decode()
    assert "本周日活增长明显。" in page
    assert f"by {manager.get_username()}" in page


def test_too_long_commentary_is_refused_and_kept(login: Callable[..., Any], manager: Any) -> None:
    report = make_report(commentary="之前的点评")
    text = "长" * 5001

    response = login(manager).post(
        reverse("cockpit:ops_report_commentary", args=[report.pk]), {"commentary": text}
    )

    report.refresh_from_db()
    assert response.status_code == 400
    html = response.content.decode()
    assert "at most 5000 characters" in html
    assert text in html
    assert report.commentary == "之前的点评"


def test_the_pdf_downloads(login: Callable[..., Any], manager: Any) -> None:
    report = make_report()

    response = login(manager).get(reverse("cockpit:ops_report_pdf", args=[report.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "2026-W47" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    assert reverse("cockpit:ops_report_pdf", args=[report.pk]).endswith(f"/{report.pk}.pdf")


def test_send_now_and_settings_are_offered_to_editors(
    login: Callable[..., Any], manager: Any, analyst: Any
) -> None:
    report = make_report()
    url = reverse("cockpit:ops_report", args=[report.pk])

    editor_page = login(manager).get(url).content.decode()
    reader_page = login(analyst).get(url).content.decode()

    assert 'data-testid="report-send"' in editor_page
    assert reverse("cockpit:ops_report_send", args=[report.pk]) in editor_page
    assert 'data-testid="report-send"' not in reader_page
    assert 'data-testid="report-commentary-save"' not in reader_page


def test_archive_queries_do_not_grow_with_reports(
    login: Callable[..., Any], manager: Any, django_assert_max_num_queries: Any
) -> None:
    client = login(manager)

    def weeks(first: int, count: int) -> None:
        for n in range(first, first + count):
            sections = weekly_sections()
            start = dt.date.fromisocalendar(2026, n, 1)
            sections.update(label=f"2026-W{n:02d}", start=start.isoformat(),
                            end=(start + dt.timedelta(days=6)).isoformat())  # fmt: skip
            make_report(sections, commentary="好", commentary_by=manager)

    weeks(10, 2)
    client.get(ARCHIVE)  # warm the caches (brand, permissions)

    with CaptureQueriesContext(connection) as few:
        client.get(ARCHIVE)
    weeks(20, 6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(ARCHIVE)
    assert response.content.decode().count("data-report=") == 8
