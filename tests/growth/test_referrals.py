"""Member invites: the inviter is credited; self-invites and duplicate accounts are refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from freezegun import freeze_time

from hearth.accounts.invites import invite_code_issue
from hearth.accounts.models import InviteCode, User
from hearth.accounts.services import LandingSource, member_delete, member_signup
from hearth.gamification.actions import PointAction
from hearth.gamification.defaults import ladder_restore_defaults
from hearth.gamification.models import PointEntry
from hearth.gamification.services import points_adjust
from hearth.growth.models import MemberAttribution, MemberDevice, Touch
from tests.growth.signup_form import SIGNUP, form_data


@pytest.fixture(autouse=True)
def _english(settings: Any) -> None:
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def inviter(make_member: Any, staff_member: Any, db: None) -> User:
    ladder_restore_defaults()
    member = make_member("inviter")
    points_adjust(actor=staff_member, member=member, amount=500, reason="setup")  # 3 codes/month
    return User.objects.get(pk=member.pk)


def invite_awards(member: User) -> list[tuple[str, str, int]]:
    return list(
        PointEntry.objects.filter(member=member, action=PointAction.INVITE_ACCEPTED).values_list(
            "source_key", "target_key", "amount"
        )
    )


def test_an_invited_member_credits_the_inviter(inviter: User) -> None:
    code = invite_code_issue(member=inviter).code
    client = Client()
    client.get(f"/?invite={code}", headers={"referer": "https://weixin.qq.com/"})
    assert f'value="{code}"' in client.get(SIGNUP).content.decode()
    response = client.post(SIGNUP, form_data(invite_code=code))
    assert response.status_code == 302
    member = User.objects.get(username="xiaoming")
    attribution = MemberAttribution.objects.get(member=member)
    assert attribution.invited_by == inviter
    assert (attribution.first_channel, attribution.last_channel) == ("referral", "referral")
    assert list(Touch.objects.filter(member=member).values_list("channel", "source")) == [
        ("referral", "invite")
    ]
    assert member.channel == "referral"
    (award,) = invite_awards(inviter)
    assert award[:2] == (f"invite:{code}", f"member:{member.pk}")
    assert award[2] > 0
    assert InviteCode.objects.get(code=code).used_by == member


def test_an_invite_after_a_weibo_landing_is_the_last_touch(inviter: User) -> None:
    code = invite_code_issue(member=inviter).code
    client = Client()
    client.get("/?utm_source=weibo&utm_campaign=spring")
    client.post(SIGNUP, form_data(invite_code=code.lower()))  # typed, not from a link
    member = User.objects.get(username="xiaoming")
    assert list(
        Touch.objects.filter(member=member).order_by("position").values_list("channel", "credit")
    ) == [("weibo", 0.5), ("referral", 0.5)]
    assert member.channel == "weibo"
    assert MemberAttribution.objects.get(member=member).invited_by == inviter
    assert len(invite_awards(inviter)) == 1


def test_a_self_invite_from_the_owners_browser_is_refused(inviter: User) -> None:
    code = invite_code_issue(member=inviter).code
    client = Client()
    client.get("/rules/")  # the browser gets its device cookie
    client.force_login(inviter)
    client.get("/rules/")  # signed in: the browser is noted as the inviter's
    assert MemberDevice.objects.filter(member=inviter).count() == 1
    client.post("/accounts/logout/")  # Client.logout() would drop the browser's cookies
    response = client.post(SIGNUP, form_data(invite_code=code, email="second@example.com"))
    assert response.status_code == 200
    assert "you cannot invite yourself" in response.content.decode()
    assert not User.objects.filter(username="xiaoming").exists()
    assert InviteCode.objects.get(code=code).used_by is None
    assert invite_awards(inviter) == []
    # the same person without the code may still join (one browser, two accounts is allowed)
    assert client.post(SIGNUP, form_data(email="second@example.com")).status_code == 302


def test_a_self_invite_with_the_owners_mailbox_is_refused(inviter: User) -> None:
    code = invite_code_issue(member=inviter).code
    response = Client().post(SIGNUP, form_data(invite_code=code, email="Inviter+alt@Example.com"))
    html = response.content.decode()
    assert "You cannot use your own invite code." in html
    assert "An account with this e-mail already exists." in html
    assert not User.objects.filter(username="xiaoming").exists()


@pytest.mark.parametrize(
    ("existing", "new"),
    [
        ("xiao.ming@gmail.com", "XiaoMing+hearth@googlemail.com"),
        ("xiaoming@qq.com", "XiaoMing+2@QQ.com"),
        ("xiaoming+old@163.com", "xiaoming@163.com"),
    ],
)
@pytest.mark.django_db
def test_a_duplicate_account_of_one_mailbox_is_refused(existing: str, new: str) -> None:
    member_signup(username="first", email=existing, password="correct-horse-battery-9")
    response = Client().post(SIGNUP, form_data(email=new))
    assert "An account with this e-mail already exists." in response.content.decode()
    assert not User.objects.filter(username="xiaoming").exists()


@pytest.mark.django_db
def test_different_mailboxes_are_not_duplicates() -> None:
    member_signup(username="first", email="xiao.ming@qq.com", password="correct-horse-battery-9")
    assert Client().post(SIGNUP, form_data(email="xiaoming@qq.com")).status_code == 302


def test_a_second_invited_account_from_one_browser_within_a_day_is_refused(inviter: User) -> None:
    first, second = invite_code_issue(member=inviter).code, invite_code_issue(member=inviter).code
    client = Client()
    with freeze_time("2026-11-10 10:00:00+08:00") as frozen:
        client.get("/rules/")
        assert client.post(SIGNUP, form_data(invite_code=first)).status_code == 302
        client.post("/accounts/logout/")  # Client.logout() would drop the browser's cookies
        frozen.move_to("2026-11-10 22:00:00+08:00")
        again = form_data(username="xiaohong", email="xiaohong@example.com", invite_code=second)
        response = client.post(SIGNUP, again)
        assert "An invited account was already created on this browser" in (
            response.content.decode()
        )
        assert not User.objects.filter(username="xiaohong").exists()
        frozen.move_to("2026-11-11 10:00:01+08:00")
        assert client.post(SIGNUP, again).status_code == 302
    assert len(invite_awards(inviter)) == 2


def test_a_used_or_unknown_code_is_a_clear_error_and_nothing_is_created(
    inviter: User, make_member: Any
) -> None:
    code = invite_code_issue(member=inviter).code
    make_member("newcomer", source=LandingSource(invite_code=code))
    for typed, message in [
        (code, "This invite code has already been used."),
        ("NOPE2345", "There is no invite code NOPE2345."),
    ]:
        response = Client().post(SIGNUP, form_data(invite_code=typed))
        assert message in response.content.decode()
    assert not User.objects.filter(username="xiaoming").exists()
    assert len(invite_awards(inviter)) == 1  # the newcomer's, once


def test_a_deleted_member_keeps_their_channel_but_not_their_devices(inviter: User) -> None:
    client = Client()
    client.get("/?utm_source=weibo", headers={"referer": "https://weibo.com/u/9"})
    client.post(SIGNUP, form_data())
    member = User.objects.get(username="xiaoming")
    assert MemberDevice.objects.filter(member=member).exists()
    member_delete(member=member)
    assert not MemberDevice.objects.filter(member=member).exists()
    (touch,) = Touch.objects.filter(member=member)
    assert (touch.channel, touch.referrer, touch.landing_path) == ("weibo", "", "")
    assert MemberAttribution.objects.get(member=member).signup_device == ""
