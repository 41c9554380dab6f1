"""Apply the badge rules to every member over history, with bulk queries.

Per badge: one aggregate query finds the members who reach the threshold,
grants are inserted in batches with ``ignore_conflicts`` (the unique
constraint keeps a grant once), members revoked automatically earlier are
given a fresh grant, and auto-revoking badges are taken back from holders
who no longer qualify. The result equals evaluating each member as events
happen (:func:`hearth.gamification.services.badges_evaluate`), but the
backfill publishes no events and sends no notifications: a new badge over
old history is not news for a million members.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.db import transaction
from django.db.models import CharField, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.gamification.badge_stats import members_reaching
from hearth.gamification.models import Badge, BadgeGrant, Level, MemberShowcase, PointBalance
from hearth.gamification.services.badge_rules import grant_reason, revoke_reason, rule_badges
from hearth.gamification.services.badges import SINGLE

BATCH = 2_000


@dataclass(frozen=True)
class BackfillResult:
    badge: Badge
    granted: int
    revoked: int


def _batches(ids: Iterable[int], size: int = BATCH) -> Iterator[list[int]]:
    it = iter(ids)
    while batch := list(islice(it, size)):
        yield batch


def _holders(badge: Badge) -> QuerySet[Any]:
    return BadgeGrant.objects.filter(badge=badge, revoked_at__isnull=True).values_list(
        "member_id", flat=True
    )


def _held_single(badge: Badge) -> QuerySet[Any]:
    return BadgeGrant.objects.filter(badge=badge, source_key=SINGLE).values_list(
        "member_id", flat=True
    )


def _grant_all(
    badge: Badge,
    reaching: QuerySet[Any],
    missing: Callable[[QuerySet[Any]], QuerySet[Any]],
    reason: str,
) -> int:
    """Give ``badge`` to the members in ``reaching`` who lack it (staff revocations stick).

    ``missing(held)`` is ``reaching`` without the member ids in ``held``, in one query.
    """
    auto_revoked = BadgeGrant.objects.filter(
        badge=badge,
        source_key=SINGLE,
        revoked_at__isnull=False,
        revoked_by__isnull=True,
        member_id__in=reaching,
    )
    # Keep the old rows as history under "single#<id>", as badge_grant does.
    auto_revoked.update(
        source_key=Concat(Value(f"{SINGLE}#"), Cast("pk", output_field=CharField()))
    )
    before = _held_single(badge).count()
    now = timezone.now()
    for batch in _batches(missing(_held_single(badge)).iterator(chunk_size=BATCH)):
        BadgeGrant.objects.bulk_create(
            [
                BadgeGrant(
                    badge=badge, member_id=pk, source_key=SINGLE, granted_at=now, reason=reason
                )
                for pk in batch
            ],
            ignore_conflicts=True,
        )
    return _held_single(badge).count() - before


def _revoke_all(badge: Badge, reaching: QuerySet[Any], reason: str) -> int:
    lapsed = BadgeGrant.objects.filter(
        badge=badge, source_key=SINGLE, revoked_at__isnull=True
    ).exclude(member_id__in=reaching)
    member_ids = list(lapsed.values_list("member_id", flat=True))
    for batch in _batches(member_ids):
        BadgeGrant.objects.filter(
            badge=badge, source_key=SINGLE, revoked_at__isnull=True, member_id__in=batch
        ).update(revoked_at=timezone.now(), revoke_reason=reason)
        MemberShowcase.objects.filter(badge=badge, member_id__in=batch).exclude(
            member_id__in=_holders(badge)
        ).update(badge=None)
    return len(member_ids)


def _backfill_rule_badge(badge: Badge) -> BackfillResult:
    assert badge.threshold is not None
    threshold, criterion, current = badge.threshold, badge.criterion, badge.auto_revoke

    def reaching_without(held: QuerySet[Any] | None = None) -> QuerySet[Any]:
        return members_reaching(
            criterion=criterion, threshold=threshold, current=current, without=held
        )

    reaching = reaching_without()
    with transaction.atomic():
        granted = _grant_all(badge, reaching, reaching_without, grant_reason(badge))
        revoked = _revoke_all(badge, reaching, revoke_reason(badge)) if badge.auto_revoke else 0
    return BackfillResult(badge, granted, revoked)


def _backfill_level_badges(badge: Badge | None) -> list[BackfillResult]:
    """The levels' exclusive badges, for every member at or above the level."""
    levels = Level.objects.filter(badge__isnull=False, badge__active=True).select_related("badge")
    if badge is not None:
        levels = levels.filter(badge=badge)
    results = []
    for level in levels.order_by("position"):
        assert level.badge is not None
        at_level = PointBalance.objects.filter(level__position__gte=level.position)
        reaching = at_level.values_list("member_id", flat=True)

        def missing(held: QuerySet[Any], rows: QuerySet[Any] = at_level) -> QuerySet[Any]:
            return rows.exclude(member_id__in=held).values_list("member_id", flat=True)

        reason = _("Automatic: reached the level %(level)s.") % {"level": level.name}
        with transaction.atomic():
            granted = _grant_all(level.badge, reaching, missing, reason)
        results.append(BackfillResult(level.badge, granted, 0))
    return results


def badges_backfill_report(*, badge: Badge | None = None) -> list[BackfillResult]:
    """Backfill every rule badge and level badge (or only ``badge``); one result per badge."""
    rules = rule_badges()
    if badge is not None:
        rules = rules.filter(pk=badge.pk)
    results = [_backfill_rule_badge(b) for b in rules]
    return results + _backfill_level_badges(badge)


def badges_backfill(*, badge: Badge | None = None) -> int:
    """:func:`badges_backfill_report`, answering how many grants were made (demo build)."""
    return sum(result.granted for result in badges_backfill_report(badge=badge))
