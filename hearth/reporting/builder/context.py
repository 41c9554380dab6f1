"""What every section of a report is computed from: the period, the store, the day it is built."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlglot
from sqlglot import exp

from hearth.analytics.queries.params import Window, window
from hearth.analytics.store.engine import Engine
from hearth.reporting.periods import Period


@dataclass(frozen=True)
class Context:
    period: Period
    engine: Engine  # the analytics store, opened once for the whole report
    today: dt.date  # the community's date when the report is built

    @property
    def previous(self) -> tuple[dt.date, dt.date]:
        """The days compared with: the same length just before (see ``Period.comparison``)."""
        return self.period.comparison()

    @property
    def window(self) -> Window:
        return window(start=self.period.start, end=self.period.end)

    @property
    def as_of(self) -> dt.date:
        """The last complete day (outcomes such as day-30 retention are measured up to it)."""
        return self.today - dt.timedelta(days=1)

    def rows(self, sql: str, **dates: dt.date) -> list[tuple[Any, ...]]:
        """Rows of ``sql`` (written for the store's logical tables; ``{name}`` placeholders
        take the dates given) in the store's dialect."""
        text = sql.format(**{k: f"DATE '{v.isoformat()}'" for k, v in dates.items()})
        tree = sqlglot.parse_one(text, read="postgres")
        assert isinstance(tree, exp.Expression)
        return list(self.engine.run(tree).rows)


def ratio(part: float | None, whole: float | None) -> float | None:
    if part is None or not whole:
        return None
    return round((part - whole) / whole, 4)
