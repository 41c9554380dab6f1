"""Invite codes: a monthly quota from the member's level, redeemed at sign-up."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from freezegun import freeze_time

from hearth.accounts.invites import invite_code_issue, invite_quota_for
from hearth.accounts.models import InviteCode
from hearth.accounts.services import LandingSource
from hearth.gamification.defaults import ladder_restore_defaults
from hearth.gamification.services import points_adjust


@pytest.fixture
def inviter(make_member: Any, staff_member: Any, db: None) -> Any:
    ladder_restore_defaults()
    member = make_member("inviter")
    points_adjust(actor=staff_member, member=member, amount=500, reason="setup")  # 高级会员: 3/month
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
    second = make_member("second", source=LandingSource(invite_code=code))
    used = InviteCode.objects.get(code=code)
    assert used.used_by == newcomer
    assert newcomer.channel == "referral"
    assert not InviteCode.objects.filter(used_by=second).exists()


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
