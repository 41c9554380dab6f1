"""Background tasks of the goals (huey): the daily recompute."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from hearth.goals.services import goals_recompute


@db_periodic_task(crontab(minute="20"))  # type: ignore[untyped-decorator]
def goals_recompute_daily() -> int:
    """Every hour at :20: compute the live goals not yet computed on the community's today
    (so each goal is computed once a day, soon after the community's midnight); returns how
    many were computed."""
    return goals_recompute()
