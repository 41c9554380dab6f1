"""Benchmark: the points ledger under 16 concurrent writers on PostgreSQL.

Run from the repository root::

    .venv/bin/python bench/points.py [--workers 16] [--shared 2000] [--own 500]

It drops and recreates the database named by DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/hearth_bench_points), migrates it and
creates members and rules with caps. Then ``--workers`` processes at once
each replay a shared list of events in their own order, plus events of
their own, through the real ``points_award``. The ledger is then checked
against what the rules allow: ``lost`` counts awards that should exist and
do not, ``duplicated`` awards beyond one per event or beyond a cycle's cap.

In the same run a naive version (check, then insert; read-modify-write of
the balance; no unique key and no lock), defined in this script only, replays
the same workload for the baseline. Prints one JSON object and nothing else.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/hearth_bench_points"
SEED = 20261125
START = dt.datetime(2026, 11, 24, 0, 0, tzinfo=dt.UTC)
# action → (points, cap per day); None: no cap
RULES: dict[str, tuple[int, int | None]] = {
    "reply_created": (2, None),
    "like_received": (1, 3),
    "topic_created": (5, 2),
}
Event = tuple[int, str, str, str]  # member id, action, source key, ISO time


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1"
    os.environ["DJANGO_SETTINGS_MODULE"] = "hearth.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def prepare(members: int) -> list[int]:
    from django.db import connection

    from hearth.accounts.models import User
    from hearth.gamification.services import point_rule_set

    for action, (points, cap) in RULES.items():
        point_rule_set(action=action, points=points, cycle="daily", cap=cap)
    User.objects.bulk_create(User(username=f"bench{n}", password="!") for n in range(members))
    with connection.cursor() as cur:
        cur.execute(
            "CREATE TABLE bench_naive_entry (id bigserial PRIMARY KEY, member_id bigint,"
            " action text, idem_key text, cycle_key text, amount int)"
        )
        cur.execute(
            "CREATE TABLE bench_naive_balance (member_id bigint PRIMARY KEY, spendable int)"
        )
    return list(User.objects.order_by("pk").values_list("pk", flat=True))


def make_events(rng: random.Random, members: list[int], count: int, prefix: str) -> list[Event]:
    actions = ["reply_created"] * 6 + ["like_received"] * 3 + ["topic_created"]
    events = []
    for n in range(count):
        at = START + dt.timedelta(hours=rng.randrange(48), minutes=rng.randrange(60))
        events.append((rng.choice(members), rng.choice(actions), f"{prefix}:{n}", at.isoformat()))
    return events


def run_real(events: list[Event]) -> int:
    from hearth.gamification.services import points_award

    made = 0
    for member_id, action, source, at in events:
        entry = points_award(
            member=member_id,
            action=action,
            source_key=source,
            occurred_at=dt.datetime.fromisoformat(at),
        )
        made += entry is not None
    return made


def run_naive(events: list[Event]) -> int:
    """Check, then insert; balance by read-modify-write; autocommit, no lock, no unique key."""
    from django.db import connection

    from hearth.gamification.cycles import cycle_key_for

    made = 0
    with connection.cursor() as cur:
        for member_id, action, source, at in events:
            points, cap = RULES[action]
            key = f"{action}|{member_id}|{source}"
            cycle = cycle_key_for("daily", dt.datetime.fromisoformat(at))
            cur.execute("SELECT count(*) FROM bench_naive_entry WHERE idem_key = %s", [key])
            if cur.fetchone()[0]:
                continue
            cur.execute(
                "SELECT count(*) FROM bench_naive_entry WHERE member_id = %s AND action = %s"
                " AND cycle_key = %s",
                [member_id, action, cycle],
            )
            if cap is not None and cur.fetchone()[0] >= cap:
                continue
            cur.execute(
                "INSERT INTO bench_naive_entry (member_id, action, idem_key, cycle_key, amount)"
                " VALUES (%s, %s, %s, %s, %s)",
                [member_id, action, key, cycle, points],
            )
            cur.execute(
                "SELECT spendable FROM bench_naive_balance WHERE member_id = %s", [member_id]
            )
            row = cur.fetchone()
            cur.execute(
                "INSERT INTO bench_naive_balance (member_id, spendable) VALUES (%s, %s)"
                " ON CONFLICT (member_id) DO UPDATE SET spendable = EXCLUDED.spendable",
                [member_id, (row[0] if row else 0) + points],
            )
            made += 1
    return made


def worker(args: tuple[str, list[Event]]) -> int:
    kind, events = args
    from django.db import connections

    try:
        return run_real(events) if kind == "real" else run_naive(events)
    finally:
        connections.close_all()


def expected_awards(all_events: list[Event]) -> Counter[tuple[int, str, str]]:
    """Awards per (member, action, day) that the rules allow: distinct events, capped."""
    from hearth.gamification.cycles import cycle_key_for

    distinct: dict[str, Event] = {}
    for event in all_events:
        distinct[f"{event[1]}|{event[0]}|{event[2]}"] = event
    groups: Counter[tuple[int, str, str]] = Counter()
    for member_id, action, _source, at in distinct.values():
        groups[(member_id, action, cycle_key_for("daily", dt.datetime.fromisoformat(at)))] += 1
    return Counter(
        {g: n if RULES[g[1]][1] is None else min(n, RULES[g[1]][1] or 0) for g, n in groups.items()}
    )


def compare(
    expected: Counter[tuple[int, str, str]], actual: Counter[tuple[int, str, str]]
) -> tuple[int, int]:
    lost = sum(max(0, n - actual[g]) for g, n in expected.items())
    duplicated = sum(max(0, n - expected[g]) for g, n in actual.items())
    return lost, duplicated


def check_real(expected: Counter[tuple[int, str, str]]) -> dict[str, Any]:
    from django.db.models import Count, Sum

    from hearth.gamification.models import PointBalance, PointEntry

    rows = PointEntry.objects.filter(kind="award").values("member_id", "action", "cycle_key")
    actual = Counter(
        {
            (r["member_id"], r["action"], r["cycle_key"]): r["n"]
            for r in rows.annotate(n=Count("id"))
        }
    )
    lost, duplicated = compare(expected, actual)
    sums = dict(PointEntry.objects.values_list("member_id").annotate(s=Sum("amount")))
    stored = dict(PointBalance.objects.values_list("member_id", "spendable"))
    mismatched = sum(1 for m in set(sums) | set(stored) if sums.get(m, 0) != stored.get(m, 0))
    return {"lost": lost, "duplicated": duplicated, "balances_mismatched": mismatched}


def check_naive(expected: Counter[tuple[int, str, str]]) -> dict[str, Any]:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT member_id, action, cycle_key, count(*) FROM bench_naive_entry"
            " GROUP BY member_id, action, cycle_key"
        )
        actual = Counter({(m, a, c): n for m, a, c, n in cur.fetchall()})
        cur.execute(
            "SELECT count(*) FROM (SELECT e.member_id FROM bench_naive_entry e GROUP BY e.member_id"
            " HAVING sum(e.amount) <> coalesce((SELECT b.spendable FROM bench_naive_balance b"
            " WHERE b.member_id = e.member_id), 0)) t"
        )
        mismatched = cur.fetchone()[0]
    lost, duplicated = compare(expected, actual)
    return {"lost": lost, "duplicated": duplicated, "balances_mismatched": mismatched}


def run_phase(kind: str, plans: list[list[Event]]) -> tuple[int, float]:
    from django.db import connections

    connections.close_all()  # children must not share the parent's socket
    context = multiprocessing.get_context("fork")
    started = time.perf_counter()
    with context.Pool(len(plans)) as pool:
        made = sum(pool.map(worker, [(kind, plan) for plan in plans]))
    return made, time.perf_counter() - started


def measure_leaderboard(args: argparse.Namespace) -> dict[str, Any]:
    """Leaderboard page timings: on the generated database when given, else on this run's data."""
    if args.leaderboard_db:
        done = subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "points_leaderboard.py"),
                args.leaderboard_db,
                "--generate",
                str(args.generate),
                "--requests",
                str(args.leaderboard_requests),
                *(["--measure-only"] if args.leaderboard_measure_only else []),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        result: dict[str, Any] = json.loads(done.stdout)
        return result
    from django.db import connections
    from points_leaderboard import measure

    connections.close_all()
    requests = args.leaderboard_requests
    return {"database": "this run", **measure(runs=requests, warmup=5, baseline_runs=requests)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--shared", type=int, default=2000)
    parser.add_argument("--own", type=int, default=500)
    parser.add_argument("--members", type=int, default=100)
    parser.add_argument(
        "--leaderboard-db",
        help="Measure the leaderboard on this generated PostgreSQL database (postgres://…), "
        "after the points backfill; generated first with --generate members when empty.",
    )
    parser.add_argument("--generate", type=int, default=1_000_000)
    parser.add_argument("--leaderboard-requests", type=int, default=50)
    parser.add_argument(
        "--leaderboard-measure-only",
        action="store_true",
        help="The --leaderboard-db database was backfilled by an earlier run: only measure.",
    )
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "").strip() or DEFAULT_URL
    recreate_database(url)
    setup(url)
    members = prepare(args.members)
    rng = random.Random(SEED)
    shared = make_events(rng, members, args.shared, "shared")
    plans = []
    for n in range(args.workers):
        mine = shared + make_events(random.Random(SEED + n + 1), members, args.own, f"w{n}")
        random.Random(SEED - n).shuffle(mine)
        plans.append(mine)
    calls = sum(len(p) for p in plans)
    expected = expected_awards([e for plan in plans for e in plan])

    made, seconds = run_phase("real", plans)
    real = check_real(expected)
    naive_made, naive_seconds = run_phase("naive", plans)
    naive = check_naive(expected)
    leaderboard = measure_leaderboard(args)
    report = {
        "workers": args.workers,
        "events": args.shared + args.workers * args.own,
        "calls": calls,
        "members": args.members,
        "expected_awards": sum(expected.values()),
        "awards": made,
        "lost": real["lost"],
        "duplicated": real["duplicated"],
        "balances_mismatched": real["balances_mismatched"],
        "awards_per_s": round(made / seconds, 1),
        "calls_per_s": round(calls / seconds, 1),
        "seconds": round(seconds, 2),
        "leaderboard_page_ms": leaderboard["all"]["median_ms"],
        "leaderboard_page_p95_ms": leaderboard["all"]["p95_ms"],
        "leaderboard": leaderboard,
        "baseline": {
            "what": "check-then-insert, read-modify-write balance, no unique key, no lock",
            "awards": naive_made,
            **naive,
            "awards_per_s": round(naive_made / naive_seconds, 1),
            "calls_per_s": round(calls / naive_seconds, 1),
            "seconds": round(naive_seconds, 2),
        },
        "database": "postgresql",
        "cpus": os.cpu_count(),
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
