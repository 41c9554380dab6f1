"""Channel quality: members who joined in a window, per acquisition channel, and how they did.

One query answers for every channel (``members.channel``, the first-touch
channel) and, for the trend, every channel and join period:

* *D1 / D7 / D30 retention*: active (the window's active actions) on day
  offset 1, 7 or 30 after the join day (offset 0), over the members *old
  enough*: whose join day + N is on or before ``as_of`` (the last complete day);
* *still active at day 30*: active on any day with offset 23–30
  (:data:`STILL_ACTIVE`), over the members old enough for day 30;
* *median actions* in the first 30 days (offsets 0–29) and the share who
  *posted* (a topic or a reply) in them, over the members old enough for day 30;
  actions are :data:`COUNTED_ACTIONS` rows of the activity log;
* the share *now at level 2 or above* (the level's position), over all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from sqlglot import exp

from hearth.analytics.definitions import PERIODS
from hearth.analytics.queries.base import AnalyticsQuery
from hearth.analytics.queries.content import count_if, percentile
from hearth.analytics.queries.params import QueryError, Window
from hearth.analytics.queries.sources import active_days, date_literal, number, period_start
from hearth.analytics.store.engine import Result

RETENTION_DAYS = (1, 7, 30)
STILL_ACTIVE = (23, 30)
FIRST_DAYS = 30
LEVEL = 2
COUNTED_ACTIONS = ("read", "topic", "reply", "like", "share", "follow", "event_join")
POSTS = ("topic", "reply")
TOTAL, TREND = "total", "trend"


@dataclass
class ChannelOutcome:
    """One channel's (or one channel and join period's) members and what became of them."""

    channel: str
    period: str  # "" for the channel's whole window, else the join period's first day (ISO)
    members: int
    eligible: dict[int, int] = field(default_factory=dict)  # day N → members old enough
    retained: dict[int, int] = field(default_factory=dict)  # day N → active on day N
    still_active: int = 0  # of eligible[30]: active on a day with offset 23–30
    posted: int = 0  # of eligible[30]
    level2: int = 0  # of members
    median_actions: float | None = None  # of eligible[30]

    def rate(self, day: int) -> float | None:
        return _ratio(self.retained.get(day, 0), self.eligible.get(day, 0))

    @property
    def still_active_rate(self) -> float | None:
        return _ratio(self.still_active, self.eligible.get(30, 0))

    @property
    def posted_rate(self) -> float | None:
        return _ratio(self.posted, self.eligible.get(30, 0))

    @property
    def level2_rate(self) -> float | None:
        return _ratio(self.level2, self.members)


@dataclass
class ChannelOutcomes:
    channels: list[ChannelOutcome]  # by channel key
    trend: dict[str, list[ChannelOutcome]]  # channel → its join periods, in order


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


class ChannelQuality(AnalyticsQuery[ChannelOutcomes]):
    """Per channel: size, retention, still active at day 30, actions, posting, level 2."""

    name = "channel_quality"

    def __init__(self, window: Window, *, as_of: dt.date, period: str = "week") -> None:
        if period not in PERIODS:
            raise QueryError(_("Unknown period: %(p)s.") % {"p": period})
        self.window, self.as_of, self.period = window, as_of, period

    def cache_key(self) -> str:
        return f"{self.window.key()}:{self.as_of}:{self.period}"

    def _cohort(self) -> exp.Select:
        joined = exp.column("joined_day", table="m")
        return (
            exp.select(
                exp.column("member_id", table="m"),
                exp.Coalesce(
                    this=exp.cast(exp.column("channel", table="m"), "VARCHAR"),
                    expressions=[exp.Literal.string("")],
                ).as_("channel"),
                exp.cast(period_start(joined, self.period), "VARCHAR").as_("bucket"),
                joined.as_("joined"),
                exp.Sub(this=date_literal(self.as_of), expression=joined).as_("age"),
                exp.Coalesce(this=exp.column("level", table="m"), expressions=[number(0)]).as_(
                    "level"
                ),
            )
            .from_("members AS m")
            .where(joined.between(date_literal(self.window.start), date_literal(self.window.end)))
        )

    def _offsets(self) -> exp.Select:
        n = exp.Sub(this=exp.column("day", table="d"), expression=exp.column("joined", table="c"))
        return (
            exp.select(exp.column("member_id", table="c"), n.as_("n"))
            .distinct()
            .from_("cohort AS c")
            .join("active AS d", on="c.member_id = d.member_id")
            .where(n.between(number(0), number(max(RETENTION_DAYS))))
        )

    def _counts(self) -> exp.Select:
        offset = exp.Sub(
            this=exp.column("day", table="a"), expression=exp.column("joined", table="c")
        )
        action = exp.column("action", table="a")
        last = min(self.window.end + dt.timedelta(days=FIRST_DAYS - 1), self.as_of)
        return (
            exp.select(
                exp.column("member_id", table="c"),
                exp.func("COUNT", exp.Star()).as_("actions"),
                count_if(action.isin(*[exp.Literal.string(a) for a in POSTS])).as_("posts"),
            )
            .from_("cohort AS c")
            .join("activity AS a", on="c.member_id = a.member_id")
            .where(
                exp.and_(
                    action.isin(*[exp.Literal.string(a) for a in COUNTED_ACTIONS]),
                    exp.column("day", table="a").between(
                        date_literal(self.window.start), date_literal(last)
                    ),
                    offset.between(number(0), number(FIRST_DAYS - 1)),
                )
            )
            .group_by(exp.column("member_id", table="c"))
        )

    def _per_member(self) -> exp.Select:
        n = exp.column("n", table="o")

        def flag(condition: exp.Expr) -> exp.Expr:
            return exp.func("MAX", exp.Case().when(condition, number(1)).else_(number(0)))

        keys = [
            exp.column(k, table="c") for k in ("member_id", "channel", "bucket", "age", "level")
        ]
        retained = [flag(n.eq(number(day))).as_(f"d{day}") for day in RETENTION_DAYS]
        still = flag(n.between(number(STILL_ACTIVE[0]), number(STILL_ACTIVE[1]))).as_("a30")
        actions = exp.Coalesce(
            this=exp.func("MAX", exp.column("actions", table="k")), expressions=[number(0)]
        ).as_("actions")
        posts = exp.Coalesce(
            this=exp.func("MAX", exp.column("posts", table="k")), expressions=[number(0)]
        ).as_("posts")
        return (
            exp.select(*keys, *retained, still, actions, posts)
            .from_("cohort AS c")
            .join("offsets AS o", on="c.member_id = o.member_id", join_type="left")
            .join("counts AS k", on="c.member_id = k.member_id", join_type="left")
            .group_by(*keys)
        )

    def _aggregate(self, kind: str) -> exp.Select:
        age = exp.column("age")
        old = age >= number(FIRST_DAYS)
        bucket: exp.Expression = (
            exp.column("bucket") if kind == TREND else exp.cast(exp.Literal.string(""), "VARCHAR")
        )
        columns: list[exp.Expr] = [
            exp.cast(exp.Literal.string(kind), "VARCHAR").as_("kind"),
            exp.column("channel"),
            bucket.as_("bucket"),
            exp.func("COUNT", exp.Star()).as_("members"),
        ]
        for day in RETENTION_DAYS:
            columns.append(count_if(age >= number(day)).as_(f"e{day}"))
            columns.append(
                count_if(exp.and_(age >= number(day), exp.column(f"d{day}").eq(1))).as_(f"r{day}")
            )
        columns += [
            count_if(exp.and_(old, exp.column("a30").eq(1))).as_("still_active"),
            count_if(exp.and_(old, exp.column("posts") > number(0))).as_("posted"),
            count_if(exp.column("level") >= number(LEVEL)).as_("level2"),
            percentile(0.5, exp.Case().when(old, exp.column("actions"))).as_("median_actions"),
        ]
        groups = ["channel", "bucket"] if kind == TREND else ["channel"]
        return exp.select(*columns).from_("per_member").group_by(*groups)

    def to_query(self) -> exp.Expression:
        horizon = min(self.window.end + dt.timedelta(days=max(RETENTION_DAYS)), self.as_of)
        days = active_days(
            self.window, since=self.window.start, until=max(horizon, self.window.start)
        )
        return (
            exp.union(self._aggregate(TOTAL), self._aggregate(TREND), distinct=False)
            .with_("cohort", as_=self._cohort())
            .with_("active", as_=days)
            .with_("offsets", as_=self._offsets())
            .with_("counts", as_=self._counts())
            .with_("per_member", as_=self._per_member())
        )

    def shape(self, result: Result) -> ChannelOutcomes:
        channels: list[ChannelOutcome] = []
        trend: dict[str, list[ChannelOutcome]] = {}
        for row in result.rows:
            kind, channel, bucket, members, *counts = row
            e1, r1, e7, r7, e30, r30, still, posted, level2, median = counts
            outcome = ChannelOutcome(
                channel=str(channel or ""),
                period=str(bucket or "")[:10],
                members=int(members),
                eligible={1: int(e1 or 0), 7: int(e7 or 0), 30: int(e30 or 0)},
                retained={1: int(r1 or 0), 7: int(r7 or 0), 30: int(r30 or 0)},
                still_active=int(still or 0),
                posted=int(posted or 0),
                level2=int(level2 or 0),
                median_actions=None if median is None else round(float(median), 1),
            )
            if kind == TOTAL:
                channels.append(outcome)
            else:
                trend.setdefault(outcome.channel, []).append(outcome)
        channels.sort(key=lambda o: o.channel)
        for periods in trend.values():
            periods.sort(key=lambda o: o.period)
        return ChannelOutcomes(channels=channels, trend=dict(sorted(trend.items())))
