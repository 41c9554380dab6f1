"""The baseline of ``bench/analytics.py``: each analysis as straightforward SQL on SQLite over
the raw actions (``COUNT(DISTINCT …) GROUP BY``, a range join for the rolling MAU,
self-joins for lifecycle, temporary tables for funnel steps), with what SQL lacks
(medians, the anomaly method) done in Python on the rows it returns.

The windows are those of the measured query objects (:data:`SPANS`).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from analytics_data import END, GENERATED

Rows = list[tuple[Any, ...]]


def _day(days_before: int) -> dt.date:
    return END - dt.timedelta(days=days_before)


# the windows of the new analyses: (first day, last day)
SPANS = {
    "recent": (_day(29), END),  # the pages' default 30 days: content, reading, stickiness
    "funnel": (_day(36), _day(7)),  # sign-ups of 30 days, each followed for 7 days
    "custom": (_day(89), END),  # 90 days, weekly, against the 90 before
    "anomalies": (_day(89), END),  # every day of 90 checked
    "segment_joined": (dt.date(2026, 10, 1), dt.date(2026, 10, 31)),
}
SEGMENT_CHANNEL = "seo"
SEGMENT_INACTIVE_DAYS = 14
FUNNEL_WITHIN_DAYS = 7
FUNNEL_STEPS = (
    ("sign_up", 1),
    ("profile_complete", 1),
    ("follow", 3),
    ("read", 1),
    ("like", 1),
    ("reply", 1),
    ("topic", 1),
)
CUSTOM = ("course_completed", "course_enrolled")  # numerator, denominator
ANOMALY_HISTORY_DAYS = 49  # 6 weeks of the same weekday, and the 7 days of the level
ACTIVE = "action IN ({})".format(",".join(f"'{a}'" for a in GENERATED))


@dataclass(frozen=True)
class Baseline:
    sql: str  # statements separated by ";"
    scale: float = 1.0  # the time is multiplied by this (a sample measured)
    post: Callable[[list[Rows]], object] | None = None  # Python on the statements' rows


def measure(target: Any, baselines: dict[str, Baseline]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for name, baseline in baselines.items():
        db = sqlite3.connect(target)
        started = time.perf_counter()
        results = [db.execute(s).fetchall() for s in baseline.sql.split(";") if s.strip()]
        if baseline.post is not None:
            baseline.post(results)
        seconds = (time.perf_counter() - started) * baseline.scale
        db.close()
        found[name] = {"baseline_s": round(seconds, 2)}
        if baseline.scale != 1.0:
            found[name]["baseline_scaled_by"] = round(baseline.scale, 1)
    return found


def original(days: int, mau_sample: int) -> dict[str, Baseline]:
    """The issue's six analyses."""
    end = END.isoformat()
    start = _day(days - 1).isoformat()
    step = max(1, days // mau_sample)
    sample = ",".join(f"('{_day(i).isoformat()}')" for i in range(0, days, step))
    sampled = len(range(0, days, step))
    cohort_end = _day(12 * 7).isoformat()
    cohort_start = _day(24 * 7 - 1).isoformat()
    week = "CAST((julianday({d}) - julianday('1970-01-05')) / 7 AS INTEGER)"
    return {
        "dau_series_365d": Baseline(
            f"SELECT day, COUNT(DISTINCT member_id) FROM activity WHERE {ACTIVE} "
            f"AND day BETWEEN '{start}' AND '{end}' GROUP BY day"
        ),
        "mau_rolling_365d": Baseline(
            f"WITH days(d) AS (VALUES {sample}) SELECT d, COUNT(DISTINCT member_id) FROM days "
            f"JOIN activity ON activity.day BETWEEN date(d, '-29 days') AND d WHERE {ACTIVE} "
            "GROUP BY d",
            days / sampled,
        ),
        "retention_weekly_12": Baseline(
            f"SELECT {week.format(d='m.joined_day')} AS c, "
            f"{week.format(d='a.day')} - {week.format(d='m.joined_day')} AS n, "
            "COUNT(DISTINCT a.member_id) FROM members m JOIN activity a ON a.member_id = m.member_id "
            f"WHERE m.joined_day BETWEEN '{cohort_start}' AND '{cohort_end}' AND a.{ACTIVE} "
            "GROUP BY c, n HAVING n BETWEEN 0 AND 12"
        ),
        "lifecycle_weekly": Baseline(
            # member-weeks kept in a temporary table with an index, then this week against
            # the week before (new or resurrecting vs returning) and the week after (dormant)
            f"CREATE TEMP TABLE mw AS SELECT DISTINCT member_id, {week.format(d='day')} AS w "
            f"FROM activity WHERE {ACTIVE};"
            "CREATE INDEX mw_member_week ON mw (member_id, w);"
            "SELECT cur.w, SUM(prev.member_id IS NOT NULL), SUM(prev.member_id IS NULL) "
            "FROM mw cur LEFT JOIN mw prev ON prev.member_id = cur.member_id AND prev.w = cur.w - 1 "
            "GROUP BY cur.w;"
            "SELECT cur.w + 1, COUNT(*) FROM mw cur LEFT JOIN mw nxt "
            "ON nxt.member_id = cur.member_id AND nxt.w = cur.w + 1 WHERE nxt.member_id IS NULL "
            "GROUP BY cur.w"
        ),
        "channel_table": Baseline(
            "SELECT m.channel, COUNT(DISTINCT m.member_id), "
            "COUNT(DISTINCT CASE WHEN a.day = date(m.joined_day, '+1 day') THEN a.member_id END), "
            "COUNT(DISTINCT CASE WHEN a.day = date(m.joined_day, '+7 days') THEN a.member_id END), "
            "COUNT(DISTINCT CASE WHEN a.day = date(m.joined_day, '+30 days') THEN a.member_id END) "
            "FROM members m LEFT JOIN activity a ON a.member_id = m.member_id "
            f"WHERE m.joined_day BETWEEN date('{end}', '-120 days') AND date('{end}', '-31 days') "
            "GROUP BY m.channel"
        ),
        "board_health": Baseline(
            "SELECT board_id, "
            f"SUM(CASE WHEN action = 'read' AND day > date('{end}', '-30 days') THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN action = 'read' AND day <= date('{end}', '-30 days') THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN action IN ('topic','reply') AND day > "
            f"date('{end}', '-30 days') THEN 1 ELSE 0 END), "
            f"COUNT(DISTINCT CASE WHEN day > date('{end}', '-30 days') THEN member_id END) "
            f"FROM activity WHERE day > date('{end}', '-60 days') GROUP BY board_id"
        ),
    }


def added() -> dict[str, Baseline]:
    """The analyses added since: segments, funnels, stickiness, content, reading, custom
    metrics and anomalies."""
    first, last = (d.isoformat() for d in SPANS["recent"])
    joined_from, joined_to = (d.isoformat() for d in SPANS["segment_joined"])
    return {
        "segment_count": Baseline(
            "SELECT COUNT(*) FROM members m "
            f"WHERE m.channel = '{SEGMENT_CHANNEL}' AND m.joined_day BETWEEN '{joined_from}' "
            f"AND '{joined_to}' AND NOT EXISTS (SELECT 1 FROM activity a "
            f"WHERE a.member_id = m.member_id AND a.{ACTIVE} AND a.day BETWEEN "
            f"'{_day(SEGMENT_INACTIVE_DAYS - 1).isoformat()}' AND '{END.isoformat()}')"
        ),
        "funnel_onboarding": Baseline(_funnel_sql(breakdown=False), post=_funnel_medians),
        "funnel_by_channel": Baseline(_funnel_sql(breakdown=True), post=_funnel_medians),
        "stickiness_30d": Baseline(
            "SELECT n, COUNT(*) FROM (SELECT member_id, COUNT(DISTINCT day) AS n FROM activity "
            f"WHERE {ACTIVE} AND day BETWEEN '{first}' AND '{last}' GROUP BY member_id) "
            "GROUP BY n"
        ),
        "content_mix_reply_speed": Baseline(_content_sql(first, last), post=_reply_speed),
        "reading_heatmap_30d": Baseline(
            "SELECT CAST(strftime('%w', occurred_at, '+8 hours') AS INTEGER) AS wd, "
            "CAST(strftime('%H', occurred_at, '+8 hours') AS INTEGER) AS h, COUNT(*) "
            "FROM activity WHERE action = 'read' AND day BETWEEN "
            f"date('{first}', '-1 day') AND date('{last}', '+1 day') "
            f"AND date(occurred_at, '+8 hours') BETWEEN '{first}' AND '{last}' GROUP BY wd, h"
        ),
        "custom_ratio_weekly": Baseline(_custom_sql(), post=_ratios),
        "anomalies_90d": Baseline(_anomaly_sql(), post=_anomalies),
    }


def _nth(action: str, times: int, among: str) -> str:
    """Each member's ``times``-th ``action``, for the members of temp table ``among`` (read
    through the log's member index)."""
    rows = f"FROM {among} p JOIN activity a ON a.member_id = p.member_id AND a.action = '{action}'"
    if times == 1:
        return f"SELECT a.member_id, MIN(a.occurred_at) AS t {rows} GROUP BY a.member_id"
    return (
        "SELECT member_id, occurred_at AS t FROM (SELECT a.member_id, a.occurred_at, "
        "ROW_NUMBER() OVER (PARTITION BY a.member_id ORDER BY a.occurred_at) AS n "
        f"{rows}) WHERE n = {times}"
    )


def _funnel_sql(*, breakdown: bool) -> str:
    first, last = (d.isoformat() for d in SPANS["funnel"])
    group = "m.channel" if breakdown else "''"
    statements = [
        "CREATE TEMP TABLE s0 AS SELECT f.member_id, f.t, f.t AS t0, f.t AS prev_t, "
        f"{group} AS grp FROM (SELECT member_id, MIN(occurred_at) AS t FROM activity "
        "WHERE action = 'sign_up' GROUP BY member_id) f "
        + ("LEFT JOIN members m ON m.member_id = f.member_id " if breakdown else "")
        + f"WHERE date(f.t, '+8 hours') BETWEEN '{first}' AND '{last}';"
        "CREATE INDEX s0_member ON s0 (member_id)"
    ]
    for k, (action, times) in enumerate(FUNNEL_STEPS[1:], start=1):
        statements.append(
            f"CREATE TEMP TABLE s{k} AS SELECT p.member_id, MIN(x.t) AS t, p.t0, p.t AS prev_t, "
            f"p.grp FROM s{k - 1} p JOIN ({_nth(action, times, f's{k - 1}')}) x "
            "ON x.member_id = p.member_id WHERE x.t >= p.t AND x.t <= "
            f"strftime('%Y-%m-%d %H:%M:%f', p.t0, '+{FUNNEL_WITHIN_DAYS} days') "
            f"GROUP BY p.member_id;CREATE INDEX s{k}_member ON s{k} (member_id)"
        )
    for k in range(len(FUNNEL_STEPS)):
        statements.append(
            f"SELECT {k}, grp, (julianday(t) - julianday(prev_t)) * 24 FROM s{k} ORDER BY grp"
        )
    return ";".join(statements)


def _funnel_medians(results: list[Rows]) -> object:
    """Members and median hours per step and group."""
    found = {}
    for rows in results[-len(FUNNEL_STEPS) :]:
        groups: dict[tuple[int, str], list[float]] = {}
        for step, grp, hours in rows:
            groups.setdefault((step, grp), []).append(hours)
        for key, hours in groups.items():
            found[key] = (len(hours), statistics.median(hours))
    return found


def _content_sql(first: str, last: str) -> str:
    window = f"BETWEEN '{first}' AND '{last}'"
    return (
        "SELECT board_id, kind, COUNT(*) FROM topics "
        f"WHERE status = 'published' AND created_day {window} GROUP BY board_id, kind;"
        "SELECT t.board_id, t.kind, COUNT(*) FROM activity a JOIN topics t "
        f"ON t.topic_id = a.topic_id WHERE a.action = 'read' AND a.day {window} "
        "GROUP BY t.board_id, t.kind;"
        "SELECT t.board_id, (julianday(f.first_at) - julianday(t.created_at)) * 86400 "
        "FROM topics t LEFT JOIN (SELECT r.topic_id, MIN(r.occurred_at) AS first_at "
        "FROM activity r JOIN topics o ON o.topic_id = r.topic_id "
        "WHERE r.action = 'reply' AND r.member_id <> o.author_id GROUP BY r.topic_id) f "
        f"ON f.topic_id = t.topic_id WHERE t.status = 'published' AND t.created_day {window}"
    )


def _reply_speed(results: list[Rows]) -> object:
    """Per board and in all: topics, answered, within 1 h / 24 h, median and p90 seconds."""
    boards: dict[Any, list[float | None]] = {}
    for board, waited in results[2]:
        boards.setdefault(board, []).append(waited)
        boards.setdefault(None, []).append(waited)
    found = {}
    for board, waits in boards.items():
        answered = sorted(w for w in waits if w is not None)
        p90 = (
            statistics.quantiles(answered, n=10, method="inclusive")[-1]
            if len(answered) > 1
            else None
        )
        found[board] = (
            len(waits),
            len(answered),
            sum(w <= 3600 for w in answered),
            sum(w <= 86400 for w in answered),
            statistics.median(answered) if answered else None,
            p90,
        )
    return found


def _custom_sql() -> str:
    first, last = SPANS["custom"]
    before = first - (last - first) - dt.timedelta(days=1)
    actions = ",".join(f"'{a}'" for a in CUSTOM)
    return (
        "SELECT date(day, 'weekday 0', '-6 days') AS p, action, COUNT(*) FROM activity "
        f"WHERE action IN ({actions}) AND day BETWEEN '{before.isoformat()}' "
        f"AND '{last.isoformat()}' GROUP BY p, action"
    )


def _ratios(results: list[Rows]) -> object:
    counts = {(p, a): n for p, a, n in results[0]}
    weeks = sorted({p for p, _a in counts})
    numerator, denominator = CUSTOM
    return {
        w: counts.get((w, numerator), 0) / counts[(w, denominator)]
        for w in weeks
        if counts.get((w, denominator))
    }


def _anomaly_sql() -> str:
    first, last = SPANS["anomalies"]
    since = (first - dt.timedelta(days=ANOMALY_HISTORY_DAYS)).isoformat()
    days = f"BETWEEN '{since}' AND '{last.isoformat()}'"
    counted = ",".join(f"'{a}'" for a in ("read", "reply", "topic", "share", *CUSTOM))
    return (
        f"SELECT day, COUNT(DISTINCT member_id) FROM activity WHERE {ACTIVE} AND day {days} "
        "GROUP BY day;"
        f"SELECT joined_day, COUNT(*) FROM members WHERE joined_day {days} GROUP BY joined_day;"
        f"SELECT day, action, COUNT(*) FROM activity WHERE action IN ({counted}) "
        f"AND day {days} GROUP BY day, action"
    )


def _anomalies(results: list[Rows]) -> object:
    """The same method (hearth.analytics.anomalies.method) on each daily series."""
    from hearth.analytics.anomalies.method import expectation, is_anomaly

    series: dict[str, dict[dt.date, float | None]] = {"dau": {}, "new_members": {}}
    for day, n in results[0]:
        series["dau"][dt.date.fromisoformat(day)] = float(n)
    for day, n in results[1]:
        series["new_members"][dt.date.fromisoformat(day)] = float(n)
    for day, action, n in results[2]:
        series.setdefault(action, {})[dt.date.fromisoformat(day)] = float(n)
    numerator, denominator = (series.get(a, {}) for a in CUSTOM)
    series["completion"] = {
        d: (numerator.get(d) or 0.0) / v if v else None for d, v in denominator.items()
    }
    first, last = SPANS["anomalies"]
    flagged = []
    for name, values in series.items():
        if name in CUSTOM:
            continue
        day = first
        while day <= last:
            value, found = values.get(day, 0.0), expectation(values, day)
            minimum = 0.05 if name == "completion" else 10.0
            if value is not None and found and is_anomaly(value, found, min_change=minimum):
                flagged.append((name, day))
            day += dt.timedelta(days=1)
    return flagged
