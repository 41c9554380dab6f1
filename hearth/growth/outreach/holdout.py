"""The holdout (对照组): a random share of the audience that receives nothing.

Deterministic per outreach, so the split can be checked and re-made: a
``random.Random`` seeded with the outreach's id shuffles the sorted member ids
and the first ``round(n × share)`` are held out.
"""

from __future__ import annotations

import random
from collections.abc import Iterable


def holdout_split(
    *, outreach_id: int, member_ids: Iterable[int], share: float
) -> tuple[list[int], list[int]]:
    """``(treated, holdout)``, each ascending."""
    ids = sorted(set(member_ids))
    random.Random(outreach_id).shuffle(ids)  # noqa: S311 — a split, not a secret
    k = round(len(ids) * share)
    return sorted(ids[k:]), sorted(ids[:k])
