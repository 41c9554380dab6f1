"""Leaderboard scores: moved with every ledger entry, rebuilt from the ledger after bulk loads.

A score counts the entries' lifetime points (rewards and positive
adjustments). A reversal takes its points back from the period and board of
the award it reverses, so withdrawing last week's like lowers last week's
score, not this week's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import CharField, F, IntegerField, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from hearth.gamification.leaderboards import period_key_expression, period_keys_for
from hearth.gamification.models import SITE_WIDE, LeaderboardScore, Period, PointEntry

_COLUMNS = ("period", "period_key", "board_id", "member_id", "points")


def _table() -> str:
    return connection.ops.quote_name(LeaderboardScore._meta.db_table)


def leaderboard_scores_add(
    *, member_id: int, board_id: int | None, at: dt.datetime, points: int
) -> None:
    """Add ``points`` to the member's site-wide rows (and the board's) of each period at ``at``.

    One upsert statement whatever the number of rows. Call it under the
    member's balance lock (as the ledger service does), so no two writers move
    one member's rows at once.
    """
    if not points:
        return
    scopes = [SITE_WIDE] if board_id is None else [SITE_WIDE, board_id]
    keys = period_keys_for(at)
    rows = [(period, key, scope) for scope in scopes for period, key in keys.items()]
    table = _table()
    values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(rows))
    params: list[Any] = []
    for period, key, scope in rows:
        params += [period, key, scope, member_id, points]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(_COLUMNS)}) VALUES {values} "  # noqa: S608 (no input)
            "ON CONFLICT (period, period_key, board_id, member_id) "
            f"DO UPDATE SET points = {table}.points + excluded.points",
            params,
        )


def leaderboard_entry_score(*, entry: PointEntry) -> None:
    """Move the scores for a freshly inserted ledger entry (called by the ledger service)."""
    if not entry.lifetime_amount:
        return
    at = entry.created_at
    if entry.reverses_id is not None:
        at = PointEntry.objects.values_list("created_at", flat=True).get(pk=entry.reverses_id)
    leaderboard_scores_add(
        member_id=entry.member_id, board_id=entry.board_id, at=at, points=entry.lifetime_amount
    )


def _insert_scores(period: str, *, by_board: bool, reversals: bool) -> int:
    """INSERT … SELECT the sums of one period for every member (site-wide or per board).

    Without reversals in the ledger (a fresh bulk load) the self-join that
    dates a reversal by its award is left out.
    """
    at = Coalesce(F("reverses__created_at"), F("created_at")) if reversals else F("created_at")
    board = Coalesce(F("reverses__board_id"), F("board_id")) if reversals else F("board_id")
    entries = PointEntry.objects.exclude(lifetime_amount=0).annotate(
        lb_at=at,
        lb_board=board if by_board else Value(SITE_WIDE, output_field=IntegerField()),
    )
    if by_board:
        entries = entries.filter(lb_board__isnull=False)
    sums = (
        entries.annotate(
            lb_period=Value(period, output_field=CharField()),
            lb_key=period_key_expression(period, F("lb_at")),
        )
        .values("lb_period", "lb_key", "lb_board", "member_id")
        .annotate(lb_points=Sum("lifetime_amount"))
        .exclude(lb_points=0)
        .values_list("lb_period", "lb_key", "lb_board", "member_id", "lb_points")
    )
    select, params = sums.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {_table()} ({', '.join(_COLUMNS)}) "  # noqa: S608 (ORM-built select)
            f"SELECT lb_period, lb_key, lb_board, member_id, lb_points FROM ({select}) lb_sums",
            params,
        )
        return max(int(cursor.rowcount), 0)


def leaderboards_rebuild(*, period: str | None = None) -> int:
    """Recompute the scores of ``period`` (default: every period) from the ledger.

    Set-based: one DELETE and two INSERT … SELECT per period (site-wide and per
    board), all in one transaction; returns the number of score rows written.
    On PostgreSQL the score table is locked against the ledger writers while
    it runs, so an award made meanwhile lands on the rebuilt rows.
    """
    if period is not None and period not in Period.values:
        raise ValidationError({"period": _("Unknown period: %(period)s.") % {"period": period}})
    periods = [period] if period else list(Period.values)
    written = 0
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {_table()} IN EXCLUSIVE MODE")
                cursor.execute("SET LOCAL work_mem = '256MB'")  # the sums group in memory
        reversals = PointEntry.objects.filter(reverses__isnull=False).exists()
        for chosen in periods:
            LeaderboardScore.objects.filter(period=chosen).delete()
            written += _insert_scores(chosen, by_board=False, reversals=reversals)
            written += _insert_scores(chosen, by_board=True, reversals=reversals)
    return written
