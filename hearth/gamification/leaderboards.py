"""Leaderboards (排行榜), the read side: period keys, the ranking page and a member's rank.

Scores are precomputed in :class:`~hearth.gamification.models.LeaderboardScore`
(kept by the ledger service, rebuilt by ``hearth leaderboards_rebuild``), so a
page is one index range scan on ``gamif_score_rank`` whatever the number of
members. Periods are cut in the community's time zone (``settings.TIME_ZONE``):
ISO weeks (“2026-W48”) and calendar months (“2026-11”).

Who is ranked: active members with a positive score. Staff (anyone holding a
staff role, and admins) are left out, since their points come from running
the community. Rankings stop at :data:`RANK_CAP` places; a member below that
is shown as “1000+” (decided from the last place's points, cached a minute,
so a member far down costs one query).
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import CharField, Expression, F, Func, Q, QuerySet
from django.db.models.sql.compiler import SQLCompiler
from django.utils import timezone

from hearth.gamification.models import SITE_WIDE, LeaderboardScore, Period

PER_PAGE = 50
RANK_CAP = 1000  # places shown; ranks beyond are “1000+”
CUTOFF_SECONDS = 60  # how long the last place's points are remembered

# Period keys ---------------------------------------------------------------------------


def local_zone() -> dt.tzinfo:
    """The community's time zone (``settings.TIME_ZONE``), whatever zone a request activated."""
    return timezone.get_default_timezone()


def period_parse(raw: str | None) -> Period:
    """The period named in a query string; anything else is the current week."""
    try:
        return Period(raw or Period.WEEK)
    except ValueError:
        return Period.WEEK


def period_key_for(period: str, at: dt.datetime) -> str:
    """``"2026-W48"`` (ISO week), ``"2026-11"`` or ``"all"`` for ``at`` in local time."""
    if period == Period.ALL_TIME:
        return "all"
    local = timezone.localtime(at, local_zone())
    if period == Period.WEEK:
        year, week, _day = local.isocalendar()
        return f"{year}-W{week:02d}"
    if period == Period.MONTH:
        return f"{local.year}-{local.month:02d}"
    raise ValueError(f"unknown period {period!r}")


def period_keys_for(at: dt.datetime) -> dict[str, str]:
    """The key of every period at ``at``."""
    return {period: period_key_for(period, at) for period in Period.values}


def period_days(period: str, at: dt.datetime) -> tuple[dt.date, dt.date] | None:
    """First and last local day of the period holding ``at``; None for all time."""
    day = timezone.localtime(at, local_zone()).date()
    if period == Period.WEEK:
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    if period == Period.MONTH:
        start = day.replace(day=1)
        following = (start + dt.timedelta(days=32)).replace(day=1)
        return start, following - dt.timedelta(days=1)
    return None


# The same keys in SQL (rebuild and backfill) ------------------------------------------------

_PG_FORMATS = {
    "day": "YYYY-MM-DD",
    "hour": 'YYYY-MM-DD"T"HH24',
    "week": 'IYYY-"W"IW',
    "month": "YYYY-MM",
}
_SQLITE_FORMATS = {"day": "%Y-%m-%d", "hour": "%Y-%m-%dT%H", "month": "%Y-%m"}


@functools.lru_cache(maxsize=8)
def zone_offsets(zone_name: str, first_year: int, last_year: int) -> tuple[tuple[int, int], ...]:
    """``(from_epoch, utc_offset_seconds)`` segments of ``zone_name``, newest first.

    Found by stepping a day at a time and bisecting to the second where the
    offset changes; a zone without changes in the span gives one segment.
    """
    zone = zoneinfo.ZoneInfo(zone_name)

    def offset(epoch: int) -> int:
        moment = dt.datetime.fromtimestamp(epoch, dt.UTC).astimezone(zone)
        delta = moment.utcoffset()
        return int(delta.total_seconds()) if delta else 0

    start = int(dt.datetime(first_year, 1, 1, tzinfo=dt.UTC).timestamp())
    end = int(dt.datetime(last_year + 1, 1, 1, tzinfo=dt.UTC).timestamp())
    segments = [(start, offset(start))]
    day = 86_400
    for epoch in range(start + day, end, day):
        if offset(epoch) == segments[-1][1]:
            continue
        low, high = epoch - day, epoch  # offset(low) is the old one, offset(high) the new
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (middle, high) if offset(middle) == segments[-1][1] else (low, middle)
        segments.append((high, offset(high)))
    return tuple(reversed(segments))


