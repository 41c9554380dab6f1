"""Benchmark: the weekly and monthly operations report over the million-member data set.

Run from the repository root::

    .venv/bin/python bench/report.py [--members 1000000] [--out var/bench] [--repeat 3]

1. **Data.** The analytics bench's synthetic community (``bench/analytics_data.py``,
   ``--days`` 365 ending 2026-11-30): its DuckDB store is reused when
   ``bench/analytics.py`` (or an earlier run of this script) left it under
   ``--out``, else generated, with its rollups built. The community database
   (a Django SQLite file under ``--out``) gets what the report reads there: three
   goals on report metrics, a month of spend on two channels, a few moderation
   rows. Topic titles and member names are looked up for the top ten only; the
   synthetic members and topics have no rows there, so the report shows its
   fallback labels (``Topic #id``, ``Member #id``), after the same queries.
2. **The report.** ``report_s``: ``report_generate`` for the week 2026-W48
   (2026-11-23 … 11-29) built on 2026-12-01 — every section computed over one
   open store and the community database, and the report stored. ``monthly_s``:
   the same for 2026-11. Each run opens the store anew with an empty query cache;
   the best of ``--repeat`` runs (the first run's time is given too).
3. **Baseline**, in the same run: the report's store sections written as
   straightforward SQL over the raw actions (``COUNT(DISTINCT …)`` per day, a
   range join for WAU/MAU, ``GROUP BY`` topic and member), on the same DuckDB
   file but without the member-day rollup and the materialised results the
   builder reads: the KPI section (10 metrics × 14 days), top content and top
   creators. ``baseline_s`` is its best of ``--repeat``.

Prints one JSON object. Nothing is written outside ``--out``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from analytics import FORMAT, ROOT, django_ready, rollup_build, setup
from analytics_data import END, generate

WEEK = dt.date(2026, 11, 23)  # 2026-W48, the last complete week of the data
MONTH = dt.date(2026, 11, 1)
TODAY = END + dt.timedelta(days=1)  # the report is built the day after the data ends
COUNTED = {"reads": "read", "topics": "topic", "replies": "reply", "likes": "like"}


def community_ready() -> None:
    """Goals, spend and moderation rows in the bench's community database (once)."""
    from decimal import Decimal

    from hearth.accounts.models import User
    from hearth.goals.models import Goal, GoalStatus, TargetKind
    from hearth.growth.models import Channel, Spend
    from hearth.moderation.models import Report, ReviewItem

    if Goal.objects.filter(name__startswith="bench:").exists():
        return
    owner, _created = User.objects.get_or_create(username="bench-owner")
    common: dict[str, Any] = {
        "period_start": dt.date(2026, 10, 1),
        "deadline": dt.date(2026, 12, 31),
        "owner": owner,
        "computed_on": END,
    }
    Goal.objects.create(
        name="bench: DAU +30%",
        metric_key="dau",
        baseline=30000,
        target_kind=TargetKind.RELATIVE,
        target_value=0.3,
        status=GoalStatus.BEHIND,
        actual=33000,
        **common,
    )
    Goal.objects.create(
        name="bench: reads",
        metric_key="reads",
        target_kind=TargetKind.ABSOLUTE,
        target_value=2_000_000,
        status=GoalStatus.ON_TRACK,
        **common,
    )
    Goal.objects.create(
        name="bench: sign-ups",
        metric_key="new_members",
        target_kind=TargetKind.ABSOLUTE,
        target_value=200_000,
        status=GoalStatus.AT_RISK,
        **common,
    )
    for key, amount in (("seo", "30000.00"), ("wechat", "45000.00")):
        Spend.objects.create(
            channel=Channel.objects.get(key=key),
            period_start=MONTH,
            period_end=END,
            amount=Decimal(amount),
        )
    ref = {"content_kind": "topic", "content_id": 1}
    at = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
    item = ReviewItem.objects.create(origin="reported", created_at=at, author=owner, **ref)
    Report.objects.create(reporter=owner, reason="spam", item=item, created_at=at, **ref)


def store_ready(path: Path, members: int, days: int) -> tuple[float | None, float | None]:
    """The store generated (when missing) and its rollups built (when empty): the seconds."""
    import duckdb

    generated = rolled = None
    if not path.exists():
        started = time.perf_counter()
        generate(path, members, days)
        generated = round(time.perf_counter() - started, 1)
    with duckdb.connect(str(path), read_only=True) as db:
        found = db.execute("SELECT COUNT(*) FROM member_days").fetchone()
    if not found or not found[0]:
        rolled = round(rollup_build(path)[0], 1)
    return generated, rolled


def report_once(path: Path, kind: str, start: dt.date) -> tuple[float, dict[str, Any]]:
    """Seconds to build and store one report over a freshly opened store (no cached results)."""
    from django.core.cache import cache

    from hearth.analytics.store.duck import DuckDBEngine
    from hearth.reporting.services import report_generate

    cache.clear()
    started = time.perf_counter()
    engine = DuckDBEngine(path)
    try:
        report = report_generate(kind=kind, start=start, engine=engine, today=TODAY)
    finally:
        engine.close()
    return time.perf_counter() - started, report.sections


# ---------------------------------------------------------------- baseline

