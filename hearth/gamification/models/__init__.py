"""Models of the gamification app, one module per aggregate."""

from hearth.gamification.models.badges import Badge, BadgeCriterion, BadgeGrant, BadgeTier
from hearth.gamification.models.checkins import CheckIn
from hearth.gamification.models.fairness import AlertStatus, FairnessPolicy, LikeRingAlert
from hearth.gamification.models.leaderboards import SITE_WIDE, LeaderboardScore, Period
from hearth.gamification.models.ledger import PointBalance, PointEntry
from hearth.gamification.models.levels import Level
from hearth.gamification.models.rules import PointRule, PointRuleBoardOverride
from hearth.gamification.models.showcase import MemberShowcase

__all__ = [
    "SITE_WIDE",
    "AlertStatus",
    "Badge",
    "BadgeCriterion",
    "BadgeGrant",
    "BadgeTier",
    "CheckIn",
    "FairnessPolicy",
    "LeaderboardScore",
    "Level",
    "LikeRingAlert",
    "MemberShowcase",
    "Period",
    "PointBalance",
    "PointEntry",
    "PointRule",
    "PointRuleBoardOverride",
]
