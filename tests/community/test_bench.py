"""bench/topic_page.py runs and prints its JSON (tiny sizes: this checks it works, not speed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_prints_json_with_figures_and_baseline() -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "topic_page.py"),
            "--requests",
            "3",
            "--warmup",
            "1",
            "--replies",
            "12",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
        cwd=ROOT,
    )
    report = json.loads(result.stdout)
    assert report["replies"] == 12
    assert report["median_ms"] > 0
    assert report["p95_ms"] >= report["median_ms"]
    assert 0 < report["queries"] < report["baseline"]["queries"]
    assert report["baseline"]["median_ms"] > 0
    assert report["visitor"]["queries"] < report["queries"]
