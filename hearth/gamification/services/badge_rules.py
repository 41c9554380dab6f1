"""Apply the badge rules to one member as events happen, and the levels' exclusive badges.

Only single badges with a statistic rule are evaluated: a badge that can be
held many times is granted per occasion by whoever knows the occasion (the
events app for an event win, staff by hand).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.gamification.badge_stats import STATISTIC_CRITERIA, statistics_for_member
from hearth.gamification.models import Badge, BadgeGrant, Level
from hearth.gamification.services.badges import SINGLE, badge_grant, badge_revoke


@dataclass
class BadgeChanges:
    granted: list[BadgeGrant] = field(default_factory=list)
    revoked: list[BadgeGrant] = field(default_factory=list)


def rule_badges(*, criteria: Iterable[str] | None = None) -> QuerySet[Badge]:
    """Active single badges with a statistic rule (optionally only for ``criteria``)."""
    badges = Badge.objects.filter(
        active=True, multiple=False, criterion__in=STATISTIC_CRITERIA, threshold__isnull=False
    )
    if criteria is not None:
        badges = badges.filter(criterion__in=set(criteria))
    return badges.order_by("position", "pk")


def revoke_reason(badge: Badge) -> str:
    return _("Automatic: %(rule)s fell below %(threshold)d.") % {
        "rule": badge.get_criterion_display(),
        "threshold": badge.threshold or 0,
    }


def grant_reason(badge: Badge) -> str:
    return _("Automatic: %(rule)s reached %(threshold)d.") % {
        "rule": badge.get_criterion_display(),
        "threshold": badge.threshold or 0,
    }


def badges_evaluate(*, member_id: int, criteria: Iterable[str] | None = None) -> BadgeChanges:
    """Grant the badges the member now meets; revoke the auto-revoking ones they no longer meet.

    ``criteria`` limits the work to the statistics an event can change. A badge
    revoked by staff is not granted again by the rules.
    """
    changes = BadgeChanges()
    badges = list(rule_badges(criteria=criteria))
    if not badges:
        return changes
    member = User.objects.filter(pk=member_id).first()
    if member is None:
        return changes
    stats = statistics_for_member(member_id=member_id, criteria={b.criterion for b in badges})
    rows = BadgeGrant.objects.filter(member_id=member_id, badge__in=badges, source_key=SINGLE)
    grants = {grant.badge_id: grant for grant in rows}
    for badge in badges:
        assert badge.threshold is not None
        meets = stats.reaches(
            criterion=badge.criterion, threshold=badge.threshold, auto_revoke=badge.auto_revoke
        )
        grant = grants.get(badge.pk)
        if meets and (grant is None or grant.revoked_at is not None):
            made = badge_grant(badge=badge, member=member, reason=grant_reason(badge))
            if made is not None:
                changes.granted.append(made)
        elif (
            not meets
            and badge.auto_revoke
            and grant is not None
            and grant.revoked_at is None
            and badge_revoke(grant=grant, reason=revoke_reason(badge))
        ):
            changes.revoked.append(grant)
    return changes


def level_badges_grant(*, member_id: int, old: int, new: int) -> list[BadgeGrant]:
    """On a rise from position ``old`` to ``new``, grant the exclusive badge of each level passed.

    A level's badge is kept after a drop: it records that the member reached it.
    """
    if new <= old:
        return []
    member = User.objects.filter(pk=member_id).first()
    if member is None:
        return []
    levels = (
        Level.objects.filter(position__gt=old, position__lte=new, badge__isnull=False)
        .select_related("badge")
        .order_by("position")
    )
    made = []
    for level in levels:
        assert level.badge is not None
        grant = badge_grant(
            badge=level.badge,
            member=member,
            reason=_("Automatic: reached the level %(level)s.") % {"level": level.name},
        )
        if grant is not None:
            made.append(grant)
    return made
