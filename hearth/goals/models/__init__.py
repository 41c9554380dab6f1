"""Models of the goals app, one module per aggregate."""

from hearth.goals.models.goals import (
    FilterKind,
    Goal,
    GoalDay,
    GoalSettings,
    GoalStatus,
    TargetKind,
)
from hearth.goals.models.initiatives import Initiative, InitiativeKind, InitiativeStatus
from hearth.goals.models.strategy import (
    Competitor,
    CompetitorFigure,
    ContentMixTarget,
    Positioning,
    StrategyAim,
)

__all__ = [
    "Competitor",
    "CompetitorFigure",
    "ContentMixTarget",
    "FilterKind",
    "Goal",
    "GoalDay",
    "GoalSettings",
    "GoalStatus",
    "Initiative",
    "InitiativeKind",
    "InitiativeStatus",
    "Positioning",
    "StrategyAim",
    "TargetKind",
]
