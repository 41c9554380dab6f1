"""Content metrics: tiles (UGC/PGC shares, reply speed, unanswered, engaged), the per-board table
and the oldest unanswered topics, each against the window before where that means something."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.analytics.queries.content import (
    ContentMix,
    ContentMixResult,
    EngagedMembers,
    EngagedResult,
)
from hearth.analytics.queries.params import Window
from hearth.analytics.queries.replies import (
    ReplySpeed,
    SpeedResult,
    UnansweredResult,
    UnansweredTopics,
)
from hearth.analytics.store.engine import Engine
from hearth.cockpit.content_selectors import board_names_for, topic_titles_for
from hearth.cockpit.exports import Cell, Column, Table, range_stem

UNANSWERED_SHOWN = 20


@dataclass(frozen=True)
class Tile:
    key: str
    label: str
    value: float | None
    previous: float | None
    hint: str = ""
    kind: str = "int"  # int, percent, hours
    lower_is_better: bool = False

    @property
    def delta(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return round(self.value - self.previous, 4)

    @property
    def trend(self) -> str:
        """``good``, ``bad`` or ``flat`` (a longer wait for a reply is worse)."""
        delta = self.delta
        if not delta:
            return "flat"
        better = delta < 0 if self.lower_is_better else delta > 0
        return "good" if better else "bad"


def previous_window(window: Window) -> Window:
    length = dt.timedelta(days=window.days)
    return Window(
        start=window.start - length,
        end=window.start - dt.timedelta(days=1),
        actions=window.actions,
        tz=window.tz,
    )


@dataclass(frozen=True)
class UnansweredLine:
    topic_id: int
    title: str
    board: str
    kind: str
    created_at: dt.datetime
    age_hours: float
    url: str

    @property
    def age_days(self) -> float:
        return round(self.age_hours / 24, 1)


@dataclass(frozen=True)
class ContentReport:
    window: Window
    mix: ContentMixResult
    speed: SpeedResult
    unanswered: UnansweredResult
    engaged: EngagedResult
    before: tuple[ContentMixResult, SpeedResult, EngagedResult]
    boards: dict[int, str]
    oldest: list[UnansweredLine]

    @property
    def stem(self) -> str:
        return range_stem(self.window)

    def tiles(self) -> list[Tile]:
        return [*self._share_tiles(), *self._reply_tiles(), self._engaged_tile()]

    def _share_tiles(self) -> list[Tile]:
        mix = self.before[0]
        return [
            Tile(
                "pgc_topics",
                _("Staff content (PGC) share"),
                self.mix.total.pgc_topic_share,
                mix.total.pgc_topic_share,
                _("%(n)d topics") % {"n": self.mix.total.topics},
                "percent",
            ),
            Tile(
                "pgc_reads",
                _("PGC share of reads"),
                self.mix.total.pgc_read_share,
                mix.total.pgc_read_share,
                _("%(n)d reads") % {"n": self.mix.total.reads},
                "percent",
            ),
        ]

    def _reply_tiles(self) -> list[Tile]:
        speed = self.before[1]
        return [
            Tile(
                "first_reply",
                _("Median time to first reply"),
                self.speed.total.median_hours,
                speed.total.median_hours,
                _("90th percentile %(h)s h") % {"h": _hours(self.speed.total.p90_hours)},
                "hours",
                lower_is_better=True,
            ),
            Tile(
                "answered_day",
                _("Answered within 24 h"),
                self.speed.total.day_share,
                speed.total.day_share,
                _("within 1 h: %(p)s") % {"p": _share(self.speed.total.hour_share)},
                "percent",
            ),
            Tile(
                "unanswered",
                _("Unanswered topics"),
                float(self.unanswered.count),
                float(speed.total.unanswered),
                _("of %(n)d new topics") % {"n": self.speed.total.topics},
                "int",
                lower_is_better=True,
            ),
        ]

    def _engaged_tile(self) -> Tile:
        return Tile(
            "engaged",
            _("Engaged members"),
            float(self.engaged.engaged),
            float(self.before[2].engaged),
            _("%(p)s of active members") % {"p": _share(self.engaged.share)},
        )

    def board_table(self) -> Table:
        columns = (
            Column(_("Board")),
            Column(_("Topics"), "int"),
            Column(_("UGC topics"), "int"),
            Column(_("PGC topics"), "int"),
            Column(_("PGC share"), "percent"),
            Column(_("Reads"), "int"),
            Column(_("PGC share of reads"), "percent"),
            Column(_("Answered"), "percent"),
            Column(_("Within 1 h"), "percent"),
            Column(_("Within 24 h"), "percent"),
            Column(_("Median first reply (h)"), "number"),
            Column(_("Unanswered"), "int"),
        )
        speeds = {r.board_id: r for r in self.speed.boards}
        mixes = {r.board_id: r for r in self.mix.boards}
        ids = sorted(set(speeds) | set(mixes), key=lambda b: (self.boards.get(b or 0, ""), b))
        rows: list[tuple[Cell, ...]] = []
        for board in [*ids, None]:
            mix = mixes.get(board) if board is not None else self.mix.total
            speed = speeds.get(board) if board is not None else self.speed.total
            name = self.boards.get(board, str(board)) if board is not None else _("All boards")
            unanswered = (
                self.unanswered.by_board.get(board, 0)
                if board is not None
                else self.unanswered.count
            )
            rows.append(
                (
                    name,
                    mix.topics if mix else 0,
                    mix.ugc_topics if mix else 0,
                    mix.pgc_topics if mix else 0,
                    mix.pgc_topic_share if mix else None,
                    mix.reads if mix else 0,
                    mix.pgc_read_share if mix else None,
                    speed.answered_share if speed else None,
                    speed.hour_share if speed else None,
                    speed.day_share if speed else None,
                    speed.median_hours if speed else None,
                    unanswered,
                )
            )
        return Table("boards", _("Content by board"), columns, tuple(rows))

    def unanswered_table(self) -> Table:
        columns = (
            Column(_("Topic")),
            Column(_("Board")),
            Column(_("Kind")),
            Column(_("Posted")),
            Column(_("Waiting (h)"), "number"),
        )
        rows = tuple(
            (
                line.title,
                line.board,
                line.kind.upper(),
                timezone.localtime(line.created_at).strftime("%Y-%m-%d %H:%M"),
                line.age_hours,
            )
            for line in self.oldest
        )
        return Table("unanswered", _("Unanswered topics"), columns, rows)

    def tables(self) -> dict[str, Table]:
        return {"boards": self.board_table(), "unanswered": self.unanswered_table()}

    def chart(self) -> dict[str, object]:
        """UGC and PGC topics and reads per board (stacked bars)."""
        boards = sorted(self.mix.boards, key=lambda r: -r.reads)[:12]
        return {
            "boards": [self.boards.get(r.board_id or 0, str(r.board_id)) for r in boards],
            "series": [
                {"name": _("UGC reads"), "data": [r.ugc_reads for r in boards]},
                {"name": _("PGC reads"), "data": [r.pgc_reads for r in boards]},
            ],
        }


def _hours(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def content_report(
    engine: Engine, *, window: Window, limit: int = UNANSWERED_SHOWN
) -> ContentReport:
    before = previous_window(window)
    mix = ContentMix(window).run(engine)
    speed = ReplySpeed(window).run(engine)
    unanswered = UnansweredTopics(window, limit=limit).run(engine)
    engaged = EngagedMembers(window).run(engine)
    earlier = (
        ContentMix(before).run(engine),
        ReplySpeed(before).run(engine),
        EngagedMembers(before).run(engine),
    )
    ids = {r.board_id or 0 for r in mix.boards} | {r.board_id or 0 for r in speed.boards}
    ids |= set(unanswered.by_board)
    boards = board_names_for(ids=ids)
    titles = topic_titles_for(ids=[u.topic_id for u in unanswered.oldest])
    now = timezone.now()
    oldest = [
        UnansweredLine(
            topic_id=u.topic_id,
            title=titles.get(u.topic_id, f"#{u.topic_id}"),
            board=boards.get(u.board_id, str(u.board_id)),
            kind=u.kind,
            created_at=u.created_at,
            age_hours=u.age_hours(now),
            url=reverse("community:topic", args=[u.topic_id]),
        )
        for u in unanswered.oldest
    ]
    return ContentReport(window, mix, speed, unanswered, engaged, earlier, boards, oldest)
