"""Benchmark: the analytics store at a million members against plain SQL on SQLite.

Run from the repository root::

    .venv/bin/python bench/analytics.py [--members 1000000] [--days 365] [--out var/bench]
        [--repeat 3]

1. **Data.** Generates (or reuses, when the file for these arguments exists)
   a synthetic community straight into a DuckDB store
   (``bench/analytics_data.py``): ``--members`` members joining over
   ``--days`` days (more of them later), each active on a heavy-tailed number
   of days (about 20 on average) with about 2.5 actions a day (reads, likes,
   replies, topics, shares, follows, visits, course enrolments and
   completions) on 10 boards, with channel, region, age band, gender and
   level; a sign-up each, the onboarding (profile completed, three boards
   followed) for some; topics (UGC by their authors, about 10 % PGC by
   staff) that reads, likes, replies and shares point at; reads with their
   reading time and depth, and later ``dwell`` rows. Deterministic (seed).
   Rows are stored in time order, as the activity log is appended.
2. **Rollups.** ``rollup_build_s`` is the time to build, from scratch over all
   actions, the member-day rollup and the materialised results (DAU/WAU/MAU
   per day, weekly lifecycle, retention cells; ``hearth.analytics.store.rollups``)
   that every sync maintains incrementally.
3. **Queries, cold.** Each analysis runs in a fresh process (no cached
   results, a new DuckDB connection, Python modules already imported), the
   best of ``--repeat`` such processes (a busy machine's noise): DAU
   over 365 days, rolling MAU over 365 days, weekly retention of 12 cohorts ×
   12 weeks, weekly lifecycle, the channel table (cohorts by channel, day
   1/7/30) and board health (last 30 days against the 30 before); then a
   segment's count (joined via SEO in October, inactive for 14 days), the
   onboarding funnel (sign-ups of 30 days, 7 steps within 7 days) without and
   with a breakdown by channel, the stickiness distribution of 30 days, the
   content mix and reply speed of 30 days, the reading heatmap (weekday ×
   hour) of 30 days, a custom ratio (course completed ÷ enrolled, weekly over
   90 days against the 90 before) and anomaly detection over 90 days of the
   key metrics and that custom metric (the daily job, alerts and their
   explanations written). ``dashboard_s`` is what the dashboard page builds
   (``dashboard_report``: its KPI tiles with the period before, active
   members per day and the alerts strip) in one fresh process. Alerts and
   the custom metric live in a Django SQLite database under ``--out``.
4. **Baseline**, in the same run (``bench/analytics_baseline.py``): the same
   data copied into SQLite (the default database engine; the indexes Django
   gives the log) and each analysis written as straightforward SQL over the
   raw actions (``COUNT(DISTINCT …) GROUP BY``, a range join for the rolling
   MAU, self-joins for lifecycle, a temporary table per funnel step), with
   medians and the anomaly method in Python on its rows. The range join is
   measured on ``--mau-sample`` evenly spaced days and scaled to 365 (it
   takes hours in full); the JSON says so.

Prints one JSON object. Nothing is written outside ``--out``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from analytics_baseline import (
    CUSTOM,
    FUNNEL_WITHIN_DAYS,
    SEGMENT_CHANNEL,
    SEGMENT_INACTIVE_DAYS,
    SPANS,
    measure,
    original,
)
from analytics_baseline import (
    added as baselines_added,
)
from analytics_data import END, generate, sqlite_copy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")

FORMAT = 3  # of the generated file: a new format is generated anew (3: topics, reads' depth)


def setup(out: Path | None = None) -> None:
    """Django, with its database and var directory under ``out`` (the anomaly alerts and
    custom metrics live there) and no shared cache: every measured process starts cold."""
    import django

    if out is not None:
        os.environ["DATABASE_URL"] = f"sqlite:///{(out / 'analytics-django.sqlite3').resolve()}"
        os.environ["HEARTH_VAR_DIR"] = str((out / "var").resolve())
    os.environ["REDIS_URL"] = ""
    django.setup()


def django_ready() -> None:
    """The bench's Django database migrated, with the completion-rate custom metric and no
    alerts left from an earlier run."""
    from django.core.management import call_command

    from hearth.analytics.metrics import custom_metric_create
    from hearth.analytics.models import AnomalyAlert, CustomMetric

    call_command("migrate", verbosity=0, interactive=False)
    numerator, denominator = CUSTOM
    if not CustomMetric.objects.filter(key="course_completion").exists():
        custom_metric_create(
            key="course_completion",
            name="课程完成率",
            numerator=numerator,
            denominator=denominator,
        )
    AnomalyAlert.objects.all().delete()


def rollup_build(path: Path) -> tuple[float, int]:
    """Seconds to build ``member_days`` from all actions, and its rows."""
    from sqlglot import exp

    from hearth.analytics.definitions import DEFAULT_ACTIVE
    from hearth.analytics.store.duck import DuckDBEngine
    from hearth.analytics.store.rollups import rollups_refresh
    from hearth.analytics.store.sync import _roll_up

    engine = DuckDBEngine(path)
    engine.run(exp.delete("member_days"))
    last = engine._connection.execute("SELECT MAX(id) FROM activity").fetchone()
    engine.run(exp.delete("sync_state"))
    started = time.perf_counter()
    _roll_up(engine, 1, int(last[0]) if last and last[0] else 0)
    rollups_refresh(engine, since=None, until=END, actions=DEFAULT_ACTIVE)  # from scratch
    seconds = time.perf_counter() - started
    rows = engine._connection.execute("SELECT COUNT(*) FROM member_days").fetchone()
    engine.close()
    return seconds, int(rows[0]) if rows else 0


# ---------------------------------------------------------------- the analyses

Run = Callable[[Any], object]


def window(first: dt.date, last: dt.date) -> Any:
    from hearth.analytics.definitions import DEFAULT_ACTIVE
    from hearth.analytics.queries.params import Window

    return Window(start=first, end=last, actions=DEFAULT_ACTIVE, tz="Asia/Shanghai")


def days_to_end(length: int, end: dt.date = END) -> Any:
    return window(end - dt.timedelta(days=length - 1), end)


def analyses(days: int) -> dict[str, Run]:
    """The measured analyses: name → what runs them on an engine."""
    from hearth.analytics.queries.active import ActiveMembers
    from hearth.analytics.queries.boards import BoardHealth
    from hearth.analytics.queries.lifecycle import Lifecycle
    from hearth.analytics.queries.retention import Retention

    cohorts = days_to_end(12 * 7, END - dt.timedelta(days=12 * 7))
    found: dict[str, Any] = {
        "dau_series_365d": ActiveMembers(days_to_end(days), days=1),
        "mau_rolling_365d": ActiveMembers(days_to_end(days), days=30),
        "retention_weekly_12": Retention(cohorts, period="week", periods=12),
        "lifecycle_weekly": Lifecycle(days_to_end(days), period="week"),
        "channel_table": Retention(
            days_to_end(90, END - dt.timedelta(days=31)),
            period="day",
            periods=30,
            cohort_by="channel",
        ),
        "board_health": BoardHealth(days_to_end(30)),
    }
    runs: dict[str, Run] = {name: query.calculate for name, query in found.items()}
    return runs | added()


def added() -> dict[str, Run]:
    """The analyses added since the first figures (their windows: ``SPANS``)."""
    from hearth.analytics.definitions import DEFAULT_ACTIVE
    from hearth.analytics.queries.content import ContentMix
    from hearth.analytics.queries.custom import CustomMetricQuery
    from hearth.analytics.queries.funnel import ONBOARDING, Funnel
    from hearth.analytics.queries.reading import ReadingHeatmap
    from hearth.analytics.queries.replies import ReplySpeed
    from hearth.analytics.queries.stickiness import StickinessDistribution
    from hearth.analytics.segments.definition import Behaviour, SegmentDefinition
    from hearth.analytics.segments.queries import SegmentCount

    joined_from, joined_to = SPANS["segment_joined"]
    segment = SegmentDefinition(
        channel=(SEGMENT_CHANNEL,),
        joined_from=joined_from,
        joined_to=joined_to,
        behaviour=(Behaviour("did_not", "active", days=SEGMENT_INACTIVE_DAYS),),
    )
    recent, signed_up = window(*SPANS["recent"]), window(*SPANS["funnel"])
    numerator, denominator = CUSTOM

    def content(engine: Any) -> object:
        return ContentMix(recent).calculate(engine), ReplySpeed(recent).calculate(engine)

    queries: dict[str, Any] = {
        "segment_count": SegmentCount(segment, today=END, active=DEFAULT_ACTIVE),
        "funnel_onboarding": Funnel(signed_up, steps=ONBOARDING, within_days=FUNNEL_WITHIN_DAYS),
        "funnel_by_channel": Funnel(
            signed_up, steps=ONBOARDING, within_days=FUNNEL_WITHIN_DAYS, breakdown="channel"
        ),
        "stickiness_30d": StickinessDistribution(recent, period="day"),
        "reading_heatmap_30d": ReadingHeatmap(recent),
        "custom_ratio_weekly": CustomMetricQuery(
            window(*SPANS["custom"]),
            numerator=numerator,
            denominator=denominator,
            period="week",
        ),
    }
    runs: dict[str, Run] = {name: query.calculate for name, query in queries.items()}
    runs["content_mix_reply_speed"] = content
    runs["anomalies_90d"] = anomalies
    return runs


def anomalies(engine: Any) -> object:
    """The daily check (cron) over 90 days of the key metrics and the custom metric."""
    from hearth.analytics.anomalies.services import anomalies_detect

    first, last = SPANS["anomalies"]
    return anomalies_detect(start=first, end=last, engine=engine)


def dashboard(engine: Any) -> object:
    """What the dashboard page builds (its default range and no breakdown), alerts strip
    included."""
    from hearth.analytics.selectors import active_actions
    from hearth.cockpit.reports.dashboard import dashboard_report

    w = days_to_end(30)
    w = type(w)(start=w.start, end=w.end, actions=frozenset(active_actions()), tz=w.tz)
    return dashboard_report(engine, window=w, breakdown=None)


def measure_cold(path: Path, which: str, days: int) -> dict[str, Any]:
    """Runs in a fresh process: one analysis (or the dashboard), no cache."""
    from hearth.analytics.store.duck import DuckDBEngine

    run = dashboard if which == "dashboard" else analyses(days)[which]  # modules imported
    import hearth.analytics.anomalies.services
    import hearth.cockpit.reports.dashboard  # noqa: F401

    started = time.perf_counter()
    engine = DuckDBEngine(path)
    run(engine)
    seconds = time.perf_counter() - started
    engine.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"s": round(seconds, 3), "rss_mb": round(rss, 1)}


def cold(path: Path, which: str, days: int) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--measure", str(path), which, "--days", str(days)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--mau-sample", type=int, default=7)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="cold runs per analysis: the best")
    parser.add_argument("--measure", nargs=2, metavar=("PATH", "WHICH"), help=argparse.SUPPRESS)
    # tests: each analysis in this process (it checks that everything runs, not how fast)
    parser.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        setup()  # the parent set the database and directories
        print(json.dumps(measure_cold(Path(args.measure[0]), args.measure[1], args.days)))
        return
    args.out.mkdir(parents=True, exist_ok=True)
    setup(args.out)
    django_ready()
    path = args.out / f"analytics-v{FORMAT}-{args.members}-{args.days}.duckdb"
    generated_s = None
    if not path.exists():
        started = time.perf_counter()
        generate(path, args.members, args.days)
        generated_s = round(time.perf_counter() - started, 1)
    rollup_s, member_days = rollup_build(path)
    import duckdb

    with duckdb.connect(str(path), read_only=True) as db:
        counts = db.execute(
            "SELECT (SELECT COUNT(*) FROM members), (SELECT COUNT(*) FROM activity), "
            "(SELECT COUNT(*) FROM topics)"
        ).fetchone()
    members, actions, topics = (int(v) for v in counts) if counts else (0, 0, 0)
    measured = measure_cold if args.in_process else cold

    def best(name: str) -> dict[str, Any]:
        runs = [measured(path, name, args.days) for _ in range(max(1, args.repeat))]
        return {"s": min(r["s"] for r in runs), "rss_mb": max(r["rss_mb"] for r in runs)}

    queries = {name: best(name) for name in analyses(args.days)}
    board = best("dashboard")  # after anomalies_90d: the strip has its alerts
    result: dict[str, Any] = {
        "members": members,
        "actions": actions,
        "topics": topics,
        "member_days": member_days,
        "dashboard_s": board["s"],
        "peak_rss_mb": max([board["rss_mb"], *(q["rss_mb"] for q in queries.values())]),
        "rollup_build_s": round(rollup_s, 2),
        "generated_s": generated_s,
        "queries": {name: {"s": q["s"]} for name, q in queries.items()},
        "engine": "duckdb (embedded file), cold: a fresh process per analysis "
        f"(the best of {max(1, args.repeat)})",
    }
    if not args.no_baseline:
        target = args.out / f"analytics-v{FORMAT}-{args.members}-{args.days}.sqlite3"
        copied = sqlite_copy(path, target, actions)
        result["baseline_copy_s"] = round(copied, 1) if copied is not None else "reused"
        baselines = original(args.days, args.mau_sample) | baselines_added()
        for name, figures in measure(target, baselines).items():
            entry = result["queries"][name]
            entry.update(figures)
            entry["speedup"] = round(figures["baseline_s"] / entry["s"], 1) if entry["s"] else None
        result["baseline"] = "straightforward SQL on SQLite over the same actions, same run"
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
