"""``hearth analytics``: every analysis on the command line, as JSON or CSV.

    hearth analytics dau --start 2026-01-01 --end 2026-03-31 --actions topic,reply --format csv
    hearth analytics retention --period week --format json
    hearth analytics lifecycle --period week
    hearth analytics trend --metric read --breakdown region --period week
    hearth analytics funnel --steps sign_up,follow:3,read,reply --within 7
    hearth analytics boards [--board ID --metric read]
    hearth analytics stickiness_distribution --period day
    hearth analytics segment (--id ID | --name NAME | --definition JSON) [--members]
    hearth analytics sync | rebuild | backfill

Every analysis first brings the store up to date with the activity log
(incremental; ``--no-sync`` skips it).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
from typing import Any

from django.core.management.base import CommandError, OutputWrapper
from django.utils.translation import gettext as _

from hearth.analytics.cli_output import date_argument, format_add, rows_render
from hearth.analytics.definitions import DIMENSIONS, PERIODS, ROLLING_WINDOWS
from hearth.analytics.queries.active import ActiveMembers, Stickiness
from hearth.analytics.queries.base import AnalyticsQuery
from hearth.analytics.queries.boards import BoardDrilldown, BoardHealth, BoardRow
from hearth.analytics.queries.contribution import Contribution
from hearth.analytics.queries.funnel import BREAKDOWNS as FUNNEL_BREAKDOWNS
from hearth.analytics.queries.funnel import Funnel, Step
from hearth.analytics.queries.lifecycle import Lifecycle
from hearth.analytics.queries.params import QueryError, window
from hearth.analytics.queries.retention import COHORT_BY, MODES, Retention
from hearth.analytics.queries.stickiness import StickinessDistribution
from hearth.analytics.queries.trends import Trend, TrendResult
from hearth.analytics.store.locate import open_store
from hearth.analytics.store.sync import store_rebuild, store_sync, today

SERIES = (*ROLLING_WINDOWS, "stickiness")
ANALYSES = (*SERIES, "retention", "lifecycle", "trend", "funnel", "boards")
ANALYSES += ("stickiness_distribution",)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="analysis", required=True)
    from hearth.analytics.segments import cli as segment_cli  # hearth analytics segment

    segment_cli.add_parser(sub)
    from hearth.analytics import cli_metrics  # hearth analytics metrics | metric | anomalies

    cli_metrics.add_parsers(sub)
    from hearth.analytics import cli_content  # hearth analytics content | reading | unanswered

    cli_content.add_parsers(sub)
    sub.add_parser("sync", help="Copy new activity into the store (incremental).")
    sub.add_parser("rebuild", help="Rebuild the store and its rollups from the activity log.")
    sub.add_parser(
        "backfill", help="Add to the activity log what rows written in bulk show (idempotent)."
    )
    for name in ANALYSES:
        cmd = sub.add_parser(name, help=f"The {name} analysis.")
        cmd.add_argument(
            "--start", type=date_argument, help="First day (default: by the analysis)."
        )
        cmd.add_argument("--end", type=date_argument, help="Last day (default: today).")
        cmd.add_argument("--actions", help="Comma-separated actions that count as active.")
        cmd.add_argument("--tz", help="Time zone that cuts days (default: the community's).")
        format_add(cmd, sync=True)
        if name in ("retention", "lifecycle", "stickiness_distribution"):
            cmd.add_argument("--period", choices=PERIODS, default="week")
        if name == "retention":
            cmd.add_argument("--periods", type=int, default=12)
            cmd.add_argument("--mode", choices=MODES, default="n_period")
            cmd.add_argument("--cohort-by", choices=COHORT_BY, default="joined")
        if name == "trend":
            cmd.add_argument("--metric", default="active", help="active, new_members or an action.")
            cmd.add_argument("--breakdown", choices=DIMENSIONS)
            cmd.add_argument("--period", choices=PERIODS, default="day")
        if name == "funnel":
            cmd.add_argument(
                "--steps",
                default="sign_up,follow:3,read,like,reply,topic",
                help="Comma-separated actions, each optionally :N (the N-th time).",
            )
            cmd.add_argument("--within", type=int, default=7, help="Days after the first step.")
            cmd.add_argument("--breakdown", choices=FUNNEL_BREAKDOWNS, help="Steps per segment.")
        if name == "boards":
            cmd.add_argument(
                "--board", type=int, help="One board's drill-down: who made its change."
            )
            cmd.add_argument("--metric", choices=("read", "topic", "reply"), default="read")


def run(options: dict[str, Any], stdout: OutputWrapper) -> None:
    name = options["analysis"]
    if name == "segment":
        from hearth.analytics.segments import cli as segment_cli

        segment_cli.run(options, stdout)
        return
    if name == "backfill":
        from hearth.analytics.backfill import activity_backfill

        stdout.write(json.dumps(dataclasses.asdict(activity_backfill())))
        return
    if name in ("metrics", "metric", "anomalies"):
        from hearth.analytics import cli_metrics

        cli_metrics.run(options, stdout)
        return
    if name in ("content", "reading", "unanswered"):
        from hearth.analytics import cli_content

        cli_content.run(options, stdout)
        return
    with open_store() as engine:
        if name in ("sync", "rebuild"):
            report = (store_rebuild if name == "rebuild" else store_sync)(engine)
            stdout.write(json.dumps(dataclasses.asdict(report)))
            return
        if not options.get("no_sync"):
            store_sync(engine)
        try:
            query = _query(name, options)
            rows = _rows(query.run(engine))
        except QueryError as exc:
            raise CommandError(str(exc)) from exc
    stdout.write(rows_render(name, rows, options["format"], empty=("day", "value")), ending="")


def _query(name: str, options: dict[str, Any]) -> AnalyticsQuery[Any]:
    end = options.get("end") or today()
    default_days = {"retention": 7 * 12, "lifecycle": 7 * 12}.get(name, 30)
    start = options.get("start") or end - dt.timedelta(days=default_days - 1)
    actions = options.get("actions")
    chosen = [a.strip() for a in actions.split(",") if a.strip()] if actions else None
    if actions is not None and not chosen:
        raise QueryError(_("Choose at least one action that counts as active."))
    win = window(start=start, end=end, actions=chosen, tz=options.get("tz"))
    if name in ROLLING_WINDOWS:
        return ActiveMembers.named(name, win)
    if name == "stickiness":
        return Stickiness(win)
    if name == "retention":
        return Retention(
            win,
            period=options["period"],
            periods=options["periods"],
            mode=options["mode"],
            cohort_by=options["cohort_by"],
        )
    if name == "trend":
        return Trend(
            win,
            metric=options["metric"],
            breakdown=options.get("breakdown"),
            period=options["period"],
        )
    if name == "funnel":
        return Funnel(
            win,
            steps=_steps(options["steps"]),
            within_days=options["within"],
            breakdown=options.get("breakdown"),
        )
    if name == "boards":
        if options.get("board") is not None:
            return BoardDrilldown(win, board_id=options["board"], metric=options["metric"])
        return BoardHealth(win)
    if name == "stickiness_distribution":
        return StickinessDistribution(win, period=options["period"])
    return Lifecycle(win, period=options["period"])


def _steps(text: str) -> tuple[Step, ...]:
    steps = []
    for part in (p.strip() for p in text.split(",") if p.strip()):
        action, _sep, times = part.partition(":")
        if times and not times.isdigit():
            raise QueryError(_("Unknown funnel step: %(s)s.") % {"s": part})
        steps.append(Step(action, int(times) if times else 1))
    return tuple(steps)


def _rows(result: Any) -> list[dict[str, Any]]:
    if isinstance(result, TrendResult):
        return [
            {"series": series.name, "period": period, "value": value}
            for series in result.series
            for period, value in series.points.items()
        ]
    rows: list[dict[str, Any]] = []
    for item in result:
        row = dataclasses.asdict(item)
        if "retained" in row:
            row["rates"] = item.rates
        if isinstance(item, BoardRow):
            row["reads_change"] = item.reads_change
        if isinstance(item, Contribution):
            row["gap"] = item.gap
        rows.append(row)
    return rows
