"""The three passes of the simulation: topics, then replies, then everything else.

Members are processed in chunks of ``spec.chunk`` (memory stays bounded for a
million members); every chunk redraws its active days from the same seeds in
each pass, so the passes agree without keeping the actions in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from hearth.demo import effects
from hearth.demo.sim.activity import ChunkDays, Raw, chunk_days, raw_actions
from hearth.demo.sim.members import (
    BOOL,
    F64,
    I64,
    MAX_FOLLOWS,
    STAGE_LIKE,
    Members,
    SimSpec,
    members_draw,
)
from hearth.demo.sim.window import DAY

SEED_TOPICS_PER_BOARD = 2
PGC_PER_BOARD_WEEK = 1.0
FOLLOWED_BOARD_SHARE = 0.75
REPLY_LIKE_SHARE = 0.3
SHARE_CHANNEL_P = (0.55, 0.15, 0.12, 0.18)
"""wechat, weibo, qq, link (ShareChannel order)."""
READ_SOURCES = ("board", "home", "search", "share", "notification")
READ_SOURCE_P = (0.45, 0.3, 0.1, 0.08, 0.07)
BOOKMARK_RATE = 0.02
_KEY = np.int64(2**27)


def first_per_key(key: I64, t: I64) -> I64:
    """Indices of the earliest row of each distinct key (keys and times ≥ 0)."""
    if not len(key):
        return np.zeros(0, dtype=np.int64)
    t_bits = int(t.max()).bit_length()
    if int(key.max()).bit_length() + t_bits <= 62:
        order = np.argsort((key << t_bits) | t)
    else:
        order = np.lexsort((t, key))
    sorted_key = key[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = sorted_key[1:] != sorted_key[:-1]
    out: I64 = order[first]
    return out


@dataclass(frozen=True)
class Topics:
    """Topics in creation order (index = id order); author -1 is staff (PGC)."""

    author: I64
    board: I64
    t: I64
    quality: F64
    seed_of_board: I64
    by_board: list[I64] = field(repr=False)
    times_by_board: list[I64] = field(repr=False)

    def __len__(self) -> int:
        return len(self.t)

    @property
    def pgc(self) -> BOOL:
        out: BOOL = self.author < 0
        return out

    def pick(
        self, rng: np.random.Generator, board: I64, t: I64, recency: float, candidates: int = 3
    ) -> I64:
        """A topic of ``board`` created before ``t``: recent and good ones first (-1: none)."""
        out = np.full(len(t), -1, dtype=np.int64)
        for b, ids in enumerate(self.by_board):
            sel = np.flatnonzero(board == b)
            if not len(sel) or not len(ids):
                continue
            times = self.times_by_board[b]
            ts = t[sel]
            hi = np.searchsorted(times, ts, side="left")
            pos = np.searchsorted(times, ts - rng.exponential(recency, len(sel)))
            pos = np.minimum(pos, np.maximum(hi - 1, 0))
            # The best of ``candidates`` neighbours in time: good topics draw more actions.
            cand = np.maximum(pos[:, None] - np.arange(candidates)[None, :], 0)
            cand = ids[cand]
            best = cand[np.arange(len(sel)), np.argmax(self.quality[cand], axis=1)]
            out[sel] = np.where(hi > 0, best, -1)
        return out


@dataclass(frozen=True)
class Replies:
    """Replies in creation order (index = id order)."""

    author: I64
    topic: I64
    t: I64
    order: I64 = field(repr=False)
    keys: I64 = field(repr=False)

    @classmethod
    def build(cls, author: I64, topic: I64, t: I64) -> Replies:
        by_time = np.argsort(t, kind="stable")
        author, topic, t = author[by_time], topic[by_time], t[by_time]
        order = np.lexsort((t, topic))
        keys = topic[order] * _KEY + t[order] + DAY
        return cls(author=author, topic=topic, t=t, order=order, keys=keys)

    def __len__(self) -> int:
        return len(self.t)

    def pick(self, rng: np.random.Generator, topic: I64, t: I64) -> I64:
        """A reply of ``topic`` written before ``t`` (-1: none yet)."""
        lo = np.searchsorted(self.keys, topic * _KEY, side="left")
        hi = np.searchsorted(self.keys, topic * _KEY + t + DAY, side="left")
        pos = lo + (rng.random(len(t)) * (hi - lo)).astype(np.int64)
        pos = np.minimum(pos, max(len(self.order) - 1, 0))
        if not len(self.order):
            return np.full(len(t), -1, dtype=np.int64)
        return np.where(hi > lo, self.order[pos], -1)


@dataclass(frozen=True)
class ChunkActions:
    """Everything members ``lo``–``hi`` did besides topics and replies."""

    lo: int
    hi: int
    reads: dict[str, I64]
    topic_likes: dict[str, I64]
    reply_likes: dict[str, I64]
    shares: dict[str, I64]
    bookmarks: dict[str, I64]
    member_follows: dict[str, I64]


class Simulation:
    """Members, topics, replies and actions of one community (deterministic in the seed)."""

    def __init__(self, spec: SimSpec) -> None:
        self.spec = spec
        self.members: Members = members_draw(spec)

    def chunks(self) -> Iterator[tuple[int, int]]:
        for lo in range(0, self.spec.members, self.spec.chunk):
            yield lo, min(lo + self.spec.chunk, self.spec.members)

    def _rng(self, stream: int, number: int = 0) -> np.random.Generator:
        return np.random.default_rng([self.spec.seed, stream, number])

    def _boards(self, rng: np.random.Generator, member: I64) -> I64:
        """The board of each action: mostly one the member follows."""
        count = self.members.follow_n[member]
        use = (count > 0) & (rng.random(len(member)) < FOLLOWED_BOARD_SHARE)
        k = np.minimum((rng.random(len(member)) * np.maximum(count, 1)).astype(np.int64), 4)
        width = self.members.follows.shape[1]
        followed = self.members.follows[member, np.minimum(k, min(width, MAX_FOLLOWS) - 1)]
        n_boards = len(self.spec.board_weights)
        popular = rng.choice(n_boards, size=len(member), p=self.spec.board_p)
        in_band = np.flatnonzero(self.members.band[member] == self.spec.decline_band)
        popular[in_band] = rng.choice(n_boards, size=len(in_band), p=self.spec.decline_band_board_p)
        out: I64 = np.where(use, followed, popular)
        return out

    def _thin(self, rng: np.random.Generator, raw: Raw, board: I64) -> BOOL:
        """Planted effect 4: the declining board loses half of one band's recent actions."""
        cut = (self.spec.window.days - 7 * effects.DECLINE_WEEKS) * DAY
        hit = (
            (board == self.spec.decline_board)
            & (self.members.band[raw.member] == self.spec.decline_band)
            & (raw.t >= cut)
            & ~raw.forced
        )
        out: BOOL = ~hit | (rng.random(len(raw)) < effects.DECLINE_KEEP)
        return out

    # Pass 1 ---------------------------------------------------------------------------
    def topics(self) -> Topics:
        authors, boards, times = [], [], []
        for lo, hi in self.chunks():
            days = chunk_days(self.spec, self.members, lo, hi)
            raw = raw_actions(self.spec, self.members, days, "topic")
            authors.append(raw.member)
            boards.append(self._boards(self._rng(20, days.number), raw.member))
            times.append(raw.t)
        rng = self._rng(21)
        n_boards, window = len(self.spec.board_weights), self.spec.window
        seed_board = np.repeat(np.arange(n_boards), SEED_TOPICS_PER_BOARD)
        seed_t = -DAY + 9 * 3600 + np.arange(len(seed_board)) * 600
        weekly = rng.poisson(window.days / 7 * PGC_PER_BOARD_WEEK, n_boards)
        pgc_board = np.repeat(np.arange(n_boards), weekly)
        pgc_t = rng.integers(0, window.days, len(pgc_board)) * DAY + rng.integers(
            9 * 3600, 18 * 3600, len(pgc_board)
        )
        staff = np.concatenate([seed_t, pgc_t[pgc_t < window.now_s]])
        author = np.concatenate([*authors, np.full(len(staff), -1)])
        board = np.concatenate([*boards, seed_board, pgc_board[pgc_t < window.now_s]])
        t = np.concatenate([*times, staff])
        order = np.argsort(t, kind="stable")
        author, board, t = author[order], board[order], t[order]
        quality = rng.lognormal(0.0, 0.7, len(t)) * np.where(author < 0, 2.0, 1.0)
        by_board = [np.flatnonzero(board == b) for b in range(n_boards)]
        return Topics(
            author=author.astype(np.int64),
            board=board.astype(np.int64),
            t=t.astype(np.int64),
            quality=quality,
            seed_of_board=np.array([ids[0] for ids in by_board], dtype=np.int64),
            by_board=by_board,
            times_by_board=[t[ids] for ids in by_board],
        )

    # Pass 2 ---------------------------------------------------------------------------
    def replies(self, topics: Topics) -> Replies:
        authors, targets, times = [], [], []
        for lo, hi in self.chunks():
            days = chunk_days(self.spec, self.members, lo, hi)
            raw = raw_actions(self.spec, self.members, days, "reply")
            rng = self._rng(30, days.number)
            board = self._boards(rng, raw.member)
            topic = topics.pick(rng, board, raw.t, recency=1.5 * DAY)
            topic = np.where(topic < 0, topics.seed_of_board[board], topic)
            keep = self._thin(rng, raw, board)
            authors.append(raw.member[keep])
            targets.append(topic[keep])
            times.append(raw.t[keep])
        return Replies.build(
            np.concatenate(authors), np.concatenate(targets), np.concatenate(times)
        )

    # Pass 3 ---------------------------------------------------------------------------
    def actions(self, topics: Topics, replies: Replies) -> Iterator[ChunkActions]:
        posts = np.bincount(topics.author[topics.author >= 0], minlength=self.spec.members)
        posts = posts + np.bincount(replies.author, minlength=self.spec.members)
        for lo, hi in self.chunks():
            yield self._chunk_actions(lo, hi, topics, replies, posts)

    def _chunk_actions(
        self, lo: int, hi: int, topics: Topics, replies: Replies, posts: I64
    ) -> ChunkActions:
        days = chunk_days(self.spec, self.members, lo, hi)
        rng = self._rng(40, days.number)

        raw = raw_actions(self.spec, self.members, days, "read")
        board = self._boards(rng, raw.member)
        topic = topics.pick(rng, board, raw.t, recency=3 * DAY)
        topic = np.where((topic < 0) & raw.forced, topics.seed_of_board[board], topic)
        keep = (topic >= 0) & self._thin(rng, raw, board)
        reads = [(raw.member[keep], topic[keep], raw.t[keep])]

        topic_likes, reply_likes = self._likes(rng, days, topics, replies)
        raw = raw_actions(self.spec, self.members, days, "share")
        board = self._boards(rng, raw.member)
        topic = topics.pick(rng, board, raw.t, recency=2 * DAY, candidates=4)
        keep = (topic >= 0) & self._thin(rng, raw, board)
        shares = {
            "member": raw.member[keep],
            "topic": topic[keep],
            "t": raw.t[keep],
            "channel": rng.choice(4, size=int(keep.sum()), p=SHARE_CHANNEL_P),
        }
        mine = (replies.author >= lo) & (replies.author < hi)
        reply_topics = replies.topic[reply_likes["reply"]]
        for member, target, t in (
            (topic_likes["member"], topic_likes["topic"], topic_likes["t"]),
            (reply_likes["member"], reply_topics, reply_likes["t"]),
            (shares["member"], shares["topic"], shares["t"]),
            (replies.author[mine], replies.topic[mine], replies.t[mine]),
        ):
            before = t - rng.integers(10, 300, len(t))
            reads.append((member, target, np.maximum(before, self.members.first["read"][member])))
        read_rows = self._reads(rng, reads, topics)
        return ChunkActions(
            lo=lo,
            hi=hi,
            reads=read_rows,
            topic_likes=topic_likes,
            reply_likes=reply_likes,
            shares=shares,
            bookmarks=self._bookmarks(rng, read_rows, topics),
            member_follows=self._member_follows(rng, lo, hi, posts),
        )

    def _likes(
        self, rng: np.random.Generator, days: ChunkDays, topics: Topics, replies: Replies
    ) -> tuple[dict[str, I64], dict[str, I64]]:
        raw = raw_actions(self.spec, self.members, days, "like")
        board = self._boards(rng, raw.member)
        topic = topics.pick(rng, board, raw.t, recency=2 * DAY)
        own = (topic < 0) | (topics.author[np.maximum(topic, 0)] == raw.member)
        topic = np.where(own & raw.forced, topics.seed_of_board[board], topic)
        own = (topic < 0) | (topics.author[np.maximum(topic, 0)] == raw.member)
        on_reply = (rng.random(len(raw)) < REPLY_LIKE_SHARE) & ~raw.forced & (topic >= 0)
        reply = np.full(len(raw), -1, dtype=np.int64)
        reply[on_reply] = replies.pick(rng, topic[on_reply], raw.t[on_reply])
        reply_ok = (reply >= 0) & (replies.author[np.maximum(reply, 0)] != raw.member)
        keep = self._thin(rng, raw, board)
        topic_ok = keep & ~on_reply & ~own
        reply_ok &= keep & on_reply
        n_topics = np.int64(len(topics))
        first = first_per_key(raw.member[topic_ok] * n_topics + topic[topic_ok], raw.t[topic_ok])
        t_idx = np.flatnonzero(topic_ok)[first]
        n_replies = np.int64(max(len(replies), 1))
        first = first_per_key(raw.member[reply_ok] * n_replies + reply[reply_ok], raw.t[reply_ok])
        r_idx = np.flatnonzero(reply_ok)[first]
        return (
            {"member": raw.member[t_idx], "topic": topic[t_idx], "t": raw.t[t_idx]},
            {"member": raw.member[r_idx], "reply": reply[r_idx], "t": raw.t[r_idx]},
        )

    def _reads(
        self, rng: np.random.Generator, parts: list[tuple[I64, I64, I64]], topics: Topics
    ) -> dict[str, I64]:
        member = np.concatenate([p[0] for p in parts])
        topic = np.concatenate([p[1] for p in parts])
        t = np.concatenate([p[2] for p in parts])
        key = (member * np.int64(len(topics)) + topic) * np.int64(self.spec.window.days + 1) + (
            t // DAY
        )
        idx = first_per_key(key, t)
        idx = idx[np.argsort(t[idx], kind="stable")]
        n = len(idx)
        dwell = np.minimum(rng.lognormal(np.log(55.0), 0.9, n), 1800).astype(np.int64) + 3
        return {
            "member": member[idx],
            "topic": topic[idx],
            "t": t[idx],
            "dwell": dwell,
            "source": rng.choice(len(READ_SOURCES), size=n, p=READ_SOURCE_P),
        }

    def _bookmarks(
        self, rng: np.random.Generator, reads: dict[str, I64], topics: Topics
    ) -> dict[str, I64]:
        chance = BOOKMARK_RATE * np.minimum(topics.quality[reads["topic"]], 3.0)
        marked = np.flatnonzero(rng.random(len(chance)) < chance)
        n_topics = np.int64(len(topics))
        key = reads["member"][marked] * n_topics + reads["topic"][marked]
        idx = marked[first_per_key(key, reads["t"][marked])]
        return {"member": reads["member"][idx], "topic": reads["topic"][idx], "t": reads["t"][idx]}

    def _member_follows(
        self, rng: np.random.Generator, lo: int, hi: int, posts: I64
    ) -> dict[str, I64]:
        m = self.members
        total = posts.sum()
        followers = np.arange(lo, hi)[m.stage[lo:hi] >= STAGE_LIKE]
        if not total or not len(followers):
            empty = np.zeros(0, dtype=np.int64)
            return {"member": empty, "target": empty, "t": empty}
        k = rng.poisson(0.4 * m.intensity[followers] ** 0.5)
        member = np.repeat(followers, k)
        target = rng.choice(len(posts), size=len(member), p=posts / total)
        start = m.follow_t[member]
        end = np.minimum(
            (m.join_day[member] + m.life[member] + 1) * DAY - 1, self.spec.window.now_s - 1
        )
        t = start + (rng.random(len(member)) * np.maximum(end - start, 0)).astype(np.int64)
        ok = (target != member) & (end > start)
        idx = np.flatnonzero(ok)[
            first_per_key(member[ok] * np.int64(len(posts)) + target[ok], t[ok])
        ]
        return {"member": member[idx], "target": target[idx], "t": t[idx]}
