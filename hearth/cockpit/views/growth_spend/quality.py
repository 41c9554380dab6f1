"""The channel quality table (/ops/growth/quality/): one row per channel, a totals row, CSV."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from hearth.analytics.channels import QueryError
from hearth.cockpit.exports import Cell, Column, Table, table_response
from hearth.cockpit.permissions import can_view_growth
from hearth.cockpit.spend_forms import PeriodForm
from hearth.cockpit.views.base import cockpit_view, render_page
from hearth.growth.quality import SMALL_N, QualityRow, QualityTable, channel_quality, local_today


def _cells(row: QualityRow, name: str) -> tuple[Cell, ...]:
    outcome = row.outcome
    return (
        name,
        row.signups,
        row.last_touch,
        round(row.linear, 2),
        float(row.spend),
        None if row.cac is None else round(row.cac, 2),
        row.activation,
        row.rate(1),
        row.rate(7),
        row.rate(30),
        outcome.median_actions if outcome else None,
        outcome.posted_rate if outcome else None,
        outcome.level2_rate if outcome else None,
        row.still_active_rate,
        None if row.cost_per_active is None else round(row.cost_per_active, 2),
        "yes" if row.small else "",
    )


def quality_export(table: QualityTable) -> Table:
    columns = (
        Column(_("Channel")),
        Column(_("Sign-ups (first touch)"), "int"),
        Column(_("Sign-ups (last touch)"), "int"),
        Column(_("Sign-ups (linear)"), "number"),
        Column(_("Spend (¥)"), "number"),
        Column(_("CAC (¥)"), "number"),
        Column(_("Activation"), "percent"),
        Column(_("D1"), "percent"),
        Column(_("D7"), "percent"),
        Column(_("D30"), "percent"),
        Column(_("Median actions, first 30 days"), "number"),
        Column(_("Posted in 30 days"), "percent"),
        Column(_("Level 2 or above"), "percent"),
        Column(_("Active at day 30"), "percent"),
        Column(_("Cost per member active at day 30 (¥)"), "number"),
        Column(_("Fewer than %(n)d sign-ups") % {"n": SMALL_N}),
    )
    rows = [_cells(row, row.name or row.key or _("(none)")) for row in table.rows]
    rows.append(_cells(table.total, _("Total")))
    return Table(
        slug="channel-quality", title=_("Channel quality"), columns=columns, rows=tuple(rows)
    )


@cockpit_view(can_view_growth)
def quality(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET or None, today=local_today())
    period = form.period()
    context: dict[str, Any] = {"form": form, "period": period, "small_n": SMALL_N}
    try:
        table = channel_quality(period=period)
    except QueryError as exc:
        context["error"] = str(exc)
        return render_page(
            request, "cockpit/growth/spend/quality.html", context, active="quality", status=503
        )
    if request.GET.get("export") in ("csv", "xlsx"):
        stem = f"hearth-channel-quality-{period.start.isoformat()}_{period.end.isoformat()}"
        return table_response(quality_export(table), request.GET["export"], stem=stem)
    context["table"] = table
    context["sparks"] = {f"q-{row.key or 'none'}": row.trend for row in table.rows}
    return render_page(request, "cockpit/growth/spend/quality.html", context, active="quality")
