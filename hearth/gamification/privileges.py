"""The answer to :func:`hearth.core.privileges.privileges_for`, from the member's level.

Registered in ``GamificationConfig.ready``. A member holds the privileges of
the level on their balance (the first level while they have no points),
narrowed by the new-account throttle of the :class:`FairnessPolicy`. Staff
hold every privilege and post without a daily limit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from hearth.accounts.models import User
from hearth.community.permissions import is_staff_member
from hearth.core.privileges import MemberPrivileges, privileges_provider
from hearth.gamification.models import FairnessPolicy, Level, PointBalance

POLICY_PK = 1
POLICY_CACHE_KEY = "gamification:fairness-policy"
POLICY_CACHE_SECONDS = 60


def fairness_policy_get() -> FairnessPolicy:
    """The site's fairness policy; its defaults when the row is missing (e.g. after a flush).

    Asked on most pages (through the privileges), so it is cached for a minute;
    :func:`fairness_policy_forget` drops the cached copy when the policy is saved.
    """
    cached = cache.get(POLICY_CACHE_KEY)
    if isinstance(cached, FairnessPolicy):
        return cached
    policy = FairnessPolicy.objects.filter(pk=POLICY_PK).first() or FairnessPolicy(pk=POLICY_PK)
    cache.set(POLICY_CACHE_KEY, policy, POLICY_CACHE_SECONDS)
    return policy


def fairness_policy_forget() -> None:
    cache.delete(POLICY_CACHE_KEY)


def is_new_account(
    *, date_joined: dt.datetime, policy: FairnessPolicy, now: dt.datetime | None = None
) -> bool:
    """Whether an account joined less than ``policy.new_account_days`` days ago (0: never)."""
    if policy.new_account_days <= 0:
        return False
    age = (now or timezone.now()) - date_joined
    return age < dt.timedelta(days=policy.new_account_days)


def _level_of(member_id: int) -> Level | None:
    """The member's level, else the first level, in one query (None without a ladder)."""
    own = PointBalance.objects.filter(member_id=member_id, level__isnull=False).values("level_id")
    first = Level.objects.order_by("position").values("position")[:1]
    return Level.objects.filter(Q(pk__in=own) | Q(position__in=first)).order_by("-position").first()


def _from_level(level: Level | None) -> MemberPrivileges:
    if level is None:
        return MemberPrivileges()
    return MemberPrivileges(
        level_position=level.position,
        level_name=level.name,
        post_restricted=level.post_restricted,
        upload_images=level.upload_images,
        daily_post_limit=level.daily_post_limit,
        custom_title=level.custom_title,
        invite_codes=level.invite_codes,
        event_early_hours=level.event_early_hours,
        badge_id=level.badge_id,
    )


def _throttled(privileges: MemberPrivileges, policy: FairnessPolicy) -> MemberPrivileges:
    limit = privileges.daily_post_limit
    cap = policy.new_account_daily_posts
    return replace(privileges, daily_post_limit=cap if limit is None else min(limit, cap))


def _for_staff(privileges: MemberPrivileges) -> MemberPrivileges:
    return replace(
        privileges,
        post_restricted=True,
        upload_images=True,
        custom_title=True,
        daily_post_limit=None,
    )


@privileges_provider
def member_privileges(user: User) -> MemberPrivileges:
    """What ``user`` may do now: their level's privileges, throttled while the account is new.

    One query for the level (the fairness policy is cached).
    """
    privileges = _from_level(_level_of(user.pk))
    if is_staff_member(user):
        return _for_staff(privileges)
    policy = fairness_policy_get()
    if is_new_account(date_joined=user.date_joined, policy=policy):
        return _throttled(privileges, policy)
    return privileges
