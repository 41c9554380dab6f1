"""Members: who joins when, from where, how intensely they take part, how far they onboard."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hearth.accounts.models import AGE_BANDS
from hearth.demo import effects
from hearth.demo.sim.window import DAY, Window

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
BOOL = npt.NDArray[np.bool_]

NEVER = np.int64(2**62)
"""The time of an onboarding step a member never reaches."""

# Onboarding stages: how many of effects.ONBOARDING_STEPS a member reaches, in order.
STAGE_PROFILE, STAGE_FOLLOW, STAGE_READ, STAGE_LIKE, STAGE_REPLY, STAGE_TOPIC = range(1, 7)
"""Stage k means the member reached the first k of effects.ONBOARDING_STEPS (0: none)."""
FIRST_KINDS = ("read", "like", "reply", "topic")
_FIRST_STAGE = {"read": STAGE_READ, "like": STAGE_LIKE, "reply": STAGE_REPLY, "topic": STAGE_TOPIC}

ACTIVE_BASE = 0.12
"""Chance that a member with intensity 1 is active on a weekday of their span."""
ACTIVE_MAX = 0.62
MAX_FOLLOWS = 5
_HOUR_CDF = np.cumsum(effects.HOUR_WEIGHTS) / sum(effects.HOUR_WEIGHTS)
_AGE_RANGES = [(max(low, 14), min(high, 65)) for low, high, _label in AGE_BANDS]


@dataclass(frozen=True)
class SimSpec:
    """What to simulate: sizes, the window and the theme's population mix."""

    seed: int
    members: int
    window: Window
    board_weights: tuple[float, ...]
    decline_board: int
    decline_band: int
    band_weights: tuple[float, ...]
    gender_weights: tuple[float, ...]
    region_weights: tuple[float, ...]
    scale: float = 1.0
    chunk: int = 25_000

    @property
    def board_p(self) -> F64:
        w = np.asarray(self.board_weights, dtype=np.float64)
        out: F64 = w / w.sum()
        return out

    @property
    def decline_band_board_p(self) -> F64:
        """Board popularity as the declining band sees it (effects.DECLINE_BAND_AFFINITY)."""
        w = np.asarray(self.board_weights, dtype=np.float64)
        w[self.decline_board] *= effects.DECLINE_BAND_AFFINITY
        out: F64 = w / w.sum()
        return out


@dataclass(frozen=True)
class Members:
    """One entry per member, in join order (index 0 joined first)."""

    join_t: I64
    channel: I64
    region: I64
    band: I64
    birth_year: I64
    gender: I64
    intensity: F64
    active_p: F64
    stage: I64
    retained: BOOL
    life: I64
    follow_t: I64
    follows: I64
    follow_n: I64
    first: dict[str, I64]
    return_day: I64

    @property
    def n(self) -> int:
        return len(self.join_t)

    @property
    def join_day(self) -> I64:
        return self.join_t // DAY


def day_seconds(rng: np.random.Generator, n: int) -> I64:
    """Seconds into the day, following the hourly pattern of effects.HOUR_WEIGHTS."""
    hours = np.searchsorted(_HOUR_CDF, rng.random(n), side="right")
    return np.minimum(hours, 23).astype(np.int64) * 3600 + rng.integers(0, 3600, n)


