"""Report periods: ISO weeks (``2026-W47``, Monday to Sunday) and calendar months (``2026-11``).

A report covers a complete period only: :func:`period_parse` refuses a period
that has not ended yet (``today`` is the community's date, so the period's
last day must be before it).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

WEEKLY, MONTHLY = "weekly", "monthly"
KINDS = (WEEKLY, MONTHLY)
_WEEK = re.compile(r"(\d{4})-?W(\d{1,2})", re.IGNORECASE)
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


class PeriodError(ValueError):
    """A period that cannot be reported on (the message says why)."""


@dataclass(frozen=True)
class Period:
    kind: str  # weekly | monthly
    start: dt.date
    end: dt.date  # inclusive

    @property
    def label(self) -> str:
        if self.kind == WEEKLY:
            year, week, _day = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        return f"{self.start:%Y-%m}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same kind just before."""
        return period_of(self.kind, self.start - dt.timedelta(days=1))

    def comparison(self) -> tuple[dt.date, dt.date]:
        """The days of the same length just before (what figures are compared with: for a week
        the week before, for a month as many days as it has, as the metric catalogue does)."""
        return self.start - dt.timedelta(days=self.days), self.start - dt.timedelta(days=1)


def _kind_checked(kind: str) -> str:
    if kind not in KINDS:
        raise PeriodError(
            _("Unknown report type: %(kind)s. Use weekly or monthly.") % {"kind": kind[:20]}
        )
    return kind


def period_of(kind: str, day: dt.date) -> Period:
    """The week or month ``day`` falls in."""
    if _kind_checked(kind) == WEEKLY:
        start = day - dt.timedelta(days=day.weekday())
        return Period(kind, start, start + dt.timedelta(days=6))
    start = day.replace(day=1)
    following = (start + dt.timedelta(days=32)).replace(day=1)
    return Period(kind, start, following - dt.timedelta(days=1))


def latest_complete(kind: str, today: dt.date) -> Period:
    """The latest period of ``kind`` that ended before ``today``."""
    return period_of(kind, today).previous()


def _parse_week(label: str) -> Period:
    found = _WEEK.fullmatch(label)
    if not found:
        raise PeriodError(
            _("%(value)s is not a week: write the ISO week as 2026-W47.") % {"value": label[:20]}
        )
    year, week = int(found.group(1)), int(found.group(2))
    try:
        start = dt.date.fromisocalendar(year, week, 1)
    except ValueError as exc:
        raise PeriodError(
            _("%(year)d has no week %(week)d (ISO weeks run from 1 to 52 or 53).")
            % {"year": year, "week": week}
        ) from exc
    return Period(WEEKLY, start, start + dt.timedelta(days=6))


def _parse_month(label: str) -> Period:
    found = _MONTH.fullmatch(label)
    if not found:
        raise PeriodError(
            _("%(value)s is not a month: write it as 2026-11.") % {"value": label[:20]}
        )
    year, month = int(found.group(1)), int(found.group(2))
    if not 1 <= month <= 12 or year < 1:
        raise PeriodError(
            _("%(value)s is not a month: months run from 01 to 12.") % {"value": label[:20]}
        )
    return period_of(MONTHLY, dt.date(year, month, 1))


def period_parse(kind: str, label: str, *, today: dt.date | None = None) -> Period:
    """The period named ``label`` (2026-W47 or 2026-11); with ``today``, a complete one only."""
    raw = label.strip()
    found = _parse_week(raw) if _kind_checked(kind) == WEEKLY else _parse_month(raw)
    if today is not None:
        complete_checked(found, today)
    return found


def period_starting(kind: str, start: dt.date) -> Period:
    """The period of ``kind`` that starts on ``start`` (a Monday, or the 1st of a month)."""
    found = period_of(kind, start)
    if found.start != start:
        raise PeriodError(
            _("A %(kind)s report starts on a Monday (weekly) or the 1st (monthly); got %(day)s.")
            % {"kind": kind, "day": start.isoformat()}
        )
    return found


def complete_checked(found: Period, today: dt.date) -> Period:
    if found.end >= today:
        raise PeriodError(
            _(
                "%(label)s has not ended yet (it ends on %(end)s): reports cover complete "
                "periods only."
            )
            % {"label": found.label, "end": found.end.isoformat()}
        )
    return found
