"""Sign up: landing attribution, invite codes, refusals that keep what was typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from hearth.accounts.models import InviteCode, User
from hearth.accounts.services import member_signup
from hearth.growth.attribution.cookie import COOKIE_NAME

SIGNUP = "/accounts/signup/"


def form_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "username": "xiaoming",
        "email": "xiaoming@example.com",
        "password": "a-long-secret-42",
        "password_confirm": "a-long-secret-42",
        "invite_code": "",
        "privacy": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.django_db
def test_signup_page_links_the_privacy_notice_and_asks_for_consent() -> None:
    response = Client().get(SIGNUP)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="privacy"' in html
    assert 'href="/privacy/"' in html
    assert 'name="invite_code"' in html


@pytest.mark.django_db
def test_signup_on_a_utm_landing_records_the_channel_and_campaign() -> None:
    client = Client()
    url = f"{SIGNUP}?utm_source=weibo&utm_campaign=launch"
    assert client.get(url, headers={"referer": "https://weibo.com/t/1"}).status_code == 200
    response = client.post(url, form_data())
    assert response.status_code == 302
    assert response["Location"] == "/"
    member = User.objects.get(username="xiaoming")
    assert (member.channel, member.utm_source, member.utm_campaign) == ("weibo", "weibo", "launch")
    assert member.landing_path == url
    assert member.referrer == "https://weibo.com/t/1"
    assert member.privacy_accepted_at is not None


@pytest.mark.django_db
def test_the_landing_of_an_earlier_page_is_recorded_at_sign_up() -> None:
    client = Client()
    client.get("/rules/?utm_source=Baidu&utm_medium=seo&utm_campaign=spring")
    client.get("/culture/")  # a later direct page view does not replace it
    client.post(SIGNUP, form_data())
    member = User.objects.get(username="xiaoming")
    assert (member.channel, member.utm_source) == ("seo", "Baidu")  # an alias of the search channel
    assert (member.utm_medium, member.utm_campaign) == ("seo", "spring")
    assert member.landing_path.startswith("/rules/?utm_source=Baidu")


@pytest.mark.django_db
def test_a_post_to_a_utm_signup_url_is_attributed_without_a_prior_visit() -> None:
    Client().post(f"{SIGNUP}?utm_source=weibo&utm_campaign=launch", form_data())
    member = User.objects.get(username="xiaoming")
    assert (member.channel, member.utm_campaign) == ("weibo", "launch")


@pytest.mark.django_db
def test_a_direct_visitor_is_recorded_as_direct() -> None:
    client = Client()
    client.get("/rules/")
    client.post(SIGNUP, form_data())
    member = User.objects.get(username="xiaoming")
    assert member.channel == "direct"
    assert member.landing_path == ""  # a direct visit is no touch


def test_the_invite_code_of_the_landing_is_prefilled_and_recorded(
    make_member: Callable[..., Any],
) -> None:
    InviteCode.objects.create(code="FRIEND42", owner=make_member("friend"))
    client = Client()
    client.get("/rules/?invite=friend42")
    page = client.get(SIGNUP).content.decode()
    assert 'value="FRIEND42"' in page
    client.post(SIGNUP, form_data(invite_code="FRIEND42"))
    member = User.objects.get(username="xiaoming")
    assert member.invite_code == "FRIEND42"
    assert member.channel == "referral"


def test_a_used_code_of_the_landing_is_not_prefilled(make_member: Callable[..., Any]) -> None:
    friend, other = make_member("friend"), make_member("other")
    InviteCode.objects.create(code="FRIEND42", owner=friend, used_by=other)
    client = Client()
    client.get("/rules/?invite=FRIEND42")
    assert 'value="FRIEND42"' not in client.get(SIGNUP).content.decode()


@pytest.mark.django_db
def test_an_unknown_invite_code_typed_at_sign_up_is_refused_clearly() -> None:
    response = Client().post(SIGNUP, form_data(invite_code=" TYPED7 "))
    assert response.status_code == 200
    assert "There is no invite code TYPED7." in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_sign_up_logs_the_member_in_and_welcomes_them() -> None:
    client = Client()
    client.get("/?utm_source=weibo")
    assert client.cookies[COOKIE_NAME].value
    response = client.post(SIGNUP, form_data(), follow=True)
    member = User.objects.get(username="xiaoming")
    assert int(client.session["_auth_user_id"]) == member.pk
    assert not client.cookies[COOKIE_NAME].value  # the touches are recorded: cookie removed
    assert response.redirect_chain[-1][0] == "/"
    assert "Welcome to the community, xiaoming!" in response.content.decode()


@pytest.mark.django_db
def test_a_member_who_is_logged_in_is_sent_home(make_member: Callable[..., Any]) -> None:
    client = Client()
    client.force_login(make_member())
    response = client.get(SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize(
    ("existing", "message"),
    [
        ({"username": "XiaoMing", "email": "other@example.com"}, "This username is taken."),
        (
            {"username": "other", "email": "XIAOMING@example.com"},
            "An account with this e-mail already exists.",
        ),
    ],
)
@pytest.mark.django_db
def test_a_taken_username_or_email_is_refused_and_the_typing_kept(
    existing: dict[str, str], message: str
) -> None:
    member_signup(password="correct-horse-battery-9", **existing)
    response = Client().post(SIGNUP, form_data(invite_code="KEEP1"))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="xiaoming"' in html
    assert 'value="xiaoming@example.com"' in html
    assert 'value="KEEP1"' in html
    assert "a-long-secret-42" not in html  # passwords are never echoed back
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_an_unticked_privacy_notice_is_refused() -> None:
    response = Client().post(SIGNUP, form_data(privacy=None))
    html = response.content.decode()
    assert "Please read and accept the privacy notice." in html
    assert 'value="xiaoming"' in html
    assert not User.objects.exists()


@pytest.mark.django_db
def test_the_service_refuses_a_member_who_did_not_accept_the_privacy_notice() -> None:
    with pytest.raises(ValidationError) as caught:
        member_signup(
            username="xiaoming",
            email="x@example.com",
            password="a-long-secret-42",
            privacy_accepted=False,
        )
    assert "privacy" in caught.value.message_dict


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"password_confirm": "another-secret-43"}, "The two passwords differ."),
        ({"password": "12345678", "password_confirm": "12345678"}, "This password is too common."),
        ({"username": "dot.ted"}, "Use 2 to 30 characters: letters, digits, Chinese characters"),
        ({"email": "not-an-address"}, "Enter a valid email address."),
    ],
)
@pytest.mark.django_db
def test_bad_input_gets_a_clear_message(overrides: dict[str, str], message: str) -> None:
    response = Client().post(SIGNUP, form_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_chinese_usernames_are_welcome() -> None:
    Client().post(SIGNUP, form_data(username="小明_2024"))
    assert User.objects.filter(username="小明_2024").exists()
