"""Who may reach out to members and who follows them up: one function per capability.

Both read permissions (cached per request by Django's backend), not role groups, so
the cockpit's navigation costs no query per item.
"""

from __future__ import annotations

from hearth.cockpit.permissions import can_access_cockpit
from hearth.community.permissions import AnyUser


def can_rescue_members(user: AnyUser) -> bool:
    """May open the at-risk queue, send outreach to members and assign them to staff:
    whoever manages growth (administrators, community managers, member operations)."""
    return can_access_cockpit(user) and user.has_perm("growth.manage_growth")


def can_follow_up_members(user: AnyUser) -> bool:
    """May be assigned new members to follow up (the member-operations role)."""
    return can_access_cockpit(user) and user.has_perm("growth.follow_up_members")