_DAILY = """
SELECT day, COUNT(DISTINCT member_id) FROM activity
WHERE day BETWEEN ? AND ? AND action <> 'like_received' GROUP BY day
"""
_ROLLING = """
SELECT d.day, COUNT(DISTINCT a.member_id)
FROM (SELECT DISTINCT day FROM activity WHERE day BETWEEN ? AND ?) AS d
JOIN activity AS a ON a.day BETWEEN d.day - INTERVAL {span} DAY AND d.day
WHERE a.action <> 'like_received' GROUP BY d.day
"""
_COUNTS = """
SELECT day, action, COUNT(*) FROM activity
WHERE day BETWEEN ? AND ? AND action IN ('read', 'topic', 'reply', 'like', 'share')
GROUP BY day, action
"""
_JOINED = "SELECT joined_day, COUNT(*) FROM members WHERE joined_day BETWEEN ? AND ? GROUP BY 1"
_TOP_TOPICS = """
SELECT topic_id, COUNT(*) FILTER (WHERE action = 'read') AS reads,
       COUNT(*) FILTER (WHERE action = 'reply'), COUNT(*) FILTER (WHERE action = 'like')
FROM activity WHERE day BETWEEN ? AND ? AND topic_id IS NOT NULL
GROUP BY topic_id ORDER BY reads DESC, topic_id LIMIT 10
"""
_TOP_MEMBERS = """
SELECT member_id, COUNT(*) FILTER (WHERE action IN ('topic', 'reply')) AS posts,
       COUNT(*) FILTER (WHERE action = 'like_received')
FROM activity WHERE day BETWEEN ? AND ?
GROUP BY member_id ORDER BY posts DESC, member_id LIMIT 10
"""


def baseline_once(path: Path, start: dt.date, end: dt.date) -> tuple[float, dict[str, Any]]:
    """The KPI section, top content and top creators as plain SQL over the raw actions."""
    import duckdb

    first = start - (end - start) - dt.timedelta(days=1)  # the days compared with too
    started = time.perf_counter()
    db = duckdb.connect(str(path), read_only=True)
    try:
        dau = dict(db.execute(_DAILY, [first, end]).fetchall())
        wau = dict(db.execute(_ROLLING.format(span=6), [first, end]).fetchall())
        mau = dict(db.execute(_ROLLING.format(span=29), [first, end]).fetchall())
        counts: dict[tuple[Any, str], int] = {
            (d, a): n for d, a, n in db.execute(_COUNTS, [first, end]).fetchall()
        }
        joined = dict(db.execute(_JOINED, [first, end]).fetchall())
        topics = db.execute(_TOP_TOPICS, [start, end]).fetchall()
        members = db.execute(_TOP_MEMBERS, [start, end]).fetchall()
    finally:
        db.close()
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    figures = {
        "dau": [dau.get(d, 0) for d in days],
        "wau": [wau.get(d, 0) for d in days],
        "mau": [mau.get(d, 0) for d in days],
        "stickiness": [round(dau.get(d, 0) / mau[d], 4) if mau.get(d) else 0 for d in days],
        "new_members": [joined.get(d, 0) for d in days],
        **{k: [counts.get((d, a), 0) for d in days] for k, a in COUNTED.items()},
        "top_topics": [int(r[0]) for r in topics],
        "top_members": [int(r[0]) for r in members],
    }
    return time.perf_counter() - started, figures


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement: the best")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    setup(args.out)
    django_ready()
    community_ready()
    path = args.out / f"analytics-v{FORMAT}-{args.members}-{args.days}.duckdb"
    generated_s, rollup_s = store_ready(path, args.members, args.days)
    import duckdb

    with duckdb.connect(str(path), read_only=True) as db:
        counts = db.execute(
            "SELECT (SELECT COUNT(*) FROM members), (SELECT COUNT(*) FROM activity)"
        )
        members, actions = (int(v) for v in counts.fetchone() or (0, 0))
    repeat = max(1, args.repeat)
    weekly = [report_once(path, "weekly", WEEK) for _ in range(repeat)]
    monthly = [report_once(path, "monthly", MONTH) for _ in range(repeat)]
    sections = weekly[0][1]
    result: dict[str, Any] = {
        "members": members,
        "actions": actions,
        "report_s": round(min(s for s, _r in weekly), 3),
        "report_first_s": round(weekly[0][0], 3),
        "monthly_s": round(min(s for s, _r in monthly), 3),
        "period": sections["label"],
        "has_data": sections["has_data"],
        "sections": {
            "kpis": len(sections["kpis"]),
            "goals": len(sections["goals"]),
            "channels": len(sections["channels"]),
            "cohorts": len(sections["cohorts"]),
            "top_content": len(sections["top_content"]),
            "top_creators": len(sections["top_creators"]),
            "kol_candidates": len(sections["kol_candidates"]),
            "anomalies": len(sections["anomalies"]),
        },
        "generated_s": generated_s,
        "rollup_build_s": rollup_s,
        "engine": "duckdb (embedded file), opened anew for each run, no cached results "
        f"(the best of {repeat})",
    }
    if not args.no_baseline:
        end = WEEK + dt.timedelta(days=6)
        runs = [baseline_once(path, WEEK, end) for _ in range(repeat)]
        baseline_s = min(s for s, _f in runs)
        figures = runs[0][1]
        kpis = {k["key"]: k["spark"] for k in sections["kpis"]}
        result["baseline_s"] = round(baseline_s, 3)
        result["speedup"] = (
            round(baseline_s / result["report_s"], 1) if result["report_s"] else None
        )
        result["baseline_agrees"] = all(
            [round(v or 0, 4) for v in kpis[key]] == [round(v, 4) for v in figures[key]]
            for key in ("dau", "wau", "mau", "new_members", *COUNTED)
        ) and figures["top_topics"] == [r["topic_id"] for r in sections["top_content"]]
        result["baseline"] = (
            "the weekly report's KPI section (10 metrics × 14 days), top content and top "
            "creators as straightforward SQL over the raw actions (COUNT(DISTINCT) per day, "
            "a range join for WAU/MAU, GROUP BY topic and member) on the same DuckDB file "
            "without its rollups, same run; the builder also computes goals, channels, "
            "cohorts, KOL candidates, moderation and anomalies"
        )
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
