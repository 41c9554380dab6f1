"""bench/report.py at a tiny size: it builds the weekly and monthly reports over the bench's
synthetic store, prints the issue's JSON, and its plain-SQL baseline finds the same figures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
MEMBERS, DAYS = 1500, 120

pytestmark = pytest.mark.timeout_slow


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("bench")
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "report.py"),
            *("--members", str(MEMBERS), "--days", str(DAYS), "--out", str(out)),
            *("--repeat", "1"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
        cwd=ROOT,
    )
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def test_prints_the_issue_figures(bench_run: dict[str, Any]) -> None:
    assert bench_run["members"] == MEMBERS
    assert bench_run["actions"] > MEMBERS * 10
    assert bench_run["report_s"] > 0
    assert bench_run["monthly_s"] > 0
    assert bench_run["period"] == "2026-W48"
    assert bench_run["has_data"] is True


def test_every_section_has_rows(bench_run: dict[str, Any]) -> None:
    sections = bench_run["sections"]
    assert sections["kpis"] == 10
    assert sections["goals"] == 3
    for key in ("channels", "cohorts", "top_content", "top_creators"):
        assert sections[key] > 0, key
    assert sections["cohorts"] == 8


def test_the_baseline_agrees_in_the_same_run(bench_run: dict[str, Any]) -> None:
    assert bench_run["baseline_s"] > 0
    assert bench_run["baseline_agrees"] is True
    assert "straightforward SQL" in bench_run["baseline"]
