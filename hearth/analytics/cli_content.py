"""``hearth analytics content | reading | unanswered``: content and reading analyses, JSON or CSV.

    hearth analytics content --start 2026-03-01 --end 2026-03-31       # UGC/PGC, reply speed per board
    hearth analytics reading [--heatmap] --tz Asia/Tokyo --format csv  # dwell and depth, or weekday × hour
    hearth analytics unanswered --limit 50                              # the oldest unanswered topics

Each brings the store up to date first (``--no-sync`` skips it). The default
range is the last 30 days; ``--tz`` cuts the heatmap's hours and days.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import CommandError, OutputWrapper
from django.utils import timezone

from hearth.analytics.cli_output import date_argument, format_add, rows_render, store_open
from hearth.analytics.queries.content import ContentMix, EngagedMembers
from hearth.analytics.queries.params import QueryError, Window, window
from hearth.analytics.queries.reading import (
    DEPTH_BUCKETS,
    DWELL_BUCKETS,
    HOURS,
    WEEKDAYS,
    DepthRow,
    ReadDepth,
    ReadingHeatmap,
)
from hearth.analytics.queries.replies import ReplySpeed, UnansweredTopics
from hearth.analytics.store.engine import Engine
from hearth.analytics.store.sync import today

COMMANDS = ("content", "reading", "unanswered")
DEFAULT_DAYS = 30


def add_parsers(sub: Any) -> None:
    """Add the commands to ``hearth analytics``'s sub-parsers."""
    helps = {
        "content": "UGC/PGC shares, time to first reply and unanswered topics per board.",
        "reading": "Reading time and read depth per board, or reads by weekday and hour.",
        "unanswered": "The oldest topics still without a reply by someone else.",
    }
    for name in COMMANDS:
        cmd = sub.add_parser(name, help=helps[name])
        cmd.add_argument(
            "--start", type=date_argument, help="First day (default: 30 days to the end)."
        )
        cmd.add_argument("--end", type=date_argument, help="Last day (default: today).")
        cmd.add_argument(
            "--tz", help="Time zone that cuts hours and days (default: the community's)."
        )
        format_add(cmd, sync=True)
        if name == "reading":
            cmd.add_argument("--heatmap", action="store_true", help="Reads by weekday × hour.")
        if name == "unanswered":
            cmd.add_argument("--limit", type=int, default=20, help="How many topics (1–500).")


def run(options: dict[str, Any], stdout: OutputWrapper) -> None:
    name = options["analysis"]
    end = options.get("end") or today()
    start = options.get("start") or end - dt.timedelta(days=DEFAULT_DAYS - 1)
    try:
        win = window(start=start, end=end, tz=options.get("tz"))
        with store_open(options) as engine:
            rows = _ROWS[name](engine, win, options)
    except QueryError as exc:
        raise CommandError(str(exc)) from exc
    stdout.write(rows_render(name, rows, options["format"], empty=("board_id",)), ending="")


def _content(engine: Engine, win: Window, options: dict[str, Any]) -> list[dict[str, Any]]:
    mix = ContentMix(win).run(engine)
    speed = ReplySpeed(win).run(engine)
    engaged = EngagedMembers(win).run(engine)
    mixes = {r.board_id: r for r in [*mix.boards, mix.total]}
    speeds = {r.board_id: r for r in [*speed.boards, speed.total]}
    boards = sorted(b for b in set(mixes) | set(speeds) if b is not None)
    rows = []
    for board in [*boards, None]:
        m, s = mixes.get(board), speeds.get(board)
        rows.append(
            {
                "board_id": board if board is not None else "all",
                "topics": m.topics if m else 0,
                "ugc_topics": m.ugc_topics if m else 0,
                "pgc_topics": m.pgc_topics if m else 0,
                "pgc_topic_share": m.pgc_topic_share if m else None,
                "reads": m.reads if m else 0,
                "ugc_reads": m.ugc_reads if m else 0,
                "pgc_reads": m.pgc_reads if m else 0,
                "pgc_read_share": m.pgc_read_share if m else None,
                "new_topics": s.topics if s else 0,
                "answered": s.answered if s else 0,
                "unanswered": s.unanswered if s else 0,
                "answered_within_1h": s.hour_share if s else None,
                "answered_within_24h": s.day_share if s else None,
                "median_first_reply_hours": s.median_hours if s else None,
                "p90_first_reply_hours": s.p90_hours if s else None,
                "engaged_members": engaged.engaged if board is None else None,
                "active_members": engaged.active if board is None else None,
                "engaged_share": engaged.share if board is None else None,
            }
        )
    return rows


def _depth_row(row: DepthRow) -> dict[str, Any]:
    found: dict[str, Any] = {
        "board_id": row.board_id if row.board_id is not None else "all",
        "reads": row.reads,
        "median_dwell_seconds": row.median_dwell,
        "p90_dwell_seconds": row.p90_dwell,
        "reads_with_depth": row.with_depth,
        "median_depth": row.median_depth,
        "mean_depth": row.mean_depth,
        "finished_share": row.finished_share,
    }
    found.update(
        {f"dwell_{low}s": n for low, n in zip(DWELL_BUCKETS, row.dwell_buckets, strict=True)}
    )
    found.update(
        {f"depth_{low}": n for low, n in zip(DEPTH_BUCKETS, row.depth_buckets, strict=True)}
    )
    return found


def _reading(engine: Engine, win: Window, options: dict[str, Any]) -> list[dict[str, Any]]:
    if options.get("heatmap"):
        heat = ReadingHeatmap(win).run(engine)
        return [
            {"weekday": d + 1, "hour": h, "reads": heat.cells[d][h]}
            for d in range(WEEKDAYS)
            for h in range(HOURS)
        ]
    depth = ReadDepth(win).run(engine)
    return [_depth_row(r) for r in [*depth.boards, depth.total]]


def _unanswered(engine: Engine, win: Window, options: dict[str, Any]) -> list[dict[str, Any]]:
    found = UnansweredTopics(win, limit=options["limit"]).run(engine)
    now = timezone.now()
    return [
        {
            "topic_id": t.topic_id,
            "board_id": t.board_id,
            "kind": t.kind,
            "created_at": t.created_at.isoformat(),
            "age_hours": t.age_hours(now),
        }
        for t in found.oldest
    ]


_ROWS = {"content": _content, "reading": _reading, "unanswered": _unanswered}
