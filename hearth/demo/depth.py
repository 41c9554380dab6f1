"""A plausible read depth for the demo's reads, written in bulk (the page beacon reports live ones).

Deterministic and without drawing from the simulation's random streams (which
would move every planted effect): the longer a read lasted, the further down
the topic it got, give or take a little per member and topic; about a third
of the reads of a minute or more reach the end.
"""

from __future__ import annotations

import math


def demo_read_depth(dwell_seconds: int, member: int, topic: int) -> int:
    """Percent of the topic reached (5–100)."""
    reached = 100 * (1 - math.exp(-dwell_seconds / 70))
    jitter = (member * 7919 + topic * 104_729) % 31 - 15
    depth = round(reached + jitter)
    return 100 if depth >= 92 else max(5, depth)
