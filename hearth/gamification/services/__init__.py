"""Writes of the gamification app. Other apps call these, never the models."""

from hearth.gamification.services.adjust import points_adjust
from hearth.gamification.services.awards import points_award, points_reverse, target_key_for
from hearth.gamification.services.backfill import BackfillSummary, points_backfill
from hearth.gamification.services.badge_backfill import badges_backfill, badges_backfill_report
from hearth.gamification.services.badge_history import (
    HistoricGrant,
    badge_grants_record,
    badge_manual_ensure,
)
from hearth.gamification.services.badge_rules import badges_evaluate, level_badges_grant
from hearth.gamification.services.badges import badge_define, badge_grant, badge_revoke
from hearth.gamification.services.checkins import check_in
from hearth.gamification.services.leaderboards import leaderboard_scores_add, leaderboards_rebuild
from hearth.gamification.services.levels import ladder_replace, ladder_set, levels_recompute
from hearth.gamification.services.rings import (
    fairness_policy_set,
    like_ring_confirm,
    like_ring_dismiss,
    like_rings_detect,
)
from hearth.gamification.services.rules import point_rule_set, point_rule_update
from hearth.gamification.services.showcase import showcase_set

__all__ = [
    "BackfillSummary",
    "HistoricGrant",
    "badge_define",
    "badge_grant",
    "badge_grants_record",
    "badge_manual_ensure",
    "badge_revoke",
    "badges_backfill",
    "badges_backfill_report",
    "badges_evaluate",
    "check_in",
    "fairness_policy_set",
    "ladder_replace",
    "ladder_set",
    "leaderboard_scores_add",
    "leaderboards_rebuild",
    "level_badges_grant",
    "levels_recompute",
    "like_ring_confirm",
    "like_ring_dismiss",
    "like_rings_detect",
    "point_rule_set",
    "point_rule_update",
    "points_adjust",
    "points_award",
    "points_backfill",
    "points_reverse",
    "showcase_set",
    "target_key_for",
]
