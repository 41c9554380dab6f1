"""Staff roles (岗位) are groups of permissions. Membership is managed in the cockpit."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ADMIN = "admin"
COMMUNITY_MANAGER = "community_manager"
CONTENT_EDITOR = "content_editor"
EVENT_PLANNER = "event_planner"
MEMBER_OPERATIONS = "member_operations"
MODERATOR = "moderator"
ANALYST = "analyst"

ROLE_LABELS: dict[str, Promise] = {
    ADMIN: _("Administrator"),
    COMMUNITY_MANAGER: _("Community manager"),
    CONTENT_EDITOR: _("Content editor"),
    EVENT_PLANNER: _("Event planner"),
    MEMBER_OPERATIONS: _("Member operations"),
    MODERATOR: _("Moderator"),
    ANALYST: _("Analyst"),
}

_COCKPIT = "core.access_cockpit"
_ANALYTICS = "cockpit.view_analytics"
ROLE_PERMISSIONS: dict[str, set[str]] = {
    ADMIN: {
        _COCKPIT,
        _ANALYTICS,
        "goals.manage_goals",
        "reporting.edit_reports",
        "core.edit_brand",
        "core.manage_staff",
        "events.manage_events",
        "community.manage_boards",
        "community.feature_topic",
        "community.pin_topic",
        "community.moderate_content",
        "community.post_staff_content",
        "gamification.adjust_points",
        "gamification.manage_badges",
        "gamification.manage_ladder",
        "growth.manage_growth",
        "moderation.review_content",
    },
    COMMUNITY_MANAGER: {
        _COCKPIT,
        _ANALYTICS,
        "goals.manage_goals",
        "reporting.edit_reports",
        "core.edit_brand",
        "events.manage_events",
        "community.manage_boards",
        "community.feature_topic",
        "community.pin_topic",
        "community.moderate_content",
        "community.post_staff_content",
        "gamification.adjust_points",
        "gamification.manage_badges",
        "gamification.manage_ladder",
        "growth.manage_growth",
        "moderation.review_content",
    },
    CONTENT_EDITOR: {
        _COCKPIT,
        "community.feature_topic",
        "community.pin_topic",
        "community.post_staff_content",
    },
    EVENT_PLANNER: {_COCKPIT, "community.post_staff_content", "events.manage_events"},
    MEMBER_OPERATIONS: {
        _COCKPIT,
        _ANALYTICS,
        "gamification.adjust_points",
        "gamification.manage_badges",
        "gamification.manage_ladder",
        "growth.manage_growth",
        "growth.follow_up_members",
    },
    MODERATOR: {_COCKPIT, "community.moderate_content", "community.pin_topic"},
    ANALYST: {_COCKPIT, _ANALYTICS},
}


def roles_sync() -> None:
    """Create the role groups and give each exactly its permissions (idempotent)."""
    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for dotted in sorted(perms):
            app_label, codename = dotted.split(".", 1)
            perm = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is not None:
                wanted.append(perm)
        group.permissions.set(wanted)


def role_label(role: str) -> str:
    return str(ROLE_LABELS.get(role, role))
