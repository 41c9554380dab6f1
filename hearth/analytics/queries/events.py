"""The custom events the activity log has seen (their names), for pickers such as funnel steps."""

from __future__ import annotations

from sqlglot import exp

from hearth.analytics.definitions import ACTION_BITS
from hearth.analytics.queries.base import AnalyticsQuery
from hearth.analytics.store.engine import Result

MAX_NAMES = 200


class CustomEventNames(AnalyticsQuery[list[str]]):
    """Distinct names of the actions that are not built in, alphabetically (at most 200)."""

    name = "custom_event_names"

    def cache_key(self) -> str:
        return ""

    def to_query(self) -> exp.Expression:
        built_in = [exp.Literal.string(a) for a in ACTION_BITS]
        return (
            exp.select("action")
            .distinct()
            .from_("activity")
            .where(exp.column("action").isin(*built_in).not_())
            .order_by("action")
            .limit(MAX_NAMES)
        )

    def shape(self, result: Result) -> list[str]:
        return [str(row[0]) for row in result.rows]
