"""The cockpit's left navigation, grouped by the operations manager's job.

Live pages link to their view; planned pages show a "coming" tag and link
nowhere. A section appears only when the user may see at least one of its
items.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hearth.cockpit import permissions
from hearth.community.permissions import AnyUser
from hearth.events.permissions import can_manage_events
from hearth.gamification.permissions import (
    can_adjust_points,
    can_manage_badges,
    can_manage_ladder,
    can_manage_point_rules,
    can_review_like_rings,
)
from hearth.growth.outreach.permissions import can_follow_up_members as can_follow_up
from hearth.growth.outreach.permissions import can_rescue_members as can_rescue

Check = Callable[[AnyUser], bool]


@dataclass(frozen=True)
class NavItem:
    key: str
    label: Promise
    url_name: str | None = None  # None: planned, rendered as "coming"
    check: Check = permissions.can_access_cockpit


@dataclass(frozen=True)
class NavSection:
    label: Promise
    items: tuple[NavItem, ...]


@dataclass(frozen=True)
class NavLink:
    """One item as the template draws it."""

    key: str
    label: str
    url: str | None
    active: bool


@dataclass(frozen=True)
class NavGroup:
    label: str
    links: tuple[NavLink, ...]


SECTIONS: tuple[NavSection, ...] = (
    NavSection(_("Overview"), (NavItem("home", _("Overview"), "cockpit:home"),)),
    NavSection(
        _("Goals"),
        (
            NavItem("goals", _("Goals"), "cockpit:goals", permissions.can_view_goals),
            NavItem(
                "initiatives",
                _("Initiatives"),
                "cockpit:initiatives",
                permissions.can_view_goals,
            ),
            NavItem("strategy", _("Strategy"), "cockpit:strategy", permissions.can_view_goals),
            NavItem(
                "ops_reports",
                _("Operations reports"),
                "cockpit:ops_reports",
                permissions.can_view_goals,
            ),
        ),
    ),
    NavSection(
        _("Growth"),
        (
            NavItem(
                "channels", _("Channels"), "cockpit:growth_channels", permissions.can_view_growth
            ),
            NavItem(
                "quality",
                _("Channel quality"),
                "cockpit:growth_quality",
                permissions.can_view_growth,
            ),
            NavItem("spend", _("Spend"), "cockpit:growth_spend", permissions.can_view_growth),
            NavItem(
                "budget",
                _("Budget advice"),
                "cockpit:growth_budget",
                permissions.can_view_growth,
            ),
            NavItem(
                "onboarding",
                _("Onboarding"),
                "cockpit:growth_onboarding",
                permissions.can_view_growth,
            ),
            NavItem("at_risk", _("At-risk new members"), "cockpit:growth_at_risk", can_rescue),
            NavItem("outreach", _("Outreach"), "cockpit:growth_outreach", can_rescue),
            NavItem(
                "assignments", _("My assignments"), "cockpit:growth_assignments", can_follow_up
            ),
        ),
    ),
    NavSection(
        _("Engagement"),
        (
            NavItem("levels", _("Levels"), "cockpit:levels", can_manage_ladder),
            NavItem("points", _("Point rules"), "cockpit:point_rules", can_manage_point_rules),
            NavItem("ledger", _("Members' points"), "cockpit:member_search", can_adjust_points),
            NavItem("badges", _("Badges"), "cockpit:badges", can_manage_badges),
            NavItem("like_rings", _("Like rings"), "cockpit:like_rings", can_review_like_rings),
            NavItem("events", _("Events"), "cockpit:events", can_manage_events),
        ),
    ),
    NavSection(
        _("Content"),
        (
            NavItem("topics", _("Topics"), "cockpit:topics", permissions.can_curate_topics),
            NavItem(
                "candidates",
                _("Featuring candidates"),
                "cockpit:candidates",
                permissions.can_curate_topics,
            ),
            NavItem("calendar", _("Content calendar"), check=permissions.can_curate_topics),
            NavItem(
                "review", _("Review queue"), "cockpit:review", permissions.can_moderate_content
            ),
        ),
    ),
    NavSection(
        _("Community order"),
        (
            NavItem("reports", _("Reports"), "cockpit:reports", permissions.can_moderate_content),
            NavItem(
                "sanctions", _("Sanctions"), "cockpit:sanctions", permissions.can_moderate_content
            ),
            NavItem("appeals", _("Appeals"), "cockpit:appeals", permissions.can_moderate_content),
            NavItem(
                "disputes", _("Disputes"), "cockpit:disputes", permissions.can_moderate_content
            ),
            NavItem(
                "rules", _("Community rules"), "cockpit:rules", permissions.can_moderate_content
            ),
            NavItem("words", _("Watched words"), "cockpit:words", permissions.can_moderate_content),
            NavItem(
                "moderation_policies",
                _("Moderation policies"),
                "cockpit:moderation_policies",
                permissions.can_moderate_content,
            ),
            NavItem(
                "classifier",
                _("Classifier"),
                "cockpit:classifier",
                permissions.can_moderate_content,
            ),
            NavItem(
                "moderation_metrics",
                _("Moderation metrics"),
                "cockpit:moderation_metrics",
                permissions.can_moderate_content,
            ),
            NavItem("audit", _("Audit log"), "cockpit:audit", permissions.can_moderate_content),
        ),
    ),
    NavSection(_("KOL"), (NavItem("kol", _("Key members")),)),
    NavSection(_("Partners"), (NavItem("partners", _("Partnerships")),)),
    NavSection(
        _("Analytics"),
        (
            NavItem(
                "dashboard", _("Dashboard"), "cockpit:analytics", permissions.can_view_analytics
            ),
            NavItem(
                "trends", _("Trends"), "cockpit:analytics_trends", permissions.can_view_analytics
            ),
            NavItem(
                "retention",
                _("Retention"),
                "cockpit:analytics_retention",
                permissions.can_view_analytics,
            ),
            NavItem(
                "lifecycle",
                _("Lifecycle"),
                "cockpit:analytics_lifecycle",
                permissions.can_view_analytics,
            ),
            NavItem(
                "funnel", _("Funnels"), "cockpit:analytics_funnels", permissions.can_view_analytics
            ),
            NavItem(
                "board_health",
                _("Board health"),
                "cockpit:analytics_boards",
                permissions.can_view_analytics,
            ),
            NavItem(
                "content",
                _("Content metrics"),
                "cockpit:analytics_content",
                permissions.can_view_analytics,
            ),
            NavItem(
                "reading", _("Reading"), "cockpit:analytics_reading", permissions.can_view_analytics
            ),
            NavItem(
                "segments",
                _("Segments"),
                "cockpit:analytics_segments",
                permissions.can_view_analytics,
            ),
            NavItem(
                "metrics", _("Metrics"), "cockpit:analytics_metrics", permissions.can_view_analytics
            ),
            NavItem(
                "alerts", _("Alerts"), "cockpit:analytics_alerts", permissions.can_view_analytics
            ),
        ),
    ),
    NavSection(
        _("Team"),
        (
            NavItem("staff", _("Staff & roles"), "cockpit:staff", permissions.can_manage_staff),
            NavItem("tickets", _("Tickets")),
        ),
    ),
    NavSection(
        _("Settings"),
        (
            NavItem("brand", _("Brand"), "cockpit:brand", permissions.can_edit_brand),
            NavItem("boards", _("Boards"), "cockpit:boards", permissions.can_manage_boards),
        ),
    ),
)


def nav_for(user: AnyUser, *, active: str) -> list[NavGroup]:
    """The sections and items ``user`` may see, with ``active`` marked."""
    groups = []
    for section in SECTIONS:
        links = tuple(
            NavLink(
                key=item.key,
                label=str(item.label),
                url=reverse(item.url_name) if item.url_name else None,
                active=item.key == active,
            )
            for item in section.items
            if item.check(user)
        )
        if links:
            groups.append(NavGroup(label=str(section.label), links=links))
    return groups
