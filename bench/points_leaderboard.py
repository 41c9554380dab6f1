"""The leaderboard part of ``bench/points.py``: page server time over precomputed scores.

Measured with Django's test Client (server time, no network): the all-time
and weekly pages for a visitor, a board's page, and a logged-in member's page
with their rank. The baseline, in the same run, computes the same ranking
straight from the ledger (GROUP BY member ORDER BY sum DESC LIMIT 50).

``python bench/points_leaderboard.py URL [--generate N]`` runs it on the
database at URL (generated with ``hearth generate`` first when it has no
members), after the points backfill and a leaderboard rebuild, and prints
one JSON object. ``bench/points.py --leaderboard-db URL`` calls it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(call: Any, runs: int, warmup: int) -> dict[str, float]:
    for _ in range(warmup):
        call()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 2),
    }


def page(client: Any, url: str, runs: int, warmup: int) -> dict[str, Any]:
    from django.db import connection

    def get() -> Any:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    executed: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = get()
    result: dict[str, Any] = {"url": url, **timed(get, runs, warmup)}
    result["queries"] = len(executed)
    result["rows"] = response.content.decode().count('data-testid="leaderboard-row"')
    return result


def baseline(runs: int) -> dict[str, Any]:
    """The same top 50 summed from the ledger on every request (all time and this week)."""
    from django.db.models import Sum
    from django.utils import timezone

    from hearth.gamification.leaderboards import local_zone, period_days
    from hearth.gamification.models import PointEntry

    start_day = period_days("week", timezone.now())
    assert start_day is not None
    week_start = timezone.make_aware(
        timezone.datetime.combine(start_day[0], timezone.datetime.min.time()), local_zone()
    )

    def top(entries: Any) -> list[Any]:
        return list(
            entries.values("member_id")
            .annotate(points=Sum("lifetime_amount"))
            .order_by("-points", "member_id")[:50]
        )

    return {
        "what": "ranking summed from the ledger per request: GROUP BY member ORDER BY sum LIMIT 50",
        "all": timed(lambda: top(PointEntry.objects.all()), runs, 1),
        "week": timed(lambda: top(PointEntry.objects.filter(created_at__gte=week_start)), runs, 1),
    }


def measure(*, runs: int, warmup: int, baseline_runs: int) -> dict[str, Any]:
    """Page timings on the current database (Django set up, scores in place)."""
    from django.db.models import Count
    from django.test import Client

    from hearth.accounts.models import User
    from hearth.community.models import Board, Visibility
    from hearth.gamification.leaderboards import RANK_CAP, leaderboard_rank_for
    from hearth.gamification.models import LeaderboardScore

    visitor = Client()
    report: dict[str, Any] = {
        "members": User.objects.count(),
        "score_rows": LeaderboardScore.objects.count(),
        "all": page(visitor, "/leaderboards/?period=all", runs, warmup),
        "week": page(visitor, "/leaderboards/?period=week", runs, warmup),
    }
    board = (
        Board.objects.filter(visibility=Visibility.PUBLIC)
        .annotate(n=Count("topics"))
        .order_by("-n")
        .first()
    )
    if board is not None:
        url = f"/leaderboards/?period=all&board={board.slug}"
        report["board"] = page(visitor, url, runs, warmup)
    scores = LeaderboardScore.objects.filter(period="all", board_id=0, points__gt=0)
    # a member far down the ranking: their rank count runs to the cap
    low = scores.order_by("points", "member_id").values_list("member_id", flat=True).first()
    if low is not None:
        member = Client()
        member.force_login(User.objects.get(pk=low))
        report["member"] = page(member, "/leaderboards/?period=all", runs, warmup)
        standing = leaderboard_rank_for(member_id=low, period="all")
        report["member"]["rank"] = standing.rank or f"{RANK_CAP}+"
    report["baseline"] = baseline(baseline_runs)
    return report


def ensure_generated(url: str, members: int) -> float | None:
    """Generate the data set into ``url`` when it has no members; the seconds it took."""
    import psycopg

    try:
        with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as conn:
            row = conn.execute("SELECT 1 FROM accounts_user LIMIT 1").fetchone()
    except (psycopg.OperationalError, psycopg.errors.UndefinedTable):
        row = None
    if row is not None:
        return None
    started = time.monotonic()
    subprocess.run(
        [
            str(Path(sys.executable).with_name("hearth")),
            "generate",
            "--members",
            str(members),
            "--database-url",
            url,
            "--no-progress",
            "--force",
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return round(time.monotonic() - started, 1)


def vacuum() -> None:
    """What autovacuum does after a bulk load: visibility map and planner statistics."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in (
            "gamification_leaderboardscore",
            "gamification_pointbalance",
            "accounts_user",
        ):
            cursor.execute(f"VACUUM ANALYZE {table}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("url")
    parser.add_argument("--generate", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--baseline-requests", type=int, default=5)
    parser.add_argument(
        "--measure-only", action="store_true", help="Skip the backfill and rebuild (done before)."
    )
    args = parser.parse_args()
    generated = ensure_generated(args.url, args.generate)
    from points import setup  # Django set up on that database, migrated

    setup(args.url)
    from hearth.gamification.services import leaderboards_rebuild, points_backfill

    done: dict[str, Any] = {}
    if not args.measure_only:
        summary = points_backfill()
        started = time.monotonic()
        rebuilt = leaderboards_rebuild()
        done = {
            "backfill_seconds": round(summary.seconds, 1),
            "backfill_entries": summary.total,
            "backfill_by_action": summary.entries,
            "rebuild_seconds": round(time.monotonic() - started, 1),
            "rebuild_rows": rebuilt,
        }
        vacuum()
    report = measure(runs=args.requests, warmup=args.warmup, baseline_runs=args.baseline_requests)
    report.update(
        {
            "database": args.url.split("@")[-1],
            "generate_seconds": generated,
            **done,
        }
    )
    print(json.dumps(report))


if __name__ == "__main__":
    main()
