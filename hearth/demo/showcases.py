"""What demo members show beside their posts: a badge they hold and, at high levels, a title.

The bulk writer bypasses the services, so this writes the rows directly, after
the badge backfill has granted what the history earns.
"""

from __future__ import annotations

import random

from hearth.gamification.models import BadgeGrant, BadgeTier, MemberShowcase, PointBalance

SHOW_SHARE = 0.6  # of badge holders pick one to show
TITLE_SHARE = 0.4  # of members whose level allows a custom title set one
TITLES = ("资深玩家", "热心网友", "老司机", "分享达人", "技术宅", "夜猫子", "种草机", "答疑小能手")
TIER_RANK: dict[str, int] = {BadgeTier.GOLD: 3, BadgeTier.SILVER: 2, BadgeTier.BRONZE: 1}


def showcases_plant(*, seed: int) -> int:
    """Showcase rows for a deterministic share of members; answers how many were written."""
    rng = random.Random(seed * 7 + 3)
    best: dict[int, tuple[int, int]] = {}
    held = BadgeGrant.objects.filter(revoked_at__isnull=True).values_list(
        "member_id", "badge_id", "badge__tier"
    )
    for member_id, badge_id, tier in held.order_by("member_id", "badge_id"):
        rank = TIER_RANK.get(tier, 0)
        if member_id not in best or rank > best[member_id][0]:
            best[member_id] = (rank, badge_id)
    titled = set(
        PointBalance.objects.filter(level__custom_title=True).values_list("member_id", flat=True)
    )
    rows = []
    for member_id in sorted(set(best) | titled):
        shown: int | None = None
        if member_id in best and rng.random() < SHOW_SHARE:
            shown = best[member_id][1]
        title = rng.choice(TITLES) if member_id in titled and rng.random() < TITLE_SHARE else ""
        if shown or title:
            rows.append(MemberShowcase(member_id=member_id, badge_id=shown, title=title))
    MemberShowcase.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return len(rows)
