"""Each board's daily count of one action over a window (the board health page's sparklines)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from sqlglot import exp

from hearth.analytics.queries.base import AnalyticsQuery
from hearth.analytics.queries.boards import POSTS
from hearth.analytics.queries.params import QueryError, Window
from hearth.analytics.queries.sources import as_date, date_literal
from hearth.analytics.store.engine import Result


class BoardDaily(AnalyticsQuery[dict[int, list[int]]]):
    """``{board_id: [count on each day of the window]}`` of ``read`` (or a post action)."""

    name = "board_daily"

    def __init__(self, window: Window, *, action: str = "read") -> None:
        if action not in ("read", *POSTS):
            raise QueryError(_("Unknown metric: %(m)s.") % {"m": action})
        self.window, self.action = window, action

    def cache_key(self) -> str:
        return f"{self.window.key()}:{self.action}"

    def to_query(self) -> exp.Expression:
        day = exp.column("day")
        return (
            exp.select("board_id", day, exp.func("COUNT", exp.Star()).as_("n"))
            .from_("activity")
            .where(
                exp.and_(
                    exp.column("action").eq(self.action),
                    exp.column("board_id").is_(exp.null()).not_(),
                    day.between(date_literal(self.window.start), date_literal(self.window.end)),
                )
            )
            .group_by("board_id", day)
        )

    def shape(self, result: Result) -> dict[int, list[int]]:
        found: dict[int, list[int]] = {}
        for board, day, n in result.rows:
            offset = (as_date(day) - self.window.start).days
            series = found.setdefault(int(board), [0] * self.window.days)
            series[offset] = int(n)
        return found


def daily_dates(window: Window) -> list[dt.date]:
    return [window.start + dt.timedelta(days=i) for i in range(window.days)]
