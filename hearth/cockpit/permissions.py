"""Who may open which part of the cockpit: one function per capability.

Topic and board capabilities are the community's own functions, re-exported
here so that cockpit views import every check from one place.
"""

from __future__ import annotations

from hearth.community.permissions import (
    AnyUser,
    can_feature_topic,
    can_manage_boards,
    can_pin_topic,
)

__all__ = [
    "can_access_cockpit",
    "can_curate_topics",
    "can_edit_brand",
    "can_edit_reports",
    "can_feature_topic",
    "can_manage_boards",
    "can_manage_goals",
    "can_manage_growth",
    "can_manage_segments",
    "can_manage_staff",
    "can_moderate_content",
    "can_pin_topic",
    "can_view_analytics",
    "can_view_goals",
    "can_view_growth",
]


def can_access_cockpit(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm("core.access_cockpit"))


def can_edit_brand(user: AnyUser) -> bool:
    return can_access_cockpit(user) and user.has_perm("core.edit_brand")


def can_manage_staff(user: AnyUser) -> bool:
    return can_access_cockpit(user) and user.has_perm("core.manage_staff")


def can_curate_topics(user: AnyUser) -> bool:
    """May open the topics table: staff who feature or pin topics across the community."""
    return can_access_cockpit(user) and (
        user.has_perm("community.feature_topic") or user.has_perm("community.pin_topic")
    )


def can_moderate_content(user: AnyUser) -> bool:
    return can_access_cockpit(user) and user.has_perm("community.moderate_content")


def can_view_analytics(user: AnyUser) -> bool:
    """May open the analytics pages (dashboard, trends, retention, lifecycle) and save views."""
    return can_access_cockpit(user) and user.has_perm("cockpit.view_analytics")


def can_manage_segments(user: AnyUser) -> bool:
    """May save, edit, recount and delete segments: the analytics roles (segments are the
    team's, shared by everyone who reads analytics)."""
    return can_view_analytics(user)


def can_manage_growth(user: AnyUser) -> bool:
    """May create and edit channels, campaigns and tracked links (and print their posters):
    administrators, community managers and member operations."""
    return can_access_cockpit(user) and user.has_perm("growth.manage_growth")


def can_view_growth(user: AnyUser) -> bool:
    """May open the channel registry, campaigns and links: who manages them, and analysts."""
    return can_manage_growth(user) or can_view_analytics(user)


def can_manage_goals(user: AnyUser) -> bool:
    """May create and edit goals, initiatives and the strategy: administrators and
    community managers."""
    return can_access_cockpit(user) and user.has_perm("goals.manage_goals")


def can_view_goals(user: AnyUser) -> bool:
    """May open goals, initiatives, strategy and the operations reports: who manages goals,
    and everyone who reads analytics."""
    return can_manage_goals(user) or can_view_analytics(user)


def can_edit_reports(user: AnyUser) -> bool:
    """May add commentary to an operations report, send it and change its schedule."""
    return can_access_cockpit(user) and user.has_perm("reporting.edit_reports")
