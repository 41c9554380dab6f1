"""bench/analytics.py at a tiny size: it prints the issue's JSON with every analysis and its
baseline, and the baseline's plain SQL finds the same answers as the query objects."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hearth.analytics.store.duck import DuckDBEngine

ROOT = Path(__file__).resolve().parents[2]
MEMBERS, DAYS = 1500, 120
REQUIRED = (
    "dau_series_365d",
    "mau_rolling_365d",
    "retention_weekly_12",
    "lifecycle_weekly",
    "channel_table",
    "board_health",
)
ADDED = (
    "segment_count",
    "funnel_onboarding",
    "funnel_by_channel",
    "stickiness_30d",
    "content_mix_reply_speed",
    "reading_heatmap_30d",
    "custom_ratio_weekly",
    "anomalies_90d",
)

pytestmark = pytest.mark.timeout_slow


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("bench")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "analytics.py"),
            *("--members", str(MEMBERS), "--days", str(DAYS), "--out", str(out)),
            *("--in-process", "--repeat", "1"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
        cwd=ROOT,
    )
    return out, json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def bench() -> Iterator[dict[str, Any]]:
    """The bench's modules (imported from bench/)."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import analytics
        import analytics_baseline

        yield {"run": analytics, "baseline": analytics_baseline}
    finally:
        sys.path.remove(str(ROOT / "bench"))


def test_prints_the_issue_figures_and_the_added_analyses(
    bench_run: tuple[Path, dict[str, Any]],
) -> None:
    _out, report = bench_run
    assert report["members"] == MEMBERS
    assert report["actions"] > MEMBERS * 10
    assert report["topics"] > 0
    for key in ("dashboard_s", "peak_rss_mb", "rollup_build_s"):
        assert report[key] > 0
    assert set(report["queries"]) == {*REQUIRED, *ADDED}
    for name, figures in report["queries"].items():
        assert figures["s"] > 0, name
        assert figures["baseline_s"] >= 0, name


def _baseline_rows(target: Path, sql: str) -> list[list[tuple[Any, ...]]]:
    db = sqlite3.connect(target)
    try:
        return [db.execute(s).fetchall() for s in sql.split(";") if s.strip()]
    finally:
        db.close()


def test_the_baseline_finds_the_same_answers(
    bench_run: tuple[Path, dict[str, Any]], bench: dict[str, Any]
) -> None:
    out, _report = bench_run
    stem = f"analytics-v{bench['run'].FORMAT}-{MEMBERS}-{DAYS}"
    engine = DuckDBEngine(out / f"{stem}.duckdb")
    runs, baselines = bench["run"].added(), bench["baseline"].added()

    def rows(name: str) -> list[list[tuple[Any, ...]]]:
        return _baseline_rows(out / f"{stem}.sqlite3", baselines[name].sql)

    try:
        assert runs["segment_count"](engine) == rows("segment_count")[0][0][0]
        sticky = {b.periods: b.members for b in runs["stickiness_30d"](engine) if b.members}
        assert sticky == dict(rows("stickiness_30d")[0])
        heatmap = runs["reading_heatmap_30d"](engine)
        cells = {((wd - 1) % 7, h): n for wd, h, n in rows("reading_heatmap_30d")[0]}
        assert heatmap.total > 0
        assert {(d, h): heatmap.cells[d][h] for d, h in cells} == cells
        assert heatmap.total == sum(cells.values())
        for name in ("funnel_onboarding", "funnel_by_channel"):
            steps = runs[name](engine)
            found = baselines[name].post(rows(name))
            assert steps[0].members > 0
            for i, step in enumerate(steps):
                k = i % len(bench["baseline"].FUNNEL_STEPS)
                members, median = found.get((k, step.segment), (0, None))
                assert step.members == members, (name, k, step.segment)
                if k and members:
                    assert step.median_hours == pytest.approx(median, abs=0.01)
        ratios = baselines["custom_ratio_weekly"].post(rows("custom_ratio_weekly"))
        custom = runs["custom_ratio_weekly"](engine)
        for point in custom.points:
            whole_week = point.start >= custom.points[0].start + dt.timedelta(days=7)
            if whole_week and point.value is not None:
                assert point.value == pytest.approx(ratios[point.start.isoformat()], abs=1e-4)
        mix, speed = runs["content_mix_reply_speed"](engine)
        content = rows("content_mix_reply_speed")
        assert mix.total.topics == sum(n for _b, _k, n in content[0])
        assert mix.total.reads == sum(n for _b, _k, n in content[1]) > 0
        topics, answered, hour, day, median, _p90 = baselines["content_mix_reply_speed"].post(
            content
        )[None]
        total = speed.total
        assert (total.topics, total.answered, total.within_hour, total.within_day) == (
            topics,
            answered,
            hour,
            day,
        )
        assert total.median_seconds == pytest.approx(median, abs=0.1)
    finally:
        engine.close()
