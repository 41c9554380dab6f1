"""Stream the large synthetic community into a sink, chunk by chunk (memory stays bounded).

The simulation is the demo's (:mod:`hearth.demo.sim`), so the planted effects of
:mod:`hearth.demo.effects` hold here too, over ``days`` (a year by default).
Actions are written as each chunk of members is simulated; members, topics
and replies go in last, with their counters complete.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import repeat
from queue import Empty
from typing import Any

import numpy as np
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from hearth.demo.banks import THEME_BANKS
from hearth.demo.bulk.sinks import Sink, filler
from hearth.demo.sim.engine import READ_SOURCES, ChunkActions, Replies, Simulation, Topics
from hearth.demo.sim.members import I64, SimSpec
from hearth.demo.sim.window import DAY, Window
from hearth.demo.spec import spec_for
from hearth.demo.writer import STAFF, STAFF_AUTHORS

TABLES = (
    "accounts_user",
    "accounts_user_groups",
    "accounts_memberfollow",
    "community_board",
    "community_board_moderators",
    "community_topic",
    "community_reply",
    "community_like",
    "community_share",
    "community_read",
    "community_bookmark",
    "community_boardfollow",
)
STAFF_IDS = len(STAFF)
"""User ids 1–7 are the admin and the staff; member ``i`` has id ``i + 8``."""
SHARE_CHANNELS = np.array(["wechat", "weibo", "qq", "link"], dtype=object)
SOURCES = np.array(READ_SOURCES, dtype=object)
CODE_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
FEATURED_SHARE = 0.01


@dataclass(frozen=True)
class GenerateOptions:
    members: int = 1_000_000
    days: int = 365
    seed: int = 20261125
    theme: str = "tech"
    scale: float = 0.5
    """Multiplies the actions per active day (0.5: about 50 actions per member over a year)."""
    chunk: int = 25_000
    now: dt.datetime | None = None
    jobs: int = 2
    """2: simulate in a child process while this one writes (the machine has two cores)."""


class Clock:
    """Wall seconds of the simulation as the database's datetime and date texts."""

    def __init__(self, window: Window, *, postgres: bool) -> None:
        self.window = window
        self.postgres = postgres
        self.dates = np.array(
            [window.date(d).isoformat() for d in range(-1, window.days + 1)], dtype=object
        )

    def stamps(self, t: I64) -> list[str]:
        seconds = self.window.epochs(t).astype("datetime64[s]")
        if self.postgres:
            out: list[str] = np.datetime_as_string(seconds, timezone="UTC").tolist()
            return out
        text = np.datetime_as_string(seconds)
        text.view(np.uint32).reshape(len(text), -1)[:, 10] = ord(" ")  # Django's SQLite format
        stamps: list[str] = text.tolist()
        return stamps

    def days(self, t: I64) -> list[str]:
        out: list[str] = self.dates[t // DAY + 1].tolist()
        return out


class LargeLoad:
    """One run of ``hearth generate``."""

    def __init__(
        self, *, options: GenerateOptions, sink: Sink, tick: Callable[[str], object]
    ) -> None:
        self.o, self.sink, self.tick = options, sink, tick
        self.bank = THEME_BANKS[options.theme]
        self.spec = spec_for(
            bank=self.bank,
            seed=options.seed,
            members=options.members,
            now=options.now or timezone.now(),
            days=options.days,
            scale=options.scale,
            chunk=options.chunk,
        )
        self.clock = Clock(self.spec.window, postgres=sink.is_postgres)
        self.counts: dict[str, int] = {}
        self.columns = {table: sink.columns(table) for table in TABLES}

    def n_chunks(self) -> int:
        return -(-self.o.members // self.o.chunk)

    def write(self, table: str, data: dict[str, Any], n: int) -> None:
        """Write ``n`` rows: lists are columns, anything else a constant."""
        known = {c.name for c in self.columns[table]}
        unknown = set(data) - known
        if unknown:
            raise RuntimeError(f"{table} has no columns {sorted(unknown)}: migrate the target")
        names, values = [], []
        for column in self.columns[table]:
            if column.name in data:
                value = data[column.name]
            elif not column.not_null or column.has_default:
                continue
            else:
                value = filler(column)
            names.append(column.name)
            values.append(value if isinstance(value, list) else repeat(value, n))
        if n:
            self.sink.write(table, names, zip(*values, strict=False))
        self.counts[table] = self.counts.get(table, 0) + n

    # ------------------------------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        started = time.monotonic()
        self.sink.begin(TABLES)
        sim = Simulation(self.spec)
        stream = simulated(self.spec, jobs=self.o.jobs)
        topics = next(stream)
        assert isinstance(topics, Topics)
        self.tick("topics")
        replies = next(stream)
        assert isinstance(replies, Replies)
        self.tick("replies")
        self.acc = Accumulator(sim, topics, replies)
        for chunk in stream:
            assert isinstance(chunk, ChunkActions)
            self.actions(chunk)
            self.acc.add(chunk)
            self.tick("actions")
        self.people(sim)
        self.tick("members written")
        self.content(topics, replies)
        self.tick("topics written")
        self.sink.finish()
        self.tick("indexes")
        counts = self.counts
        actions = sum(counts[t] for t in ("community_like", "community_read", "community_share"))
        return {
            "members": self.o.members,
            "topics": len(topics),
            "replies": len(replies),
            "likes": counts["community_like"],
            "reads": counts["community_read"],
            "shares": counts["community_share"],
            "bookmarks": counts["community_bookmark"],
            "board_follows": counts["community_boardfollow"],
            "member_follows": counts["accounts_memberfollow"],
            "actions": len(topics) + len(replies) + actions,
            "seconds": round(time.monotonic() - started, 1),
        }

    def actions(self, c: ChunkActions) -> None:
        stamps, members = self.clock.stamps, STAFF_IDS + 1
        # In the order of the unique (member, topic, day) index: the load appends to it.
        order = np.lexsort((c.reads["t"] // DAY, c.reads["topic"], c.reads["member"]))
        r = {key: values[order] for key, values in c.reads.items()}
        self.write(
            "community_read",
            {
                "member_id": (r["member"] + members).tolist(),
                "topic_id": (r["topic"] + 1).tolist(),
                "day": self.clock.days(r["t"]),
                "dwell_seconds": r["dwell"].tolist(),
                "source": SOURCES[r["source"]].tolist(),
                "created_at": stamps(r["t"]),
            },
            len(r["t"]),
        )
        for likes, target in ((c.topic_likes, "topic"), (c.reply_likes, "reply")):
            self.write(
                "community_like",
                {
                    "member_id": (likes["member"] + members).tolist(),
                    f"{target}_id": (likes[target] + 1).tolist(),
                    "created_at": stamps(likes["t"]),
                },
                len(likes["t"]),
            )
        s = c.shares
        first = self.counts.get("community_share", 0)
        self.write(
            "community_share",
            {
                "member_id": (s["member"] + members).tolist(),
                "topic_id": (s["topic"] + 1).tolist(),
                "channel": SHARE_CHANNELS[s["channel"]].tolist(),
                "code": [share_code(first + k) for k in range(len(s["t"]))],
                "visits": (s["member"] % 5).tolist(),
                "created_at": stamps(s["t"]),
            },
            len(s["t"]),
        )
        b = c.bookmarks
        self.write(
            "community_bookmark",
            {
                "member_id": (b["member"] + members).tolist(),
                "topic_id": (b["topic"] + 1).tolist(),
                "created_at": stamps(b["t"] + 30),
            },
            len(b["t"]),
        )
        f = c.member_follows
        self.write(
            "accounts_memberfollow",
            {
                "follower_id": (f["member"] + members).tolist(),
                "followed_id": (f["target"] + members).tolist(),
                "created_at": stamps(f["t"]),
            },
            len(f["t"]),
        )
        self.board_follows(c.lo, c.hi)

    def board_follows(self, lo: int, hi: int) -> None:
        m, now = self.acc.sim.members, self.spec.window.now_s
        follows, count, at = m.follows[lo:hi], m.follow_n[lo:hi], m.follow_t[lo:hi]
        mask = (np.arange(follows.shape[1])[None, :] < count[:, None]) & (at < now)[:, None]
        member, slot = np.nonzero(mask)
        self.acc.board_followers += np.bincount(
            follows[member, slot], minlength=len(self.bank.boards)
        )
        self.write(
            "community_boardfollow",
            {
                "member_id": (member + lo + STAFF_IDS + 1).tolist(),
                "board_id": (follows[member, slot] + 1).tolist(),
                "created_at": self.clock.stamps(at[member] + slot * 20),
            },
            len(member),
        )

    def people(self, sim: Simulation) -> None:
        from hearth.demo.bulk.people import write_people

        write_people(self, sim)

    def content(self, topics: Topics, replies: Replies) -> None:
        from hearth.demo.bulk.content import write_content

        write_content(self, topics, replies)


class Accumulator:
    """Counters gathered while the actions stream by."""

    def __init__(self, sim: Simulation, topics: Topics, replies: Replies) -> None:
        self.sim, self.topics, self.replies = sim, topics, replies
        n_topics, n_users = len(topics), sim.members.n + STAFF_IDS
        self.topic_likes = np.zeros(n_topics, dtype=np.int64)
        self.topic_shares = np.zeros(n_topics, dtype=np.int64)
        self.topic_reads = np.zeros(n_topics, dtype=np.int64)
        self.reply_likes = np.zeros(len(replies), dtype=np.int64)
        self.likes_received = np.zeros(n_users, dtype=np.int64)
        self.followers = np.zeros(n_users, dtype=np.int64)
        self.board_followers = np.zeros(len(topics.by_board), dtype=np.int64)
        self.last_t = sim.members.join_t.copy()
        self.author = topic_authors(topics, sim.members.n)

    def add(self, c: ChunkActions) -> None:
        n_topics, n_users = len(self.topics), len(self.likes_received)
        tl, rl = c.topic_likes, c.reply_likes
        self.topic_likes += np.bincount(tl["topic"], minlength=n_topics)
        self.topic_shares += np.bincount(c.shares["topic"], minlength=n_topics)
        self.topic_reads += np.bincount(c.reads["topic"], minlength=n_topics)
        self.reply_likes += np.bincount(rl["reply"], minlength=len(self.reply_likes))
        self.likes_received += np.bincount(self.author[tl["topic"]], minlength=n_users)
        self.likes_received += np.bincount(self.replies.author[rl["reply"]], minlength=n_users)
        self.followers += np.bincount(c.member_follows["target"], minlength=n_users)
        for member, t in ((c.reads["member"], c.reads["t"]), (tl["member"], tl["t"])):
            np.maximum.at(self.last_t, member, t)


Simulated = Topics | Replies | ChunkActions


def _simulate(spec: SimSpec) -> Iterator[Simulated]:
    sim = Simulation(spec)
    topics = sim.topics()
    yield topics
    replies = sim.replies(topics)
    yield replies
    yield from sim.actions(topics, replies)


def _produce(spec: SimSpec, queue: Any) -> None:
    for item in _simulate(spec):
        queue.put(item)
    queue.put(None)


def simulated(spec: SimSpec, *, jobs: int) -> Iterator[Simulated]:
    """The topics, the replies, then each chunk's actions; simulated in a child process
    (``jobs`` ≥ 2) so that simulation and writing overlap."""
    if jobs < 2:
        yield from _simulate(spec)
        return
    context = multiprocessing.get_context("fork")
    queue = context.Queue(maxsize=2)
    child = context.Process(target=_produce, args=(spec, queue), daemon=True)
    child.start()
    try:
        while True:
            try:
                item = queue.get(timeout=5)
            except Empty:
                if not child.is_alive():
                    raise RuntimeError(
                        f"the simulation stopped (exit code {child.exitcode})"
                    ) from None
                continue
            if item is None:
                break
            yield item
    finally:
        if child.is_alive():
            child.terminate()
        child.join()


def topic_authors(topics: Topics, n: int) -> I64:
    """Topic authors as user indexes: members 0…n-1, then the staff in STAFF order.

    The admin writes the welcome topic (topic 0); the other staff topics rotate
    among the content editor, the community manager, the event planner and the admin.
    """
    author = topics.author.copy()
    staff = np.flatnonzero(author < 0)
    author[staff] = n + np.asarray(STAFF_AUTHORS)[staff % len(STAFF_AUTHORS)]
    author[0] = n
    return author


def user_ids(index: I64, n: int) -> I64:
    """Database ids of user indexes (staff first: ids 1–7; member i: id i + 8)."""
    out: I64 = np.where(index < n, index + STAFF_IDS + 1, index - n + 1)
    return out


def share_code(k: int) -> str:
    """A distinct 10-letter share code for the k-th share (a bijection of k)."""
    base = len(CODE_ALPHABET)
    value = (k * 1_000_003 + 7_777_777) % base**10
    letters = []
    for _ in range(10):
        value, digit = divmod(value, base)
        letters.append(CODE_ALPHABET[digit])
    return "".join(letters)


def password_hash() -> str:
    from hearth.demo.build import DEMO_PASSWORD

    return make_password(DEMO_PASSWORD)
