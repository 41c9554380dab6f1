"""Who may plan events: one function per capability, used by the cockpit pages and nav."""

from __future__ import annotations

from hearth.community.permissions import AnyUser


def can_manage_events(user: AnyUser) -> bool:
    """Event planners, community managers and admins (the ``events.manage_events`` permission)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.has_perm("core.access_cockpit")
        and user.has_perm("events.manage_events")
    )


def can_register(user: AnyUser) -> bool:
    """Any active member may register for a published event (capacity is the service's check)."""
    return bool(user.is_authenticated and user.is_active)
