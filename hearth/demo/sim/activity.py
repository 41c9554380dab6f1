"""Which days each member is active, and the raw actions (member, time) of those days."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hearth.demo import effects
from hearth.demo.sim.members import (
    BOOL,
    I64,
    NEVER,
    STAGE_FOLLOW,
    STAGE_LIKE,
    STAGE_READ,
    STAGE_REPLY,
    STAGE_TOPIC,
    Members,
    SimSpec,
    day_seconds,
)
from hearth.demo.sim.window import DAY

KINDS = ("read", "like", "reply", "topic", "share")
RATES = {"read": 3.0, "like": 0.9, "reply": 0.6, "topic": 0.07, "share": 0.05}
"""Mean actions of each kind per active day for a member of intensity 1 (before scale)."""
EXPONENTS = {"read": 0.25, "like": 0.35, "reply": 0.6, "topic": 0.8, "share": 0.3}
_KIND_SEED = {kind: 10 + k for k, kind in enumerate(KINDS)}


@dataclass(frozen=True)
class Raw:
    """Actions of one kind before their targets are chosen."""

    member: I64
    t: I64
    forced: BOOL

    def __len__(self) -> int:
        return len(self.member)

    def take(self, mask: BOOL | I64) -> Raw:
        return Raw(self.member[mask], self.t[mask], self.forced[mask])


@dataclass(frozen=True)
class ChunkDays:
    """The active member-days of members ``lo``–``hi`` and their action counts per kind."""

    lo: int
    hi: int
    number: int
    member: I64
    day: I64
    counts: dict[str, I64]


def _allowed(kind: str, stage: I64) -> BOOL:
    if kind == "read":
        # Members stuck before the board-follow step browse; stage-2 members never read.
        out: BOOL = stage != STAGE_FOLLOW
        return out
    minimum = {"like": STAGE_LIKE, "reply": STAGE_REPLY, "topic": STAGE_TOPIC, "share": STAGE_READ}
    return stage >= minimum[kind]


def chunk_days(spec: SimSpec, members: Members, lo: int, hi: int) -> ChunkDays:
    """Active days of members ``lo``–``hi`` (deterministic per chunk)."""
    number = lo // spec.chunk
    rng = np.random.default_rng([spec.seed, 1, number])
    days = spec.window.days
    join_day = members.join_day[lo:hi]
    length = np.minimum(join_day + members.life[lo:hi], days - 1) - join_day + 1
    starts = np.cumsum(length) - length
    member = np.repeat(np.arange(lo, hi, dtype=np.int64), length)
    offset = np.arange(int(length.sum()), dtype=np.int64) - np.repeat(starts, length)
    day = np.repeat(join_day, length) + offset
    weekday = np.asarray(effects.WEEKDAY_FACTORS)[spec.window.weekdays()]
    chance = members.active_p[member] * weekday[day]
    active = (rng.random(len(member), dtype=np.float32) < chance) | (offset == 0)
    forced_times = [members.first[k][lo:hi] for k in ("read", "like", "reply", "topic")]
    ret = members.return_day[lo:hi]
    forced_times.append(np.where(ret >= 0, members.join_t[lo:hi] + ret * DAY, NEVER))
    for t in forced_times:
        forced_offset = t // DAY - join_day
        ok = (t < NEVER) & (forced_offset < length)
        active[starts[ok] + forced_offset[ok]] = True
    member, day = member[active], day[active]
    counts_rng = np.random.default_rng([spec.seed, 2, number])
    intensity = members.intensity[member]
    stage = members.stage[member]
    counts: dict[str, I64] = {}
    for kind in KINDS:
        lam = RATES[kind] * spec.scale * intensity ** EXPONENTS[kind]
        n = counts_rng.poisson(lam) + (1 if kind == "read" else 0)
        counts[kind] = np.where(_allowed(kind, stage), n, 0).astype(np.int64)
    return ChunkDays(lo=lo, hi=hi, number=number, member=member, day=day, counts=counts)


def raw_actions(spec: SimSpec, members: Members, days: ChunkDays, kind: str) -> Raw:
    """The chunk's actions of ``kind``: random ones plus the forced first one, in the past."""
    rng = np.random.default_rng([spec.seed, _KIND_SEED[kind], days.number])
    count = days.counts[kind]
    member = np.repeat(days.member, count)
    day = np.repeat(days.day, count)
    sec = day_seconds(rng, len(member))
    join_t = members.join_t[member]
    join_sec = join_t % DAY
    on_join_day = day == join_t // DAY
    sec = np.where(on_join_day, join_sec + 1 + sec * (DAY - 1 - join_sec) // DAY, sec)
    t = day * DAY + sec
    forced = np.zeros(len(member), dtype=bool)
    if kind == "read":
        threshold = np.where(
            members.stage[member] >= STAGE_READ, members.first["read"][member], join_t
        )
    else:
        # A share implies a read, so it waits for the first read like the other steps.
        threshold = members.first["read" if kind == "share" else kind][member]
    keep = t > threshold
    member, t, forced = member[keep], t[keep], forced[keep]
    if kind in members.first:
        chunk_first = members.first[kind][days.lo : days.hi]
        has = np.flatnonzero(chunk_first < NEVER)
        member = np.concatenate([member, has + days.lo])
        t = np.concatenate([t, chunk_first[has]])
        forced = np.concatenate([forced, np.ones(len(has), dtype=bool)])
    past = t < spec.window.now_s
    return Raw(member[past], t[past], forced[past])
