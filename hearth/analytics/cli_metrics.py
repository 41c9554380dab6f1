"""``hearth analytics metrics | metric | anomalies``: the metric catalogue and anomaly alerts.

    hearth analytics metrics                      # every metric, built-in and custom
    hearth analytics metric --key completion_rate --period week --start 2026-01-05
    hearth analytics anomalies [--start D --end D] [--threshold 3] [--min-change 10]
                               [--min-change-ratio 0.05] [--format json|csv]

Run ``hearth analytics anomalies`` once a day from cron (it checks yesterday
by default and is idempotent).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import CommandError, OutputWrapper

from hearth.analytics.anomalies import anomalies_detect
from hearth.analytics.anomalies.method import MIN_CHANGE_COUNT, MIN_CHANGE_RATIO, THRESHOLD
from hearth.analytics.cli_output import date_argument, format_add, rows_render
from hearth.analytics.definitions import PERIODS
from hearth.analytics.metrics import metric_choices, metric_series
from hearth.analytics.queries.params import QueryError, window
from hearth.analytics.store.sync import today

COMMANDS = ("metrics", "metric", "anomalies")


def add_parsers(sub: Any) -> None:
    """Add the commands to ``hearth analytics``'s sub-parsers."""
    listing = sub.add_parser("metrics", help="Every metric: built-in and custom.")
    format_add(listing)
    one = sub.add_parser("metric", help="One metric per period, against the period before.")
    one.add_argument("--key", required=True, help="A metric's key (see `metrics`).")
    one.add_argument("--period", choices=PERIODS, default="day")
    one.add_argument("--start", type=date_argument, help="First day (default: 30 days to the end).")
    one.add_argument("--end", type=date_argument, help="Last day (default: today).")
    format_add(one)
    found = sub.add_parser("anomalies", help="Find anomalies on the key metrics (idempotent).")
    found.add_argument("--start", type=date_argument, help="First day (default: yesterday).")
    found.add_argument("--end", type=date_argument, help="Last day (default: the start).")
    found.add_argument(
        "--threshold", type=float, default=THRESHOLD, help="Band half-width, in robust spreads."
    )
    found.add_argument(
        "--min-change",
        type=float,
        default=MIN_CHANGE_COUNT,
        help="Smallest difference from expected that counts (counts).",
    )
    found.add_argument(
        "--min-change-ratio",
        type=float,
        default=MIN_CHANGE_RATIO,
        help="The same for ratios (0.05 = 5 percentage points).",
    )
    format_add(found)


def run(options: dict[str, Any], stdout: OutputWrapper) -> None:
    name = options["analysis"]
    try:
        rows = {"metrics": _metrics, "metric": _metric, "anomalies": _anomalies}[name](options)
    except QueryError as exc:
        raise CommandError(str(exc)) from exc
    stdout.write(rows_render(name, rows, options["format"]), ending="")


def _metrics(options: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "key": m.key,
            "name": m.label,
            "kind": m.kind,
            "custom": m.custom,
            "numerator": m.numerator,
            "denominator": m.denominator,
            "unit": m.unit if m.custom else "",
        }
        for m in metric_choices()
    ]


def _metric(options: dict[str, Any]) -> list[dict[str, Any]]:
    end = options.get("end") or today()
    start = options.get("start") or end - dt.timedelta(days=29)
    series = metric_series(
        key=options["key"], window=window(start=start, end=end), period=options["period"]
    )
    return [
        {
            "period": point.start,
            "value": point.value,
            "previous": before,
            "numerator": point.numerator,
            "denominator": point.denominator,
        }
        for point, before in series.compared()
    ]


def _anomalies(options: dict[str, Any]) -> list[dict[str, Any]]:
    start = options.get("start") or today() - dt.timedelta(days=1)
    end = options.get("end") or start
    report = anomalies_detect(
        start=start,
        end=end,
        threshold=options["threshold"],
        min_change_count=options["min_change"],
        min_change_ratio=options["min_change_ratio"],
    )
    return [
        {
            "metric": a.metric,
            "day": a.day,
            "value": a.value,
            "expected": a.expected,
            "low": a.low,
            "high": a.high,
            "score": a.score,
            "status": a.status,
            "explanation": "; ".join(
                f"{e['dimension']}={e['value']} ({e['gap']:+g})" for e in a.explanation
            ),
        }
        for a in report.alerts
    ]
