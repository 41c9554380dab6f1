"""Like-ring detection: small groups of accounts liking each other far above chance.

Over a window of likes (topic and reply likes), each ordered pair giver → receiver
is compared with chance: if members liked at random in proportion to how much
they like and are liked, giver *g* would like receiver *r*

    expected(g, r) = given(g) × received(r) / total likes in the window

times. A pair of members is *suspicious* when both directions have at least
``ring_min_likes`` likes and each direction is at least :data:`RING_FACTOR`
times its expectation. A popular author whom everybody likes is expected to
receive many likes, so their fans do not stand out; two accounts trading
likes between themselves do. Groups are the connected components of
suspicious pairs, kept when they have 2 to :data:`GROUP_MAX` members (a larger
component is a busy neighbourhood, not a ring).

Everything is counted by aggregate queries (one GROUP BY giver, receiver
with a HAVING, then the totals of the few members concerned); nothing loops
over the likes in Python.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias, TypedDict

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce

from hearth.accounts.models import User
from hearth.community.models import Like
from hearth.gamification.actions import EntryKind, PointAction
from hearth.gamification.models import AlertStatus, LikeRingAlert, PointEntry

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

RING_FACTOR = 10.0  # observed ÷ expected, in each direction
GROUP_MIN = 2
GROUP_MAX = 8

Pair = tuple[int, int]  # (giver, receiver)


class _Receiver(TypedDict):
    receiver: int  # the liked post's author


Likes: TypeAlias = "QuerySet[WithAnnotations[Like, _Receiver]]"


@dataclass(frozen=True)
class RingGroup:
    """A group found in one window: its members, the likes among them and chance's figure."""

    member_ids: tuple[int, ...]  # sorted
    likes: int
    expected: float

    @property
    def signature(self) -> str:
        return signature_for(self.member_ids)


def signature_for(member_ids: Iterable[int]) -> str:
    """``"3-8-15"``: the sorted member ids, one alert per group."""
    return "-".join(str(pk) for pk in sorted(member_ids))


def _likes(start: dt.datetime, end: dt.datetime) -> Likes:
    """The window's likes with their receiver (the liked post's author) annotated."""
    return (
        Like.objects.filter(created_at__gte=start, created_at__lt=end)
        .annotate(receiver=Coalesce(F("reply__author_id"), F("topic__author_id")))
        .exclude(member_id=F("receiver"))
    )


def _received_by(ids: Iterable[int]) -> Q:
    """Likes of a post written by one of ``ids`` (the ``receiver`` lookup, on real columns)."""
    ids = list(ids)
    return Q(reply__author_id__in=ids) | Q(reply__isnull=True, topic__author_id__in=ids)


def _pair_counts(likes: Likes, min_likes: int) -> dict[Pair, int]:
    """Likes per ordered pair, only pairs with at least ``min_likes`` (one GROUP BY … HAVING)."""
    rows = (
        likes.order_by()
        .values("member_id", "receiver")
        .annotate(n=Count("pk"))
        .filter(n__gte=min_likes)
        .values_list("member_id", "receiver", "n")
    )
    return {(giver, receiver): n for giver, receiver, n in rows}


def _totals(likes: Likes, ids: set[int]) -> tuple[dict[int, int], dict[int, int]]:
    """Likes given and received by each of ``ids`` in the window (two GROUP BY queries)."""
    given = dict(
        likes.filter(member_id__in=ids)
        .order_by()
        .values("member_id")
        .annotate(n=Count("pk"))
        .values_list("member_id", "n")
    )
    received = dict(
        likes.filter(_received_by(ids))
        .order_by()
        .values("receiver")
        .annotate(n=Count("pk"))
        .values_list("receiver", "n")
    )
    return given, received


def _components(edges: Iterable[Pair]) -> list[tuple[int, ...]]:
    """Connected components of an undirected graph given by its edges, each sorted."""
    parent: dict[int, int] = {}

    def find(node: int) -> int:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)
    groups: dict[int, list[int]] = defaultdict(list)
    for node in list(parent):
        groups[find(node)].append(node)
    return sorted(tuple(sorted(members)) for members in groups.values())


