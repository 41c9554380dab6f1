"""Content: the UGC/PGC share of topics and of reads, and engaged members.

Definitions are in :mod:`hearth.analytics.definitions` ("Content"). Topics come
from the store's ``topics`` table (kind, status, board); reads and
interactions from ``activity``. Days are the community's (the store's ``day``),
as for board health.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot import exp

from hearth.analytics.definitions import ENGAGED_MIN, ENGAGING
from hearth.analytics.queries.base import AnalyticsQuery
from hearth.analytics.queries.params import Window
from hearth.analytics.queries.sources import active_days, date_literal, number
from hearth.analytics.store.engine import Result

PUBLISHED = "published"
KINDS = ("ugc", "pgc")


def count_if(condition: exp.Expression | exp.Condition) -> exp.Expression:
    """``SUM(CASE WHEN condition THEN 1 ELSE 0 END)``."""
    return exp.Sum(this=exp.Case().when(condition, number(1)).else_(number(0)))


def percentile(fraction: float, value: exp.Expression) -> exp.Expression:
    """``PERCENTILE_CONT(fraction) WITHIN GROUP (ORDER BY value)`` (NULLs left out)."""
    return exp.WithinGroup(
        this=exp.func("PERCENTILE_CONT", exp.Literal.number(fraction)),
        expression=exp.Order(expressions=[exp.Ordered(this=value)]),
    )


def in_days(column: exp.Expression, window: Window) -> exp.Expression:
    return column.between(date_literal(window.start), date_literal(window.end))


def ratio(part: int | float, whole: int | float) -> float | None:
    return round(part / whole, 4) if whole else None


def published_topics(window: Window, alias: str = "t") -> exp.Condition:
    """The condition on ``topics AS alias``: published, created in the window."""
    return exp.and_(
        exp.column("status", table=alias).eq(PUBLISHED),
        in_days(exp.column("created_day", table=alias), window),
    )


@dataclass(frozen=True)
class MixRow:
    board_id: int | None  # None: the whole community
    ugc_topics: int
    pgc_topics: int
    ugc_reads: int
    pgc_reads: int

    @property
    def topics(self) -> int:
        return self.ugc_topics + self.pgc_topics

    @property
    def reads(self) -> int:
        return self.ugc_reads + self.pgc_reads

    @property
    def pgc_topic_share(self) -> float | None:
        return ratio(self.pgc_topics, self.topics)

    @property
    def ugc_topic_share(self) -> float | None:
        return ratio(self.ugc_topics, self.topics)

    @property
    def pgc_read_share(self) -> float | None:
        return ratio(self.pgc_reads, self.reads)

    @property
    def ugc_read_share(self) -> float | None:
        return ratio(self.ugc_reads, self.reads)


@dataclass(frozen=True)
class ContentMixResult:
    total: MixRow
    boards: list[MixRow]


class ContentMix(AnalyticsQuery[ContentMixResult]):
    """UGC and PGC topics created and reads of each kind's topics, per board and in all."""

    name = "content_mix"

    def __init__(self, window: Window) -> None:
        self.window = window

    def cache_key(self) -> str:
        return self.window.key()

    def to_query(self) -> exp.Expression:
        kind = exp.column("kind", table="t")
        board = exp.column("board_id", table="t")
        created = (
            exp.select(
                exp.Literal.string("topics").as_("what"),
                board.as_("board_id"),
                kind.as_("kind"),
                exp.func("COUNT", exp.Star()).as_("n"),
            )
            .from_("topics AS t")
            .where(published_topics(self.window))
            .group_by(board, kind)
        )
        read = (
            exp.select(
                exp.Literal.string("reads").as_("what"),
                board.as_("board_id"),
                kind.as_("kind"),
                exp.func("COUNT", exp.Star()).as_("n"),
            )
            .from_("activity AS a")
            .join("topics AS t", on="a.topic_id = t.topic_id")
            .where(
                exp.and_(
                    exp.column("action", table="a").eq("read"),
                    in_days(exp.column("day", table="a"), self.window),
                )
            )
            .group_by(board, kind)
        )
        return exp.union(created, read, distinct=False)

    def shape(self, result: Result) -> ContentMixResult:
        counts: dict[int, dict[str, int]] = {}
        for what, board, kind, n in result.rows:
            if kind not in KINDS:
                continue
            cell = counts.setdefault(int(board), {})
            cell[f"{kind}_{what}"] = cell.get(f"{kind}_{what}", 0) + int(n)
        fields = ("ugc_topics", "pgc_topics", "ugc_reads", "pgc_reads")
        boards = [
            MixRow(board, *(cell.get(f, 0) for f in fields))
            for board, cell in sorted(counts.items())
        ]
        total = MixRow(None, *(sum(getattr(r, f) for r in boards) for f in fields))
        return ContentMixResult(total, boards)


@dataclass(frozen=True)
class EngagedResult:
    engaged: int
    active: int

    @property
    def share(self) -> float | None:
        """Engaged members ÷ active members in the window."""
        return ratio(self.engaged, self.active)


class EngagedMembers(AnalyticsQuery[EngagedResult]):
    """Members with at least ``ENGAGED_MIN`` interactions in the window, and the active ones."""

    name = "engaged_members"

    def __init__(self, window: Window) -> None:
        self.window = window

    def cache_key(self) -> str:
        return self.window.key()

    def to_query(self) -> exp.Expression:
        engaged = (
            exp.select("member_id")
            .from_("activity")
            .where(
                exp.and_(
                    exp.column("member_id").is_(exp.null()).not_(),
                    exp.column("action").isin(*[exp.Literal.string(a) for a in ENGAGING]),
                    in_days(exp.column("day"), self.window),
                )
            )
            .group_by("member_id")
            .having(exp.GTE(this=exp.func("COUNT", exp.Star()), expression=number(ENGAGED_MIN)))
        )
        active = active_days(self.window, since=self.window.start, until=self.window.end)
        count_engaged = exp.select(exp.func("COUNT", exp.Star())).from_(engaged.subquery("e"))
        count_active = exp.select(
            exp.func("COUNT", exp.Distinct(expressions=[exp.column("member_id")]))
        ).from_(active.subquery("d"))
        return exp.select(
            count_engaged.subquery().as_("engaged"), count_active.subquery().as_("active")
        )

    def shape(self, result: Result) -> EngagedResult:
        engaged, active = result.rows[0]
        return EngagedResult(int(engaged or 0), int(active or 0))
