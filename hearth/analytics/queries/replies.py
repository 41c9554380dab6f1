"""Reply speed (time to first reply) and unanswered topics.

A topic's *first reply* is the earliest reply by someone other than its
author (see :mod:`hearth.analytics.definitions`, "Content"). Both analyses look
at the published topics created in the window; replies count whenever they
came, so an unanswered topic is one still unanswered now.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlglot import exp

from hearth.analytics.queries.base import AnalyticsQuery
from hearth.analytics.queries.content import count_if, percentile, published_topics, ratio
from hearth.analytics.queries.params import Window
from hearth.analytics.queries.sources import date_literal, number
from hearth.analytics.store.engine import Engine, Result

HOUR = 3600
DAY = 24 * HOUR
UNANSWERED_LIST = 20


def first_replies(window: Window) -> exp.Select:
    """``(topic_id, first_at)``: each topic's earliest reply by someone other than its author,
    for the topics created in the window (a reply comes after its topic, so none from
    before the window's first day is read)."""
    created = exp.column("created_day", table="o")
    return (
        exp.select(
            exp.column("topic_id", table="r"),
            exp.func("MIN", exp.column("occurred_at", table="r")).as_("first_at"),
        )
        .from_("activity AS r")
        .join("topics AS o", on="r.topic_id = o.topic_id")
        .where(
            exp.and_(
                exp.column("action", table="r").eq("reply"),
                exp.column("member_id", table="r").neq(exp.column("author_id", table="o")),
                created.between(date_literal(window.start), date_literal(window.end)),
                exp.GTE(this=exp.column("day", table="r"), expression=date_literal(window.start)),
            )
        )
        .group_by(exp.column("topic_id", table="r"))
    )


def _seconds(later: exp.Expression, earlier: exp.Expression) -> exp.Expression:
    return exp.Extract(this=exp.var("EPOCH"), expression=exp.Sub(this=later, expression=earlier))


@dataclass(frozen=True)
class SpeedRow:
    board_id: int | None  # None: the whole community
    topics: int
    answered: int
    within_hour: int
    within_day: int
    median_seconds: float | None
    p90_seconds: float | None

    @property
    def unanswered(self) -> int:
        return self.topics - self.answered

    @property
    def answered_share(self) -> float | None:
        return ratio(self.answered, self.topics)

    @property
    def hour_share(self) -> float | None:
        return ratio(self.within_hour, self.topics)

    @property
    def day_share(self) -> float | None:
        return ratio(self.within_day, self.topics)

    @property
    def median_hours(self) -> float | None:
        return round(self.median_seconds / HOUR, 2) if self.median_seconds is not None else None

    @property
    def p90_hours(self) -> float | None:
        return round(self.p90_seconds / HOUR, 2) if self.p90_seconds is not None else None


@dataclass(frozen=True)
class SpeedResult:
    total: SpeedRow
    boards: list[SpeedRow]


class ReplySpeed(AnalyticsQuery[SpeedResult]):
    """Time to first reply of the topics created in the window, per board and in all."""

    name = "reply_speed"

    def __init__(self, window: Window) -> None:
        self.window = window

    def cache_key(self) -> str:
        return self.window.key()

    def to_query(self) -> exp.Expression:
        board = exp.column("board_id", table="t")
        waited = _seconds(exp.column("first_at", table="f"), exp.column("created_at", table="t"))
        return (
            exp.select(
                board.as_("board_id"),
                exp.func("COUNT", exp.Star()).as_("topics"),
                exp.func("COUNT", exp.column("first_at", table="f")).as_("answered"),
                count_if(exp.LTE(this=waited, expression=number(HOUR))).as_("within_hour"),
                count_if(exp.LTE(this=waited, expression=number(DAY))).as_("within_day"),
                percentile(0.5, waited).as_("median_s"),
                percentile(0.9, waited).as_("p90_s"),
            )
            .from_("topics AS t")
            .join(
                first_replies(self.window).subquery("f"),
                on="f.topic_id = t.topic_id",
                join_type="left",
            )
            .where(published_topics(self.window))
            .group_by(exp.Rollup(expressions=[board]))
        )

    def shape(self, result: Result) -> SpeedResult:
        rows = [
            SpeedRow(
                board_id=int(board) if board is not None else None,
                topics=int(topics or 0),
                answered=int(answered or 0),
                within_hour=int(hour or 0),
                within_day=int(day or 0),
                median_seconds=round(float(median), 1) if median is not None else None,
                p90_seconds=round(float(p90), 1) if p90 is not None else None,
            )
            for board, topics, answered, hour, day, median, p90 in result.rows
        ]
        total = next(
            (r for r in rows if r.board_id is None), SpeedRow(None, 0, 0, 0, 0, None, None)
        )
        boards = sorted((r for r in rows if r.board_id is not None), key=lambda r: r.board_id or 0)
        return SpeedResult(total, boards)


@dataclass(frozen=True)
class UnansweredTopic:
    topic_id: int
    board_id: int
    kind: str
    created_at: dt.datetime

    def age_hours(self, now: dt.datetime) -> float:
        return round((now - self.created_at).total_seconds() / HOUR, 1)


@dataclass(frozen=True)
class UnansweredResult:
    count: int
    by_board: dict[int, int]
    oldest: list[UnansweredTopic]


class UnansweredTopics(AnalyticsQuery[UnansweredResult]):
    """How many topics created in the window are still unanswered, per board, and the oldest."""

    name = "unanswered_topics"

    def __init__(self, window: Window, *, limit: int = UNANSWERED_LIST) -> None:
        self.window, self.limit = window, max(1, min(int(limit), 500))

    def cache_key(self) -> str:
        return f"{self.window.key()}:{self.limit}"

    def _unanswered(self) -> exp.Select:
        return (
            exp.select(
                exp.column("topic_id", table="t"),
                exp.column("board_id", table="t"),
                exp.column("kind", table="t"),
                exp.column("created_at", table="t"),
            )
            .from_("topics AS t")
            .join(
                first_replies(self.window).subquery("f"),
                on="f.topic_id = t.topic_id",
                join_type="left",
            )
            .where(
                exp.and_(
                    published_topics(self.window),
                    exp.column("first_at", table="f").is_(exp.null()),
                )
            )
        )

    def to_query(self) -> exp.Expression:
        """The oldest unanswered topics."""
        return (
            exp.select("topic_id", "board_id", "kind", "created_at")
            .from_(self._unanswered().subquery("u"))
            .order_by("created_at", "topic_id")
            .limit(self.limit)
        )

    def count_query(self) -> exp.Expression:
        return (
            exp.select("board_id", exp.func("COUNT", exp.Star()).as_("n"))
            .from_(self._unanswered().subquery("u"))
            .group_by("board_id")
        )

    def compute(self, engine: Engine) -> UnansweredResult:
        counts = {int(b): int(n) for b, n in engine.run(self.count_query()).rows}
        oldest = self.shape(engine.run(self.to_query())).oldest
        return UnansweredResult(sum(counts.values()), dict(sorted(counts.items())), oldest)

    def shape(self, result: Result) -> UnansweredResult:
        oldest = [
            UnansweredTopic(int(topic), int(board), str(kind), _aware(created))
            for topic, board, kind, created in result.rows
        ]
        return UnansweredResult(len(oldest), {}, oldest)


def _aware(value: object) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return dt.datetime.fromisoformat(str(value))
