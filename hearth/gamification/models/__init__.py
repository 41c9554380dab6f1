"""Models of the gamification app, one module per aggregate."""

from hearth.gamification.models.ledger import PointBalance, PointEntry
from hearth.gamification.models.levels import Level
from hearth.gamification.models.rules import PointRule, PointRuleBoardOverride

__all__ = ["Level", "PointBalance", "PointEntry", "PointRule", "PointRuleBoardOverride"]
