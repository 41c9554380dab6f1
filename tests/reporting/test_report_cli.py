"""``hearth report weekly|monthly``: it stores the report and writes it; bad input exits with 2."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone, translation

from hearth.reporting.models import OperationsReport
from tests.reporting.builder_fixtures import community

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _english_in_shanghai(settings: Any) -> None:
    settings.TIME_ZONE = "Asia/Shanghai"
    settings.LANGUAGE_CODE = "en"


def report(*args: str) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_weekly_html_and_summary(tmp_path: Path) -> None:
    community()
    target = tmp_path / "w02.html"
    printed = report("weekly", "--week", "2026-W02", "--html", str(target), "--print")
    stored = OperationsReport.objects.get()
    assert (stored.kind, stored.label, stored.period_start, stored.has_data) == (
        "weekly",
        "2026-W02",
        dt.date(2026, 1, 5),
        True,
    )
    assert stored.sections["language"] == "en"
    assert "  Reads: 6 · previous 1 (+500.0%)" in printed
    assert "  Top content: 2" in printed
    assert "Weekly report 2026-W02 generated (2026-01-05 – 2026-01-11)." in printed
    html = target.read_text(encoding="utf-8")
    assert "Lenses" in html


@pytest.mark.django_db
def test_regenerating_keeps_the_commentary(tmp_path: Path) -> None:
    community()
    report("weekly", "--week", "2026-W02")
    OperationsReport.objects.update(commentary="Good week.", sections={})
    report("weekly", "--week", "2026-W02")
    stored = OperationsReport.objects.get()
    assert stored.commentary == "Good week."
    assert stored.sections["label"] == "2026-W02"


@pytest.mark.django_db
def test_a_month_without_activity_says_so() -> None:
    printed = report("monthly", "--month", "2026-03", "--print")
    stored = OperationsReport.objects.get()
    assert (stored.kind, stored.label, stored.has_data) == ("monthly", "2026-03", False)
    assert "No activity was recorded in this period." in printed


@pytest.mark.django_db
def test_the_default_is_the_latest_complete_period() -> None:
    report("weekly")
    today = timezone.localdate()
    last_sunday = today - dt.timedelta(days=today.weekday() + 1)
    stored = OperationsReport.objects.get()
    assert (stored.period_start, stored.period_end) == (
        last_sunday - dt.timedelta(days=6),
        last_sunday,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("weekly", "--week", "2026-W60"), "2026 has no week 60"),
        (("weekly", "--week", "47"), "47 is not a week: write the ISO week as 2026-W47."),
        (("monthly", "--month", "2026-13"), "2026-13 is not a month: months run from 01 to 12."),
        (("weekly", "--week", "2099-W01"), "reports cover complete periods only"),
        (("monthly", "--month", "2099-01"), "2099-01 has not ended yet (it ends on 2099-01-31)"),
    ],
)
def test_bad_periods_exit_with_2_and_write_nothing(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    target = tmp_path / "out.html"
    with pytest.raises(CommandError) as caught:
        report(*args, "--html", str(target))
    assert message in str(caught.value)
    assert caught.value.returncode == 2
    assert not target.exists()
    assert not OperationsReport.objects.exists()


@pytest.mark.django_db
def test_a_missing_folder_is_refused_before_generating(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as caught, translation.override("en"):
        report("weekly", "--week", "2026-W02", "--pdf", str(tmp_path / "nowhere" / "x.pdf"))
    assert "the folder" in str(caught.value)
    assert caught.value.returncode == 2
    assert not OperationsReport.objects.exists()


def test_the_console_command_exits_with_2(tmp_path: Path) -> None:
    env = {**os.environ, "HEARTH_LANGUAGE": "en", "HEARTH_VAR_DIR": str(tmp_path)}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    done = subprocess.run(
        [sys.executable, "-m", "hearth.cli", "report", "weekly", "--week", "2026-W60"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "no week 60" in done.stderr


@pytest.mark.django_db
def test_weekly_pdf(tmp_path: Path) -> None:
    community()
    target = tmp_path / "w02.pdf"
    printed = report("weekly", "--week", "2026-W02", "--pdf", str(target))
    assert target.read_bytes().startswith(b"%PDF")
    assert f"PDF written to {target}" in printed
