"""Points that follow moderation: a report upheld against a member costs them points.

The source key ``report_upheld:<item id>`` is the one an overturned appeal
reverses (``points_reverse``), so the penalty is withdrawn exactly once.
"""

from __future__ import annotations

from hearth.core.events import subscribe
from hearth.gamification.actions import PointAction
from hearth.gamification.services import points_award
from hearth.moderation.events import ReportUpheld


def report_upheld_source(item_id: int) -> str:
    return f"report_upheld:{item_id}"


@subscribe(ReportUpheld)
def on_report_upheld(event: ReportUpheld) -> None:
    points_award(
        member=event.member_id,
        action=PointAction.REPORT_UPHELD_AGAINST,
        source_key=report_upheld_source(event.item_id),
        target=f"{event.content_kind}:{event.content_id}",
        occurred_at=event.occurred_at,
    )
