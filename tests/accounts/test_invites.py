"""Invite codes: a monthly quota from the member's level, redeemed at sign-up."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from hearth.accounts.invites import invite_code_issue, invite_quota_for
from hearth.accounts.models import InviteCode, User
from hearth.accounts.services import LandingSource
from hearth.gamification.defaults import ladder_restore_defaults
from hearth.gamification.services import points_adjust


@pytest.fixture
def inviter(make_member: Any, staff_member: Any, db: None) -> Any:
    ladder_restore_defaults()
    member = make_member("inviter")
    points_adjust(
        actor=staff_member, member=member, amount=500, reason="setup"
    )  # 高级会员: 3/month
    return type(member).objects.get(pk=member.pk)


def test_a_first_level_member_has_no_codes(make_member: Any, db: None) -> None:
    ladder_restore_defaults()
    member = make_member()
    assert invite_quota_for(member=member).per_month == 0
    with pytest.raises(PermissionDenied, match="does not come with invite codes"):
        invite_code_issue(member=member)
    assert not InviteCode.objects.exists()


def test_the_monthly_quota_holds_and_renews_next_month(inviter: Any) -> None:
    with freeze_time("2026-11-10 12:00:00+08:00"):
        codes = {invite_code_issue(member=inviter).code for _i in range(3)}
        assert len(codes) == 3
        with pytest.raises(PermissionDenied, match="all 3 invite codes"):
            invite_code_issue(member=inviter)
        assert invite_quota_for(member=inviter).left == 0
    with freeze_time("2026-12-01 09:00:00+08:00"):
        assert invite_quota_for(member=inviter).left == 3
        invite_code_issue(member=inviter)
    assert InviteCode.objects.filter(owner=inviter).count() == 4


def test_sign_up_with_a_code_uses_it_once(inviter: Any, make_member: Any) -> None:
    code = invite_code_issue(member=inviter).code
    newcomer = make_member("newcomer", source=LandingSource(invite_code=code.lower()))
    with pytest.raises(ValidationError) as refused:
        make_member("second", source=LandingSource(invite_code=code))
    assert refused.value.message_dict == {
        "invite_code": ["This invite code has already been used."]
    }
    used = InviteCode.objects.get(code=code)
    assert used.used_by == newcomer
    assert newcomer.channel == "referral"
    assert not User.objects.filter(username="second").exists()


def test_a_new_code_expires_in_30_days_and_an_expired_one_is_refused(
    inviter: Any, make_member: Any
) -> None:
    with freeze_time("2026-11-10 12:00:00+08:00"):
        code = invite_code_issue(member=inviter)
    assert code.expires_at == code.created_at + dt.timedelta(days=30)
    with freeze_time("2026-12-10 12:00:01+08:00"), pytest.raises(ValidationError) as refused:
        make_member("late", source=LandingSource(invite_code=code.code))
    assert refused.value.message_dict["invite_code"][0].startswith("This invite code expired on")
    assert not User.objects.filter(username="late").exists()
    assert InviteCode.objects.get(pk=code.pk).used_by is None


def test_an_expired_code_typed_on_the_form_is_a_clear_error(inviter: Any) -> None:
    InviteCode.objects.create(
        code="OLDCODE1", owner=inviter, expires_at=timezone.now() - dt.timedelta(days=1)
    )
    form = {
        "username": "xiaoming",
        "email": "xiaoming@example.com",
        "password": "a-long-secret-42",
        "password_confirm": "a-long-secret-42",
        "invite_code": "oldcode1",
        "privacy": "on",
    }
    response = Client().post("/accounts/signup/", form, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "This invite code expired on" in response.content.decode()
    assert not User.objects.filter(username="xiaoming").exists()


def test_the_page_lists_codes_and_issues_one(inviter: Any, settings: Any) -> None:
    settings.LANGUAGE_CODE = "en"
    client = Client()
    client.force_login(inviter)
    response = client.post("/accounts/invites/", follow=True, HTTP_ACCEPT_LANGUAGE="en")
    code = InviteCode.objects.get(owner=inviter)
    html = response.content.decode()
    assert code.code in html
    assert f"?invite={code.code}" in html
    assert "2 of 3 codes left this month." in html
    assert 'data-testid="invite-expires"' in html


def test_an_expired_code_is_shown_expired_without_a_link_to_share(inviter: Any) -> None:
    InviteCode.objects.create(
        code="OLDCODE1", owner=inviter, expires_at=timezone.now() - dt.timedelta(days=1)
    )
    live = invite_code_issue(member=inviter)
    client = Client()
    client.force_login(inviter)
    html = client.get("/accounts/invites/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Expired on" in html
    assert "?invite=OLDCODE1" not in html
    assert f"?invite={live.code}" in html