def _join_times(rng: np.random.Generator, spec: SimSpec) -> I64:
    window = spec.window
    days = np.arange(window.days)
    weekday = np.asarray(effects.WEEKDAY_FACTORS)[window.weekdays()]
    density = effects.SIGNUP_GROWTH ** (days / max(window.days - 1, 1)) * weekday
    today_s = window.now_s - (window.days - 1) * DAY
    density[-1] *= max(today_s, 1) / DAY
    join_day = rng.choice(window.days, size=spec.members, p=density / density.sum())
    sec = day_seconds(rng, spec.members)
    sec = np.where(join_day == window.days - 1, sec * max(today_s - 1, 0) // DAY, sec)
    return np.sort(join_day.astype(np.int64) * DAY + sec)


def _stages(rng: np.random.Generator, channel: I64) -> I64:
    follow_rate = np.array([c.follow_rate for c in effects.CHANNELS])[channel]
    rates = [
        np.full(len(channel), effects.PROFILE_RATE),
        follow_rate,
        *(np.full(len(channel), effects.STEP_RATES[s]) for s in effects.ONBOARDING_STEPS[2:]),
    ]
    reached = np.ones(len(channel), dtype=bool)
    stage = np.zeros(len(channel), dtype=np.int64)
    for rate in rates:
        reached &= rng.random(len(channel)) < rate
        stage += reached
    return stage


def _firsts(
    rng: np.random.Generator, join_t: I64, follow_t: I64, stage: I64, life: I64
) -> dict[str, I64]:
    """Times of the first read, like, reply and topic: in order, within the first week."""
    n = len(join_t)
    week_end = np.maximum(
        (join_t // DAY + np.minimum(life, effects.FIRST_WEEK_LAST_OFFSET) + 1) * DAY - 1,
        join_t + 2 * 3600,
    )
    t = follow_t + rng.integers(120, 900, n)
    firsts: dict[str, I64] = {}
    for k, kind in enumerate(FIRST_KINDS):
        if k:
            same_session = rng.random(n) < 0.5
            gap = np.where(same_session, rng.exponential(1200.0, n), rng.exponential(1.5 * DAY, n))
            t = t + 60 + gap.astype(np.int64)
        capped = np.minimum(t, week_end - (len(FIRST_KINDS) - k) * 60)
        firsts[kind] = np.where(stage >= _FIRST_STAGE[kind], capped, NEVER)
    return firsts


def _follows(rng: np.random.Generator, spec: SimSpec, stage: I64, band: I64) -> tuple[I64, I64]:
    n, boards = spec.members, len(spec.board_weights)
    keys = np.log(spec.board_p)[None, :] + rng.gumbel(size=(n, boards))
    keys[band == spec.decline_band, spec.decline_board] += np.log(effects.DECLINE_BAND_AFFINITY)
    order = np.argsort(-keys, axis=1)[:, :MAX_FOLLOWS]
    count = np.where(
        stage >= STAGE_FOLLOW,
        rng.integers(effects.FOLLOW_BOARDS_REQUIRED, MAX_FOLLOWS + 1, n),
        np.where((stage == STAGE_PROFILE) & (rng.random(n) < 0.25), rng.integers(1, 3, n), 0),
    )
    count = np.minimum(count, boards)
    follows = np.where(np.arange(order.shape[1])[None, :] < count[:, None], order, -1)
    return follows.astype(np.int64), count.astype(np.int64)


def members_draw(spec: SimSpec) -> Members:
    """Draw every member's attributes (deterministic in ``spec.seed``)."""
    rng = np.random.default_rng([spec.seed, 0])
    n = spec.members
    join_t = _join_times(rng, spec)
    channel = rng.choice(len(effects.CHANNELS), size=n, p=[c.weight for c in effects.CHANNELS])
    region_p = np.asarray(spec.region_weights) / sum(spec.region_weights)
    region = rng.choice(len(region_p), size=n, p=region_p)
    band_p = np.asarray(spec.band_weights) / sum(spec.band_weights)
    band = rng.choice(len(band_p), size=n, p=band_p)
    low = np.array([r[0] for r in _AGE_RANGES])[band]
    high = np.array([r[1] for r in _AGE_RANGES])[band]
    age = low + (rng.random(n) * (high - low + 1)).astype(np.int64)
    birth_year = spec.window.today.year - age
    gender_p = np.asarray(spec.gender_weights) / sum(spec.gender_weights)
    gender = rng.choice(len(gender_p), size=n, p=gender_p)
    intensity = np.minimum(rng.pareto(effects.ACTIVITY_PARETO_SHAPE, n) + 1.0, effects.ACTIVITY_CAP)
    active_p = np.clip(ACTIVE_BASE * intensity**0.5, 0.02, ACTIVE_MAX)
    stage = _stages(rng, channel)
    retained_rate = np.array([c.retained_rate for c in effects.CHANNELS])[channel]
    retained = (stage >= STAGE_READ) & (rng.random(n) < retained_rate)
    life = np.where(
        retained,
        8 + rng.exponential(effects.RETAINED_LIFETIME_MEAN_DAYS, n).astype(np.int64),
        rng.integers(0, effects.FIRST_WEEK_LAST_OFFSET + 1, n),
    )
    follow_t = join_t + rng.integers(60, 300, n)
    follows, follow_n = _follows(rng, spec, stage, band)
    firsts = _firsts(rng, join_t, follow_t, stage, life)
    low_r, high_r = effects.RETENTION_WINDOW
    return_day = np.where(
        retained,
        low_r + (rng.random(n) * (np.minimum(high_r, life) - low_r + 1)).astype(np.int64),
        -1,
    )
    return Members(
        join_t=join_t,
        channel=channel.astype(np.int64),
        region=region.astype(np.int64),
        band=band.astype(np.int64),
        birth_year=birth_year.astype(np.int64),
        gender=gender.astype(np.int64),
        intensity=intensity,
        active_p=active_p,
        stage=stage,
        retained=retained,
        life=life.astype(np.int64),
        follow_t=follow_t,
        follows=follows,
        follow_n=follow_n,
        first=firsts,
        return_day=return_day.astype(np.int64),
    )
