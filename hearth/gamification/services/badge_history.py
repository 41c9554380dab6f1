"""Badges from another community's history (imports): staff-only badges and dated grants.

An imported badge is a manual one (``criterion=manual``): no rule grants or
revokes it, so the backfill and the live evaluation leave its grants alone.
It can be held many times (a Stack Exchange member earns "Nice Answer" once
per answer), each grant under its own source key. The grants keep their
original date and publish no events and send no notifications: old history
is not news.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Max

from hearth.gamification.models import Badge, BadgeCriterion, BadgeGrant
from hearth.gamification.services.badges import NAME_MAX, BadgeFields, badge_check

BATCH = 1_000


@dataclass(frozen=True, kw_only=True)
class HistoricGrant:
    badge_id: int
    member_id: int
    source_key: str  # unique per occasion, e.g. "se:bicycles:4711"
    granted_at: dt.datetime
    reason: str


def _free_name(name: str) -> str:
    """``name``, or ``name (2)``, ``name (3)`` … when another badge is already called so."""
    candidate, n = name[:NAME_MAX], 1
    while Badge.objects.filter(name=candidate).exists():
        n += 1
        suffix = f" ({n})"
        candidate = name[: NAME_MAX - len(suffix)] + suffix
    return candidate


def badge_manual_ensure(
    *, slug: str, name: str, description: str, icon: str, tier: str
) -> tuple[Badge, bool]:
    """The badge with the code ``slug`` and whether it is new: created when missing as a
    staff-only badge that can be held many times (the name gets a number if it is taken).

    An existing badge is returned as it is (an operator may have renamed it).
    Bad fields raise ValidationError.
    """
    badge = Badge.objects.filter(slug=slug).first()
    if badge is not None:
        return badge, False
    fields = badge_check(
        fields=BadgeFields(
            slug=slug,
            name=_free_name(name.strip()),
            description=description,
            icon=icon,
            tier=tier,
            criterion=BadgeCriterion.MANUAL,
            threshold=None,
            multiple=True,
            auto_revoke=False,
            active=True,
        )
    )
    top = Badge.objects.aggregate(top=Max("position"))["top"]
    badge = Badge.objects.create(
        slug=fields.slug,
        name=fields.name,
        description=fields.description,
        icon=fields.icon,
        tier=fields.tier,
        criterion=fields.criterion,
        multiple=True,
        position=(top or 0) + 1,
    )
    return badge, True


def badge_grants_record(*, grants: Sequence[HistoricGrant]) -> dict[str, int]:
    """Insert dated grants (a grant already there for its badge, member and key is kept).

    Answers ``{source_key: grant id}`` for every grant given, inserted now or before.
    """
    for start in range(0, len(grants), BATCH):
        BadgeGrant.objects.bulk_create(
            [
                BadgeGrant(
                    badge_id=g.badge_id,
                    member_id=g.member_id,
                    source_key=g.source_key[:100],
                    granted_at=g.granted_at,
                    reason=g.reason[:500],
                )
                for g in grants[start : start + BATCH]
            ],
            ignore_conflicts=True,
        )
    ids: dict[str, int] = {}
    for start in range(0, len(grants), BATCH):
        batch = grants[start : start + BATCH]
        rows = BadgeGrant.objects.filter(
            badge_id__in={g.badge_id for g in batch},
            source_key__in=[g.source_key[:100] for g in batch],
        )
        ids.update(rows.values_list("source_key", "pk"))
    return ids
