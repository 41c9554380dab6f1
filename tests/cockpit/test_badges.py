"""Cockpit badges: who may open it, the editor's checks, grants and revocations with reasons."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hearth.core.roles import COMMUNITY_MANAGER, CONTENT_EDITOR, MEMBER_OPERATIONS, MODERATOR
from hearth.gamification.models import Badge, BadgeGrant
from hearth.gamification.services import badge_grant

pytestmark = pytest.mark.django_db

VALID = {
    "name": "摄影达人",
    "slug": "photographer",
    "icon": "📷",
    "description": "在摄影版发布 10 篇主题",
    "tier": "silver",
    "criterion": "topics",
    "threshold": "10",
    "active": "on",
}


@pytest.fixture
def manager(make_staff: Callable[..., Any]) -> Any:
    return make_staff(MEMBER_OPERATIONS, username="ops")


@pytest.fixture
def client(login: Callable[[Any], Client], manager: Any) -> Client:
    return login(manager)


def _snapshot() -> list[tuple[Any, ...]]:
    return list(Badge.objects.order_by("pk").values_list("pk", "name", "slug", "threshold"))


@pytest.mark.parametrize(
    ("role", "status"),
    [(MEMBER_OPERATIONS, 200), (COMMUNITY_MANAGER, 200), (CONTENT_EDITOR, 403), (MODERATOR, 403)],
)
def test_who_may_open_the_badges_page(
    make_staff: Callable[..., Any], login: Callable[[Any], Client], role: str, status: int
) -> None:
    response = login(make_staff(role)).get(reverse("cockpit:badges"))
    assert response.status_code == status
    if status == 200:
        assert 'data-nav="badges"' in response.content.decode()
        assert f'href="{reverse("cockpit:badges")}"' in response.content.decode()


def test_list_shows_each_badge_with_its_holders(
    client: Client, make_member: Callable[..., Any]
) -> None:
    badge = Badge.objects.get(slug="liked-10")
    for _ in range(3):
        badge_grant(badge=badge, member=make_member())
    html = client.get(reverse("cockpit:badges")).content.decode()
    row = html.split(f'data-badge="{badge.slug}"', 1)[1].split("</tr>", 1)[0]
    assert '<td class="num" data-testid="holders">3</td>' in row
    assert html.count("<tr data-badge=") == Badge.objects.count()


def test_a_valid_badge_is_created(client: Client) -> None:
    response = client.post(reverse("cockpit:badge_new"), VALID)
    assert response.status_code == 302
    badge = Badge.objects.get(slug="photographer")
    assert (badge.name, badge.threshold, badge.tier, badge.active) == (
        "摄影达人",
        10,
        "silver",
        True,
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"threshold": "-5"}, "threshold", "at least 1"),
        ({"threshold": ""}, "threshold", "at least 1"),
        ({"criterion": "manual"}, "threshold", "no threshold"),
        ({"criterion": "deleted_posts"}, "criterion", "valid choice"),
        ({"name": "初来乍到"}, "name", "already called"),
        ({"multiple": "on"}, "multiple", "more than once"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(
    client: Client, changes: dict[str, str], field: str, message: str
) -> None:
    before = _snapshot()
    response = client.post(reverse("cockpit:badge_new"), {**VALID, **changes})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="form-errors"' in html
    assert re.search(rf'class="field field-error[^"]*" data-field="{field}"', html)
    assert message in html
    assert _snapshot() == before


def test_editing_with_bad_input_keeps_the_badge_unchanged(client: Client) -> None:
    badge = Badge.objects.get(slug="liked-100")
    before = _snapshot()
    response = client.post(
        reverse("cockpit:badge_edit", args=[badge.pk]),
        {**VALID, "slug": badge.slug, "name": "新名字", "threshold": "-1"},
    )
    assert response.status_code == 400
    assert _snapshot() == before


def test_edit_form_shows_the_badge(client: Client) -> None:
    badge = Badge.objects.get(slug="liked-100")
    html = client.get(reverse("cockpit:badge_edit", args=[badge.pk])).content.decode()
    assert f'value="{badge.name}"' in html
    assert 'data-testid="backfill-form"' in html


def test_grant_and_revoke_by_username_need_a_reason(
    client: Client, manager: Any, make_member: Callable[..., Any]
) -> None:
    member = make_member("xiaoming")
    badge = Badge.objects.get(slug="elder")
    url = reverse("cockpit:badge_award")
    form = {"username": "xiaoming", "badge": str(badge.pk), "action": "grant", "reason": ""}

    refused = client.post(url, form)
    assert refused.status_code == 400
    assert "Give a reason" in refused.content.decode()
    assert not BadgeGrant.objects.exists()

    assert client.post(url, {**form, "reason": "十年老用户"}).status_code == 302
    grant = BadgeGrant.objects.get(badge=badge, member=member)
    assert (grant.granted_by, grant.reason) == (manager, "十年老用户")

    revoke = {**form, "action": "revoke"}
    assert client.post(url, revoke).status_code == 400
    assert client.post(url, {**revoke, "reason": "误发"}).status_code == 302
    grant.refresh_from_db()
    assert (grant.revoked_by, grant.revoke_reason) == (manager, "误发")

    again = client.post(url, {**revoke, "reason": "误发"})
    assert again.status_code == 400
    assert "does not hold" in again.content.decode()

    html = client.get(reverse("cockpit:badges")).content.decode()
    changes = html.split('data-testid="badge-changes"', 1)[1]
    assert "十年老用户" in changes
    assert "误发" in changes
    assert "@ops" in changes


def test_unknown_member_is_refused(client: Client) -> None:
    badge = Badge.objects.get(slug="elder")
    response = client.post(
        reverse("cockpit:badge_award"),
        {"username": "nobody", "badge": str(badge.pk), "action": "grant", "reason": "x"},
    )
    assert response.status_code == 400
    assert "No member with the username" in response.content.decode()


def test_backfill_button_grants_to_members_who_already_qualify(
    client: Client, make_member: Callable[..., Any]
) -> None:
    from hearth.accounts.models import User

    badge = Badge.objects.get(slug="liked-10")
    member = make_member()
    User.objects.filter(pk=member.pk).update(likes_received=12)
    response = client.post(reverse("cockpit:badge_backfill", args=[badge.pk]))
    assert response.status_code == 302
    assert BadgeGrant.objects.filter(badge=badge, member=member, revoked_at__isnull=True).exists()
