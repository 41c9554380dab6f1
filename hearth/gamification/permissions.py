"""Who may do what with points: one function per capability."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from hearth.accounts.models import User

AnyUser = User | AnonymousUser


def can_adjust_points(user: AnyUser) -> bool:
    """Staff with the adjustment permission may add or remove a member's points."""
    return bool(
        user.is_authenticated and user.is_active and user.has_perm("gamification.adjust_points")
    )


def can_manage_ladder(user: AnyUser) -> bool:
    """Staff with the ladder permission may edit level names and thresholds."""
    return bool(
        user.is_authenticated and user.is_active and user.has_perm("gamification.manage_ladder")
    )


def can_manage_badges(user: AnyUser) -> bool:
    """Staff with the badge permission may define badges and grant or revoke them by hand."""
    return bool(
        user.is_authenticated and user.is_active and user.has_perm("gamification.manage_badges")
    )


def can_manage_point_rules(user: AnyUser) -> bool:
    """Point rules are the other half of the levels economy: the ladder permission covers them."""
    return can_manage_ladder(user)


def can_review_like_rings(user: AnyUser) -> bool:
    """Moderators and staff who adjust points may review like-ring alerts (and run detection)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (
            user.has_perm("community.moderate_content")
            or user.has_perm("gamification.adjust_points")
        )
    )


def can_edit_fairness_policy(user: AnyUser) -> bool:
    """Staff who edit the level ladder may change the new-account throttle and ring thresholds."""
    return bool(
        user.is_authenticated and user.is_active and user.has_perm("gamification.manage_ladder")
    )
