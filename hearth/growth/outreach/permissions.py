"""Who may reach out to members and who follows them up: one function per capability."""

from __future__ import annotations

from hearth.cockpit.permissions import can_access_cockpit
from hearth.community.permissions import AnyUser
from hearth.core.roles import ADMIN, COMMUNITY_MANAGER, MEMBER_OPERATIONS

OUTREACH_ROLES = (ADMIN, COMMUNITY_MANAGER, MEMBER_OPERATIONS)
"""The roles that work the at-risk queue and send outreach (a team decision, not a permission
row: reaching out to members is member operations' job, backed by the managers)."""


def _has_role(user: AnyUser, roles: tuple[str, ...]) -> bool:
    if user.is_superuser:
        return True
    return bool(user.groups.filter(name__in=roles).exists())


def can_rescue_members(user: AnyUser) -> bool:
    """May open the at-risk queue, send outreach to members and assign them to staff."""
    return can_access_cockpit(user) and _has_role(user, OUTREACH_ROLES)


def can_follow_up_members(user: AnyUser) -> bool:
    """May be assigned new members to follow up (the member-operations role)."""
    return can_access_cockpit(user) and _has_role(user, (MEMBER_OPERATIONS,))
