"""Invites in Chromium: the inviter's codes with their expiry, a friend joining from the link,
and an expired code refused on the sign-up form with a clear message."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from hearth.accounts.invites import invite_code_issue
from hearth.accounts.models import InviteCode, User
from hearth.gamification.defaults import ladder_restore_defaults, point_rules_restore_defaults
from hearth.gamification.services import points_adjust
from hearth.growth.models import MemberAttribution

pytestmark = pytest.mark.django_db(transaction=True)


def sign_up(page: Any, username: str) -> None:
    form = page.get_by_test_id("signup-form")
    form.locator("[name=username]").fill(username)
    form.locator("[name=email]").fill(f"{username}@example.com")
    form.locator("[name=password]").fill("桂花-oolong-2026")
    form.locator("[name=password_confirm]").fill("桂花-oolong-2026")
    form.locator("[name=privacy]").check()
    form.locator("button[type=submit]").click()


def test_a_friend_joins_with_an_invite_link_and_an_expired_code_is_refused(
    live_server: Any,
    browser: Any,
    make_member: Any,
    staff_member: Any,
    screenshot: Any,
    log_in: Any,
) -> None:
    ladder_restore_defaults()  # a transactional test may start after a flush
    point_rules_restore_defaults()
    inviter = make_member("laowang", display_name="老王")
    points_adjust(actor=staff_member, member=inviter, amount=500, reason="setup")
    code = invite_code_issue(member=inviter).code
    InviteCode.objects.create(
        code="OLDCODE9", owner=inviter, expires_at=timezone.now() - dt.timedelta(days=2)
    )

    owner_context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    owner = owner_context.new_page()
    log_in(owner, live_server.url, "laowang")
    owner.goto(f"{live_server.url}/accounts/invites/")
    assert owner.get_by_test_id("invite-expires").first.inner_text().strip()
    screenshot(owner, "invites-with-expiry")
    owner_context.close()

    friend_context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    friend = friend_context.new_page()
    friend.goto(f"{live_server.url}/accounts/signup/?invite=OLDCODE9")
    assert friend.locator("[name=invite_code]").input_value() == ""  # a stale code: not offered
    friend.locator("[name=invite_code]").fill("OLDCODE9")
    sign_up(friend, "xiaomei")
    error = friend.locator(".field-error:has([name=invite_code]) .errorlist")
    error.wait_for()
    assert "OLDCODE9" not in error.inner_text()  # the message says why, in the page's language
    assert error.inner_text().strip()
    screenshot(friend, "signup-expired-invite")
    assert not User.objects.filter(username="xiaomei").exists()

    friend.goto(f"{live_server.url}/?invite={code}")
    friend.goto(f"{live_server.url}/accounts/signup/")
    assert friend.locator("[name=invite_code]").input_value() == code
    sign_up(friend, "xiaomei")
    friend.wait_for_url(f"{live_server.url}/")
    friend_context.close()
    member = User.objects.get(username="xiaomei")
    assert member.channel == "referral"
    assert MemberAttribution.objects.get(member=member).invited_by == inviter
