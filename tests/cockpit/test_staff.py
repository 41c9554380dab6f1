"""Staff roles given and taken in the cockpit, with an audit log, and their effect."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from hearth.accounts.models import User
from hearth.cockpit.models import StaffRoleChange
from hearth.cockpit.services import staff_role_assign, staff_role_remove
from hearth.core import roles


def _fresh(member: Any) -> User:
    return User.objects.get(pk=member.pk)  # permissions are cached per object


def test_give_a_role_opens_the_cockpit(
    admin_member: Any, make_member: Callable[..., Any], login: Any
) -> None:
    mei = make_member("mei")
    assert login(mei).get(reverse("cockpit:home")).status_code == 403
    response = login(admin_member).post(
        reverse("cockpit:staff"), {"username": "MEI", "role": roles.CONTENT_EDITOR}
    )
    assert response.status_code == 302
    assert login(_fresh(mei)).get(reverse("cockpit:topics")).status_code == 200
    change = StaffRoleChange.objects.get()
    assert (change.actor, change.member, change.role, change.action) == (
        admin_member,
        mei,
        roles.CONTENT_EDITOR,
        "added",
    )
    page = login(admin_member).get(reverse("cockpit:staff")).content.decode()
    row = page.split('data-member="mei"', 1)[1].split("</tr>", 1)[0]
    assert "Content editor" in row
    assert "+ Content editor" in page.split('data-testid="role-changes"', 1)[1]


def test_remove_a_role_closes_what_it_opened(
    admin_member: Any, make_staff: Callable[..., Any], login: Any
) -> None:
    mei = make_staff(roles.COMMUNITY_MANAGER, roles.ANALYST, username="mei")
    assert login(mei).get(reverse("cockpit:brand")).status_code == 200
    response = login(admin_member).post(
        reverse("cockpit:staff_remove", args=[mei.pk]), {"role": roles.COMMUNITY_MANAGER}
    )
    assert response.status_code == 302
    client = login(_fresh(mei))
    assert client.get(reverse("cockpit:brand")).status_code == 403
    assert client.get(reverse("cockpit:home")).status_code == 200  # still an analyst
    assert StaffRoleChange.objects.get().action == "removed"
    login(admin_member).post(
        reverse("cockpit:staff_remove", args=[mei.pk]), {"role": roles.ANALYST}
    )
    assert login(_fresh(mei)).get(reverse("cockpit:home")).status_code == 403


def test_unknown_username_is_a_clear_error(admin_member: Any, login: Any) -> None:
    response = login(admin_member).post(
        reverse("cockpit:staff"), {"username": "nobody", "role": roles.MODERATOR}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "No member with the username “nobody”" in html
    assert 'value="nobody"' in html
    assert not StaffRoleChange.objects.exists()


def test_giving_a_role_twice_logs_once(admin_member: Any, make_member: Callable[..., Any]) -> None:
    mei = make_member("mei")
    assert staff_role_assign(actor=admin_member, member=mei, role=roles.MODERATOR) is True
    assert staff_role_assign(actor=admin_member, member=mei, role=roles.MODERATOR) is False
    assert staff_role_remove(actor=admin_member, member=mei, role=roles.ANALYST) is False
    assert StaffRoleChange.objects.count() == 1


def test_unknown_role_is_refused(admin_member: Any, make_member: Callable[..., Any]) -> None:
    with pytest.raises(ValidationError):
        staff_role_assign(actor=admin_member, member=make_member(), role="emperor")


def test_an_admin_cannot_remove_their_own_admin_role(admin_member: Any, login: Any) -> None:
    response = login(admin_member).post(
        reverse("cockpit:staff_remove", args=[admin_member.pk]), {"role": roles.ADMIN}, follow=True
    )
    assert "You cannot remove your own Administrator role" in response.content.decode()
    assert _fresh(admin_member).groups.filter(name=roles.ADMIN).exists()


def test_only_staff_managers_change_roles(
    make_staff: Callable[..., Any], make_member: Callable[..., Any], login: Any
) -> None:
    manager = make_staff(roles.COMMUNITY_MANAGER)
    mei = make_member("mei")
    with pytest.raises(PermissionDenied):
        staff_role_assign(actor=manager, member=mei, role=roles.ADMIN)
    response = login(manager).post(
        reverse("cockpit:staff"), {"username": "mei", "role": roles.ADMIN}
    )
    assert response.status_code == 403
    assert not _fresh(mei).groups.exists()