class LocalPeriodKey(Func):
    """SQL for the local ``day``, ``hour``, ``week`` or ``month`` key of a UTC timestamp.

    Matches :func:`period_key_for` and :func:`hearth.gamification.cycles.cycle_key_for`.
    PostgreSQL converts with ``AT TIME ZONE``; SQLite (no zone data) adds the
    zone's UTC offset, taken from :func:`zone_offsets` over the years 2000 to
    five years ahead, to the epoch seconds. Every constant is a parameter.
    """

    function = "HEARTH_LOCAL_PERIOD_KEY"  # other databases: fails loudly, unknown function
    output_field = CharField()

    def __init__(self, expression: Any, *, unit: str) -> None:
        if unit not in _PG_FORMATS:
            raise ValueError(f"unknown unit {unit!r}")
        self.unit = unit
        super().__init__(expression)

    def _zone_name(self) -> str:
        return str(local_zone())

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> tuple[str, list[Any]]:
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            f"to_char(({sql}) AT TIME ZONE %s, %s)",
            [*params, self._zone_name(), _PG_FORMATS[self.unit]],
        )

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> tuple[str, list[Any]]:
        sql, params = compiler.compile(self.source_expressions[0])
        epoch = f"CAST(strftime(%s, {sql}) AS INTEGER)"
        epoch_params: list[Any] = ["%s", *params]
        segments = zone_offsets(self._zone_name(), 2000, timezone.now().year + 5)
        if len(segments) == 1:
            shift, shift_params = "%s", [segments[0][1]]
        else:
            whens = " ".join([f"WHEN {epoch} >= %s THEN %s"] * (len(segments) - 1))
            shift = f"CASE {whens} ELSE %s END"
            shift_params = []
            for start, seconds in segments[:-1]:
                shift_params += [*epoch_params, start, seconds]
            shift_params.append(segments[-1][1])
        local = f"({epoch} + {shift})"
        local_params = [*epoch_params, *shift_params]
        if self.unit != "week":
            return (
                f"strftime(%s, {local}, %s)",
                [_SQLITE_FORMATS[self.unit], *local_params, "unixepoch"],
            )
        # The ISO week is the week of its Thursday: year of that Thursday, its day of year.
        thursday = f"date({local}, %s, %s, %s)"
        thursday_params = [*local_params, "unixepoch", "-3 days", "weekday 4"]
        return (
            f"(strftime(%s, {thursday}) || %s || "
            f"printf(%s, (CAST(strftime(%s, {thursday}) AS INTEGER) + 6) / 7))",
            ["%Y", *thursday_params, "-W", "%02d", "%j", *thursday_params],
        )


def period_key_expression(period: str, at: Expression | F) -> Expression | F:
    """The SQL period key of ``at`` (a timestamp expression)."""
    from django.db.models import Value

    if period == Period.ALL_TIME:
        return Value("all", output_field=CharField())
    return LocalPeriodKey(at, unit=period)


# The ranking page -----------------------------------------------------------------------


@dataclass(frozen=True)
class LeaderboardRow:
    rank: int
    member_id: int
    username: str
    name: str
    avatar_url: str
    level_name: str
    points: int


@dataclass(frozen=True)
class LeaderboardPage:
    """One page of a ranking. No page count: counting a period's members costs as much
    as the page itself on a large community, so the page links only back and forth."""

    period: Period
    period_key: str
    board_id: int
    rows: list[LeaderboardRow]
    number: int
    has_next: bool
    days: tuple[dt.date, dt.date] | None

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


@dataclass(frozen=True)
class Standing:
    """A member's place: ``rank`` None with points means below :data:`RANK_CAP`."""

    points: int
    rank: int | None
    ranked: bool

    @property
    def beyond_cap(self) -> bool:
        return self.ranked and self.rank is None


