"""Segments as the pages show them: a definition in words, members and comparisons as tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from hearth.accounts.models import Gender
from hearth.analytics.definitions import ACTION_LABELS
from hearth.analytics.models import Segment
from hearth.analytics.queries.params import Window
from hearth.analytics.segments.compare import SegmentSummary
from hearth.analytics.segments.definition import ACTIVE, Behaviour, SegmentDefinition
from hearth.analytics.segments.selectors import MemberRow
from hearth.cockpit.exports import Column, Table, range_stem


def action_label(action: str) -> str:
    if action == ACTIVE:
        return _("Active (any active action)")
    label = next((v for k, v in ACTION_LABELS.items() if k.value == action), None)
    return str(label) if label is not None else action


def behaviour_text(row: Behaviour) -> str:
    """One behaviour row in words, e.g. "最近 14 天未活跃"."""
    values = {"action": action_label(row.action), "times": row.times, "days": row.days}
    if row.action == ACTIVE and (row.kind == "did_not" or row.times == 1):
        return _active_text(row) % values
    if row.kind == "did_not":
        if row.days is None:
            return _("never %(action)s") % values
        return _("not %(action)s in the last %(days)d days") % values
    if row.days is None:
        if row.times > 1:
            return _("%(action)s at least %(times)d times, ever") % values
        return _("ever %(action)s") % values
    if row.action == ACTIVE and row.times > 1:
        return _("active on at least %(times)d of the last %(days)d days") % values
    if row.times > 1:
        return _("%(action)s at least %(times)d times in the last %(days)d days") % values
    return _("%(action)s in the last %(days)d days") % values


def _active_text(row: Behaviour) -> str:
    if row.kind == "did_not":
        return _("never active") if row.days is None else _("inactive in the last %(days)d days")
    return _("ever active") if row.days is None else _("active in the last %(days)d days")


def definition_texts(definition: SegmentDefinition, *, levels: dict[str, str]) -> list[str]:
    """The definition's conditions in words, one per attribute, join range and behaviour row."""
    genders = {value: str(label) for value, label in Gender.choices}
    names = {
        "channel": _("Channel"),
        "region": _("Region"),
        "age_band": _("Age band"),
        "gender": _("Gender"),
        "level": _("Level"),
    }
    texts = []
    for name, values in definition.attributes.items():
        if not values:
            continue
        shown = [
            genders.get(str(v), str(v))
            if name == "gender"
            else levels.get(str(v), str(v))
            if name == "level"
            else str(v) or _("Not known")
            for v in values
        ]
        texts.append(_("%(name)s: %(values)s") % {"name": names[name], "values": "、".join(shown)})
    start, end = definition.joined_from, definition.joined_to
    if start and end:
        texts.append(_("joined %(start)s to %(end)s") % {"start": start, "end": end})
    elif start:
        texts.append(_("joined on or after %(start)s") % {"start": start})
    elif end:
        texts.append(_("joined on or before %(end)s") % {"end": end})
    if definition.joined_within is not None:
        texts.append(_("joined in the last %(days)d days") % {"days": definition.joined_within})
    texts += [behaviour_text(row) for row in definition.behaviour]
    return texts


def member_table(segment_name: str, rows: Iterable[MemberRow], *, levels: dict[str, str]) -> Table:
    genders = {value: str(label) for value, label in Gender.choices}
    return Table(
        slug="members",
        title=segment_name,
        columns=(
            Column(_("Member ID"), "int"),
            Column(_("Username")),
            Column(_("Channel")),
            Column(_("Region")),
            Column(_("Age band")),
            Column(_("Gender")),
            Column(_("Level")),
            Column(_("Joined"), "date"),
        ),
        rows=tuple(
            (
                r.member_id,
                r.username,
                r.channel,
                r.region,
                r.age_band,
                genders.get(r.gender, r.gender) if r.gender else "",
                r.level,
                r.joined,
            )
            for r in rows
        ),
    )


RATE_METRICS = ("active_share", "d7", "d30")
ACTION_METRICS = ("read", "reply", "topic")


@dataclass(frozen=True)
class ComparisonReport:
    window: Window
    segments: list[Segment]
    rows: list[SegmentSummary]

    @property
    def stem(self) -> str:
        return range_stem(self.window)

    def table(self) -> Table:
        return Table(
            slug="comparison",
            title=_("Segment comparison"),
            columns=(
                Column(_("Segment")),
                Column(_("Members"), "int"),
                Column(_("Active in the last 30 days"), "int"),
                Column(_("Share active"), "percent"),
                Column(_("Average DAU"), "number"),
                Column(_("Reads per member"), "number"),
                Column(_("Replies per member"), "number"),
                Column(_("Topics per member"), "number"),
                Column(_("D7 retention"), "percent"),
                Column(_("D30 retention"), "percent"),
            ),
            rows=tuple(
                (
                    r.name,
                    r.members,
                    r.active_30d,
                    r.active_share,
                    r.avg_dau,
                    r.per_member("read"),
                    r.per_member("reply"),
                    r.per_member("topic"),
                    r.retention_rate(7),
                    r.retention_rate(30),
                )
                for r in self.rows
            ),
        )

    def chart(self) -> dict[str, object]:
        """Two bar groups: rates in per cent, and actions per member; one series per segment."""
        rates = [_("Share active"), _("D7 retention"), _("D30 retention")]
        actions = [_("Reads per member"), _("Replies per member"), _("Topics per member")]

        def pct(value: float | None) -> float | None:
            return None if value is None else round(value * 100, 1)

        return {
            "rates": {
                "x": rates,
                "series": [
                    {
                        "name": r.name,
                        "data": [
                            pct(r.active_share),
                            pct(r.retention_rate(7)),
                            pct(r.retention_rate(30)),
                        ],
                    }
                    for r in self.rows
                ],
            },
            "actions": {
                "x": actions,
                "series": [
                    {"name": r.name, "data": [r.per_member(a) for a in ACTION_METRICS]}
                    for r in self.rows
                ],
            },
        }


def counted_ago(at: dt.datetime | None, now: dt.datetime) -> str:
    """How long ago a count was taken, in the page's language ("not counted yet" without one)."""
    if at is None:
        return _("not counted yet")
    minutes = int((now - at).total_seconds() // 60)
    if minutes < 1:
        return _("just now")
    if minutes < 60:
        return _("%(n)d min ago") % {"n": minutes}
    if minutes < 24 * 60:
        return _("%(n)d h ago") % {"n": minutes // 60}
    return _("%(n)d days ago") % {"n": minutes // (24 * 60)}
