"""The simulated period: days in the community's time zone, ending today at ``now``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

DAY = 86_400


@dataclass(frozen=True)
class Window:
    """``days`` local calendar days; the last one is today, simulated up to ``now``."""

    start: dt.date
    days: int
    now_s: int
    tz: ZoneInfo

    @classmethod
    def ending(cls, *, now: dt.datetime, days: int, tz: ZoneInfo) -> Window:
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        local = now.astimezone(tz)
        start = local.date() - dt.timedelta(days=days - 1)
        now_s = (days - 1) * DAY + local.hour * 3600 + local.minute * 60 + local.second
        return cls(start=start, days=days, now_s=now_s, tz=tz)

    @property
    def today(self) -> dt.date:
        return self.start + dt.timedelta(days=self.days - 1)

    def date(self, day: int) -> dt.date:
        return self.start + dt.timedelta(days=day)

    def weekdays(self) -> npt.NDArray[np.int64]:
        """Weekday (Monday = 0) of each day of the window."""
        first = self.start.weekday()
        return (np.arange(self.days, dtype=np.int64) + first) % 7

    def midnights(self) -> list[dt.datetime]:
        """Aware local midnight of each day from day -1 (the eve of the window) to ``days``."""
        return [
            dt.datetime.combine(self.date(d), dt.time(0), tzinfo=self.tz)
            for d in range(-1, self.days + 1)
        ]

    def aware(self, t: int) -> dt.datetime:
        day, sec = divmod(int(t), DAY)
        return dt.datetime.combine(
            self.date(day), dt.time(sec // 3600, sec % 3600 // 60, sec % 60), tzinfo=self.tz
        )

    @cached_property
    def midnight_epochs(self) -> npt.NDArray[np.int64]:
        """UTC epoch seconds of each local midnight; index ``d + 1`` for day ``d`` ≥ -1."""
        return np.array([int(m.timestamp()) for m in self.midnights()], dtype=np.int64)

    def epochs(self, t: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """UTC epoch seconds of wall times ``t`` (days outside the window: today's offset)."""
        index = t // DAY + 1
        clipped = np.clip(index, 0, len(self.midnight_epochs) - 1)
        out: npt.NDArray[np.int64] = (
            self.midnight_epochs[clipped] + (index - clipped) * DAY + t % DAY
        )
        return out
