"""Reads for segments: the saved ones, their members' details, and what the builder offers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import QuerySet
from sqlglot import exp

from hearth.accounts.models import User, age_band_for
from hearth.analytics.definitions import ACTION_BITS
from hearth.analytics.models import Segment
from hearth.analytics.queries.base import AnalyticsQuery
from hearth.analytics.store.engine import Result
from hearth.analytics.store.sync import community_zone
from hearth.gamification.selectors import levels_for_members

CHUNK = 2000


def segment_list() -> QuerySet[Segment]:
    return Segment.objects.select_related("created_by").order_by("name", "id")


def segment_find(*, pk: int) -> Segment | None:
    return Segment.objects.filter(pk=pk).first()


@dataclass(frozen=True)
class MemberRow:
    member_id: int
    username: str
    channel: str
    region: str
    age_band: str
    gender: str
    level: str
    joined: dt.date


def segment_member_rows(*, member_ids: list[int]) -> Iterator[MemberRow]:
    """Details of the members ``member_ids`` (in that order), read in chunks."""
    zone = community_zone()
    for first in range(0, len(member_ids), CHUNK):
        chunk = member_ids[first : first + CHUNK]
        users = {
            u.pk: u
            for u in User.objects.filter(pk__in=chunk).only(
                "username", "channel", "province", "birth_year", "gender", "date_joined"
            )
        }
        levels = levels_for_members(chunk)
        for pk in chunk:
            user = users.get(pk)
            if user is None:  # deleted since the store's last sync
                continue
            yield MemberRow(
                member_id=pk,
                username=user.username,
                channel=user.channel,
                region=user.province,
                age_band=age_band_for(user.birth_year),
                gender=user.gender,
                level=levels.get(pk, ""),
                joined=user.date_joined.astimezone(zone).date(),
            )


@dataclass(frozen=True)
class BuilderChoices:
    channels: list[str]
    regions: list[str]
    custom_events: list[str]


class BuilderChoicesQuery(AnalyticsQuery[BuilderChoices]):
    """The channels and regions members have, and the custom events recorded (for the builder)."""

    name = "segment_builder_choices"

    def cache_key(self) -> str:
        return ""

    def to_query(self) -> exp.Expression:
        def distinct(column: str, table: str) -> exp.Select:
            value = exp.column(column)
            return (
                exp.select(exp.Literal.string(column).as_("kind"), value.as_("value"))
                .distinct()
                .from_(table)
                .where(exp.and_(value.is_(exp.null()).not_(), value.neq("")))
            )

        events = distinct("action", "activity").where(
            exp.column("action").isin(*[exp.Literal.string(a) for a in ACTION_BITS]).not_()
        )
        return exp.union(
            exp.union(
                distinct("channel", "members"), distinct("region", "members"), distinct=False
            ),
            events,
            distinct=False,
        )

    def shape(self, result: Result) -> BuilderChoices:
        found: dict[str, list[str]] = {"channel": [], "region": [], "action": []}
        for kind, value in result.rows:
            found[str(kind)].append(str(value))
        return BuilderChoices(
            channels=sorted(found["channel"]),
            regions=sorted(found["region"]),
            custom_events=sorted(found["action"]),
        )


class MemberTotal(AnalyticsQuery[int]):
    """Every member the store knows (what a segment's share is of)."""

    name = "segment_member_total"

    def cache_key(self) -> str:
        return ""

    def to_query(self) -> exp.Expression:
        return exp.select(exp.func("COUNT", exp.Star())).from_("members")

    def shape(self, result: Result) -> int:
        return int(result.rows[0][0]) if result.rows else 0
