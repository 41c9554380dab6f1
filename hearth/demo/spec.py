"""From a theme to a simulation: the spec, and the simulated rows gathered in memory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import numpy as np
from django.conf import settings
from django.utils.translation import gettext as _

from hearth.accounts.models import AGE_BANDS
from hearth.demo import effects
from hearth.demo.banks import ThemeBank, common
from hearth.demo.sim.engine import Replies, Simulation, Topics
from hearth.demo.sim.members import I64, SimSpec
from hearth.demo.sim.window import Window

BAND_LABELS: tuple[str, ...] = tuple(label for _low, _high, label in AGE_BANDS)
GENDERS = ("", "f", "m", "o")


def spec_for(
    *,
    bank: ThemeBank,
    seed: int,
    members: int,
    now: dt.datetime,
    days: int = effects.WINDOW_DAYS,
    scale: float = 1.0,
    chunk: int = 25_000,
) -> SimSpec:
    """The simulation of ``bank``'s community: its boards, population and planted decline."""
    window = Window.ending(now=now, days=days, tz=ZoneInfo(settings.TIME_ZONE))
    decline = effects.DECLINES[bank.key]
    slugs = [b.slug for b in bank.boards]
    _places, region_weights = common.region_table()
    return SimSpec(
        seed=seed,
        members=members,
        window=window,
        board_weights=tuple(b.weight for b in bank.boards),
        decline_board=slugs.index(decline.board_slug),
        decline_band=BAND_LABELS.index(decline.band),
        band_weights=bank.band_weights,
        gender_weights=bank.gender_weights,
        region_weights=tuple(region_weights),
        scale=scale,
        chunk=chunk,
    )


@dataclass(frozen=True)
class SimResult:
    """All simulated rows of a small community, in memory (the demo's size)."""

    sim: Simulation
    topics: Topics
    replies: Replies
    reads: dict[str, I64]
    topic_likes: dict[str, I64]
    reply_likes: dict[str, I64]
    shares: dict[str, I64]
    bookmarks: dict[str, I64]
    member_follows: dict[str, I64]


def simulate(spec: SimSpec, progress: Callable[[str], object] | None = None) -> SimResult:
    sim = Simulation(spec)
    topics = sim.topics()
    replies = sim.replies(topics)
    chunks = list(sim.actions(topics, replies))

    def gather(name: str) -> dict[str, I64]:
        parts = [getattr(c, name) for c in chunks]
        return {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}

    if progress is not None:
        progress(
            _("  simulated %(members)d members, %(topics)d topics, %(replies)d replies")
            % {"members": spec.members, "topics": len(topics), "replies": len(replies)}
        )
    return SimResult(
        sim=sim,
        topics=topics,
        replies=replies,
        reads=gather("reads"),
        topic_likes=gather("topic_likes"),
        reply_likes=gather("reply_likes"),
        shares=gather("shares"),
        bookmarks=gather("bookmarks"),
        member_follows=gather("member_follows"),
    )
