"""Who may open which cockpit page: a matrix of role × page, and the navigation they see."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from hearth.core import roles

MODERATION = {
    "review",
    "reports",
    "sanctions",
    "appeals",
    "disputes",
    "rules",
    "words",
    "moderation_policies",
    "classifier",
    "moderation_metrics",
    "audit",
}
PAGES = ["home", "topics", "staff", "brand", "boards", "board_new", "board_edit", "board_slug"]
ALLOWED: dict[str, set[str]] = {
    roles.ADMIN: set(PAGES),
    roles.COMMUNITY_MANAGER: set(PAGES) - {"staff"},
    roles.CONTENT_EDITOR: {"home", "topics"},
    roles.EVENT_PLANNER: {"home"},
    roles.MEMBER_OPERATIONS: {"home"},
    roles.MODERATOR: {"home", "topics"},
    roles.ANALYST: {"home"},
}


def _url(page: str, board: Any) -> str:
    if page == "board_edit":
        return reverse("cockpit:board_edit", args=[board.pk])
    return reverse(f"cockpit:{page}")


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", list(ALLOWED))
def test_role_page_matrix(
    role: str, page: str, make_staff: Callable[..., Any], make_board: Callable[..., Any], login: Any
) -> None:
    board = make_board()
    response = login(make_staff(role)).get(_url(page, board))
    assert response.status_code == (200 if page in ALLOWED[role] else 403)


@pytest.mark.parametrize("page", PAGES)
def test_visitor_is_sent_to_log_in(page: str, make_board: Callable[..., Any], login: Any) -> None:
    url = _url(page, make_board())
    response = login(None).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "next=" in response["Location"]


@pytest.mark.parametrize("page", PAGES)
def test_member_without_role_is_forbidden(
    page: str, make_member: Callable[..., Any], make_board: Callable[..., Any], login: Any
) -> None:
    response = login(make_member()).get(_url(page, make_board()))
    assert response.status_code == 403


@pytest.mark.parametrize("page", PAGES)
def test_superuser_opens_every_page(
    page: str, make_member: Callable[..., Any], make_board: Callable[..., Any], login: Any
) -> None:
    boss = make_member()
    boss.is_superuser = True
    boss.save()
    assert login(boss).get(_url(page, make_board())).status_code == 200


def test_deactivated_staff_cannot_enter(make_staff: Callable[..., Any], login: Any) -> None:
    manager = make_staff(roles.COMMUNITY_MANAGER)
    client = login(manager)
    manager.is_active = False
    manager.save()
    response = client.get(reverse("cockpit:home"))
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("cockpit:topic_feature", "topic"),
        ("cockpit:topic_pin", "topic"),
        ("cockpit:staff_remove", "member"),
        ("cockpit:board_move", "board"),
    ],
)
def test_actions_refuse_analyst(
    name: str,
    args: str,
    make_staff: Callable[..., Any],
    make_topic: Callable[..., Any],
    login: Any,
) -> None:
    topic = make_topic()
    target = {"topic": topic, "member": topic.author, "board": topic.board}[args]
    response = login(make_staff(roles.ANALYST)).post(
        reverse(name, args=[target.pk]), {"level": 2, "scope": "global", "role": "admin"}
    )
    assert response.status_code == 403
    topic.refresh_from_db()
    assert topic.featured_level == 0
    assert topic.pin_scope == ""


def _nav_items(html: str) -> tuple[list[str], list[str]]:
    nav = html.split('data-testid="ops-nav"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'<a href="([^"]+)" data-nav="([^"]+)"', nav)
    soon = re.findall(r'<span class="soon" data-nav="([^"]+)"', nav)
    return [key for _href, key in links], soon


@pytest.mark.parametrize("role", list(ALLOWED))
def test_navigation_shows_only_what_the_role_may_open(
    role: str, make_staff: Callable[..., Any], login: Any
) -> None:
    client = login(make_staff(role))
    html = client.get(reverse("cockpit:home")).content.decode()
    live, soon = _nav_items(html)
    expected_live = (
        {"home"}
        | {key for key in ("topics", "staff", "brand", "boards") if key in ALLOWED[role]}
        | ENGAGEMENT.get(role, set())
        | ({"candidates"} if "topics" in ALLOWED[role] else set())
        | (MODERATION if role in ROLE_MODERATES else set())
        | (ANALYTICS if role in ROLE_ANALYSES else set())
        | (
            {"channels", "onboarding"} if role in ROLE_ANALYSES else set()
        )  # registry, onboarding (#6)
        | ({"quality", "spend", "budget"} if role in ROLE_ANALYSES else set())  # spend (#6)
        | ({"events"} if role in ROLE_PLANS_EVENTS else set())  # events (#6)
        | ({"at_risk", "outreach"} if role in OUTREACH_ROLES else set())  # rescue (#6)
        | ({"assignments"} if role == roles.MEMBER_OPERATIONS else set())  # rescue (#6)
        | ({"goals"} if role in ROLE_ANALYSES else set())  # goals (#7)
        | ({"initiatives", "strategy"} if role in ROLE_ANALYSES else set())  # strategy (#7)
        | ({"ops_reports"} if role in ROLE_ANALYSES else set())  # operations reports (#7)
    )
    assert set(live) == expected_live
    assert "tickets" in soon
    assert "goals" not in soon
    # The analytics section (with its segments) only for roles that read analytics.
    assert ("segments" in live) == (role in ROLE_ANALYSES)
    # Moderation pages appear only for roles that moderate.
    assert ("reports" in live) == (role in ROLE_MODERATES)
    # Every live link opens for this role: no broken link, no 403 behind a link.
    nav = html.split('data-testid="ops-nav"', 1)[1].split("</nav>", 1)[0]
    for href in re.findall(r'<a href="([^"]+)"', nav):
        assert client.get(href).status_code == 200, href


ROLE_MODERATES = {roles.ADMIN, roles.COMMUNITY_MANAGER, roles.MODERATOR}
ROLE_PLANS_EVENTS = {roles.ADMIN, roles.COMMUNITY_MANAGER, roles.EVENT_PLANNER}
OUTREACH_ROLES = {roles.ADMIN, roles.COMMUNITY_MANAGER, roles.MEMBER_OPERATIONS}
ANALYTICS = {"dashboard", "trends", "retention", "lifecycle"}
ANALYTICS |= {"metrics", "alerts"}  # custom metrics and anomaly alerts
ANALYTICS |= {"content", "reading"}  # content metrics and reading
ANALYTICS |= {"segments"}  # segments
ANALYTICS |= {"funnel", "board_health"}  # funnels and board health
ROLE_ANALYSES = {roles.ADMIN, roles.COMMUNITY_MANAGER, roles.MEMBER_OPERATIONS, roles.ANALYST}
# The points and levels pages, by role (the rest see none of them).
POINTS_PAGES = {"levels", "points", "ledger", "badges", "like_rings"}
ENGAGEMENT: dict[str, set[str]] = {
    roles.ADMIN: POINTS_PAGES,
    roles.COMMUNITY_MANAGER: POINTS_PAGES,
    roles.MEMBER_OPERATIONS: POINTS_PAGES,
    roles.MODERATOR: {"like_rings"},
}


def test_planned_items_are_not_links(admin_member: Any, login: Any) -> None:
    html = login(admin_member).get(reverse("cockpit:home")).content.decode()
    nav = html.split('data-testid="ops-nav"', 1)[1].split("</nav>", 1)[0]
    assert 'class="soon-tag"' in nav
    assert not re.search(r'<a [^>]*data-nav="(kol|partners|tickets)"', nav)


def test_django_admin_is_for_superusers_only(admin_member: Any, login: Any) -> None:
    response = login(admin_member).get("/django-admin/")
    assert response.status_code == 302
    assert "/django-admin/login/" in response["Location"]


@pytest.mark.parametrize(
    "page",
    ["home", "topics", "staff", "brand", "boards", "board_new", "analytics", "analytics_retention"],
)
def test_pages_render_in_simplified_chinese(page: str, admin_member: Any) -> None:
    from django.test import Client

    client = Client(headers={"accept-language": "zh-hans"})
    client.force_login(admin_member)
    response = client.get(reverse(f"cockpit:{page}"))
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in response.content.decode()