@dataclass(frozen=True)
class _Chance:
    total: int
    given: dict[int, int]
    received: dict[int, int]

    def expected(self, giver: int, receiver: int) -> float:
        return self.given.get(giver, 0) * self.received.get(receiver, 0) / self.total

    def is_far_above(self, pair: Pair, observed: int) -> bool:
        return observed >= RING_FACTOR * self.expected(*pair)


def _suspicious_pairs(pairs: dict[Pair, int], chance: _Chance) -> list[Pair]:
    """Mutual pairs (a < b) where both directions are far above chance."""
    found = []
    for (giver, receiver), observed in pairs.items():
        back = pairs.get((receiver, giver))
        if giver < receiver and back is not None:
            there = chance.is_far_above((giver, receiver), observed)
            if there and chance.is_far_above((receiver, giver), back):
                found.append((giver, receiver))
    return found


def like_ring_groups(*, start: dt.datetime, end: dt.datetime, min_likes: int) -> list[RingGroup]:
    """The groups liking each other far above chance among the likes of ``[start, end)``."""
    likes = _likes(start, end)
    pairs = _pair_counts(likes, max(min_likes, 1))
    if not pairs:
        return []
    candidates = {member for pair in pairs for member in pair}
    given, received = _totals(likes, candidates)
    chance = _Chance(total=likes.count(), given=given, received=received)
    components = _components(_suspicious_pairs(pairs, chance))
    groups = []
    for members in components:
        if not GROUP_MIN <= len(members) <= GROUP_MAX:
            continue
        inside = likes.filter(_received_by(members), member_id__in=members).count()
        expected = sum(chance.expected(g, r) for g in members for r in members if g != r)
        groups.append(RingGroup(member_ids=members, likes=inside, expected=round(expected, 3)))
    return groups


def ring_like_sources(
    *, member_ids: Iterable[int], start: dt.datetime, end: dt.datetime
) -> list[str]:
    """Ledger sources of the like points still standing between ``member_ids`` in the window.

    A like's points share one source, ``like:<giver>:<target>`` (see the
    subscribers), so reversing a source withdraws both what its receiver
    earned and what its giver earned for it.
    """
    ids = sorted(set(member_ids))
    if not ids:
        return []
    from_members = Q()
    for giver in ids:
        from_members |= Q(source_key__startswith=f"like:{giver}:")
    rows = PointEntry.objects.filter(
        from_members,
        kind=EntryKind.AWARD,
        action=PointAction.LIKE_RECEIVED,
        member_id__in=ids,
        reversal__isnull=True,
        created_at__gte=start,
        created_at__lte=end,
    ).values_list("source_key", flat=True)
    return sorted(set(rows))


# Alerts for the cockpit -------------------------------------------------------------------


@dataclass(frozen=True)
class AlertCounts:
    open: int
    confirmed: int
    dismissed: int


def _with_members(alerts: QuerySet[LikeRingAlert]) -> QuerySet[LikeRingAlert]:
    members = User.objects.order_by("pk").only("pk", "username", "display_name", "is_active")
    return alerts.prefetch_related(Prefetch("members", queryset=members))


def like_ring_alerts_open() -> list[LikeRingAlert]:
    """Open alerts, newest first, with their members (two queries)."""
    return list(_with_members(LikeRingAlert.objects.filter(status=AlertStatus.OPEN)))


def like_ring_alerts_reviewed(*, limit: int = 50) -> list[LikeRingAlert]:
    """The latest reviewed alerts, most recently reviewed first (three queries)."""
    reviewed = (
        LikeRingAlert.objects.exclude(status=AlertStatus.OPEN)
        .select_related("reviewed_by")
        .order_by("-reviewed_at", "-pk")
    )
    return list(_with_members(reviewed)[:limit])


def like_ring_alert_counts() -> AlertCounts:
    """How many alerts are open, confirmed and dismissed (one aggregate query)."""
    counts = LikeRingAlert.objects.aggregate(
        open=Count("pk", filter=Q(status=AlertStatus.OPEN)),
        confirmed=Count("pk", filter=Q(status=AlertStatus.CONFIRMED)),
        dismissed=Count("pk", filter=Q(status=AlertStatus.DISMISSED)),
    )
    return AlertCounts(counts["open"], counts["confirmed"], counts["dismissed"])
