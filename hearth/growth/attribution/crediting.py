"""Crediting: first touch, last touch and linear shares of a member's touches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hearth.growth.models import DIRECT


@dataclass(frozen=True)
class Credit:
    """How one member's sign-up is shared among channels."""

    first_channel: str
    last_channel: str
    linear: tuple[float, ...]
    """Each touch's share, in touch order; they add up to 1."""


def credit_for(channels: Sequence[str]) -> Credit:
    """First-touch, last-touch and linear credit of touches of ``channels`` (oldest first).

    No touch at all is the direct channel, with the whole credit.
    """
    if not channels:
        return Credit(DIRECT, DIRECT, ())
    share = 1.0 / len(channels)
    return Credit(channels[0], channels[-1], tuple(share for _channel in channels))


def linear_by_channel(channels: Sequence[str]) -> dict[str, float]:
    """Linear credit summed per channel (a channel touched twice of four gets 0.5)."""
    credit = credit_for(channels)
    if not channels:
        return {DIRECT: 1.0}
    totals: dict[str, float] = {}
    for channel, share in zip(channels, credit.linear, strict=True):
        totals[channel] = totals.get(channel, 0.0) + share
    return totals
