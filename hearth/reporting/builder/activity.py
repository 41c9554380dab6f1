"""Whether anything happened in the period."""

from __future__ import annotations

from hearth.reporting.builder.context import Context


def has_activity(ctx: Context) -> bool:
    """Any row of the activity log on a day of the period."""
    found = ctx.rows(
        "SELECT 1 FROM activity WHERE day BETWEEN {start} AND {end} LIMIT 1",
        start=ctx.period.start,
        end=ctx.period.end,
    )
    return bool(found)