def _ranked(period: str, period_key: str, board_id: int) -> QuerySet[LeaderboardScore]:
    """Score rows in ranking order, members who may be ranked only (see the module doc)."""
    return (
        LeaderboardScore.objects.filter(
            period=period,
            period_key=period_key,
            board_id=board_id,
            points__gt=0,
            member__is_active=True,
            member__is_staff=False,
            member__is_superuser=False,
        )
        .exclude(member__groups__isnull=False)
        .order_by("-points", "member_id")
    )


_ROW_COLUMNS = (
    "member_id",
    "points",
    "member__username",
    "member__display_name",
    "member__avatar",
    "member__point_balance__level__name",
)


def _avatar_url(name: str) -> str:
    if not name:
        return ""
    storage = get_user_model()._meta.get_field("avatar").storage
    return str(storage.url(name))


def leaderboard_page(
    *,
    period: str,
    board_id: int = SITE_WIDE,
    page: int = 1,
    per_page: int = PER_PAGE,
    now: dt.datetime | None = None,
) -> LeaderboardPage:
    """One page of the ranking for the current ``period``, in one query (one row more than
    the page tells whether a next page exists).

    Ranks are places in the order points descending, then the earlier member;
    the ranking stops at :data:`RANK_CAP` places (pages past it are empty).
    """
    chosen = period_parse(period)
    at = now or timezone.now()
    key = period_key_for(chosen, at)
    number = max(1, page)
    start = min((number - 1) * per_page, RANK_CAP)
    end = min(start + per_page, RANK_CAP)
    found = list(
        _ranked(chosen, key, board_id).values_list(*_ROW_COLUMNS)[start : min(end + 1, RANK_CAP)]
    )
    rows = [
        LeaderboardRow(
            rank=start + i + 1,
            member_id=member_id,
            username=username,
            name=display_name or username,
            avatar_url=_avatar_url(avatar),
            level_name=level_name or "",
            points=points,
        )
        for i, (member_id, points, username, display_name, avatar, level_name) in enumerate(
            found[: end - start]
        )
    ]
    return LeaderboardPage(
        period=chosen,
        period_key=key,
        board_id=board_id,
        rows=rows,
        number=number,
        has_next=len(found) > end - start,
        days=period_days(chosen, at),
    )


def _cutoff(period: str, period_key: str, board_id: int) -> int | None:
    """Points of the last ranked place (None while fewer members score), cached a minute."""
    cache_key = f"gamification:leaderboard-cutoff:{period}:{period_key}:{board_id}:{RANK_CAP}"
    cached: dict[str, int | None] | None = cache.get(cache_key)
    if cached is None:
        last = _ranked(period, period_key, board_id).values_list("points", flat=True)
        cached = {"points": next(iter(last[RANK_CAP - 1 : RANK_CAP]), None)}
        cache.set(cache_key, cached, CUTOFF_SECONDS)
    return cached["points"]


def leaderboard_rank_for(
    *, member_id: int, period: str, board_id: int = SITE_WIDE, now: dt.datetime | None = None
) -> Standing:
    """The member's points and place in the current ``period``.

    One query for the member's score; below the last ranked place's points
    (cached for :data:`CUTOFF_SECONDS`) the answer is “beyond the cap” at once,
    otherwise one count of the members ahead, stopped at :data:`RANK_CAP`.
    """
    chosen = period_parse(period)
    key = period_key_for(chosen, now or timezone.now())
    ranked = _ranked(chosen, key, board_id)
    points = ranked.filter(member_id=member_id).values_list("points", flat=True).first()
    if points is None:
        return Standing(points=0, rank=None, ranked=False)
    cutoff = _cutoff(chosen, key, board_id)
    if cutoff is not None and points < cutoff:
        return Standing(points=points, rank=None, ranked=True)
    ahead = ranked.filter(Q(points__gt=points) | Q(points=points, member_id__lt=member_id))
    count = ahead[:RANK_CAP].count()
    return Standing(points=points, rank=count + 1 if count < RANK_CAP else None, ranked=True)
