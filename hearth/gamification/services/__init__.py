"""Writes of the gamification app. Other apps call these, never the models."""

from hearth.gamification.services.adjust import points_adjust
from hearth.gamification.services.awards import points_award, points_reverse, target_key_for
from hearth.gamification.services.levels import ladder_replace, ladder_set, levels_recompute
from hearth.gamification.services.rules import point_rule_set

__all__ = [
    "ladder_replace",
    "ladder_set",
    "levels_recompute",
    "point_rule_set",
    "points_adjust",
    "points_award",
    "points_reverse",
    "target_key_for",
]
