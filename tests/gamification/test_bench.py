"""bench/points.py on a small run: 4 processes, nothing lost, nothing doubled (PostgreSQL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.timeout_slow
@pytest.mark.django_db
def test_small_bench_run_loses_and_doubles_nothing() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the points bench runs on PostgreSQL")
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    url = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}_bench"
    try:
        report = _run(url)
    finally:
        _drop(url)
    assert report["workers"] == 4
    assert report["events"] == 150 + 4 * 40
    assert (report["lost"], report["duplicated"], report["balances_mismatched"]) == (0, 0, 0)
    assert report["awards"] == report["expected_awards"] > 0
    assert report["expected_awards"] < report["events"]  # the daily caps were reached
    board = report["leaderboard"]
    assert report["leaderboard_page_ms"] == board["all"]["median_ms"] > 0
    assert board["all"]["rows"] == board["members"] == 10  # every bench member earned points
    assert board["member"]["rows"] == 10
    assert board["baseline"]["all"]["median_ms"] > 0


def _run(url: str) -> dict[str, Any]:
    done = subprocess.run(
        [
            sys.executable,
            "bench/points.py",
            "--workers",
            "4",
            "--shared",
            "150",
            "--own",
            "40",
            "--members",
            "10",
            "--leaderboard-requests",
            "5",
        ],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def _drop(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')
