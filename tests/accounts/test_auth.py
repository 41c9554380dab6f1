"""Log in, log out (POST only) and password reset by e-mail."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client

PASSWORD = "correct-horse-battery-9"  # the make_member fixture's password


def test_login_with_the_right_password_logs_in(make_member: Callable[..., Any]) -> None:
    member = make_member("lihua")
    client = Client()
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assert 'href="/accounts/password/reset/"' in page.content.decode()
    response = client.post("/accounts/login/", {"username": "lihua", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert int(client.session["_auth_user_id"]) == member.pk


def test_login_follows_next(make_member: Callable[..., Any]) -> None:
    make_member("lihua")
    response = Client().post(
        "/accounts/login/",
        {"username": "lihua", "password": PASSWORD, "next": "/accounts/settings/"},
    )
    assert response["Location"] == "/accounts/settings/"


def test_a_wrong_password_is_refused_and_the_username_kept(
    make_member: Callable[..., Any],
) -> None:
    make_member("lihua")
    client = Client()
    response = client.post("/accounts/login/", {"username": "lihua", "password": "nope"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please enter a correct username and password." in html
    assert 'value="lihua"' in html
    assert "_auth_user_id" not in client.session


def test_logout_is_post_only(make_member: Callable[..., Any]) -> None:
    client = Client()
    client.force_login(make_member())
    assert client.get("/accounts/logout/").status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_header_offers_log_in_or_log_out(make_member: Callable[..., Any]) -> None:
    anonymous = Client().get("/accounts/login/").content.decode()
    assert 'href="/accounts/signup/"' in anonymous
    client = Client()
    client.force_login(make_member("lihua"))
    page = client.get("/u/lihua/").content.decode()
    assert 'action="/accounts/logout/"' in page


def test_password_reset_mails_a_link_that_sets_a_new_password(
    make_member: Callable[..., Any],
) -> None:
    make_member("lihua")
    client = Client()
    response = client.post("/accounts/password/reset/", {"email": "lihua@example.com"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lihua@example.com"]
    assert "Hearth" in message.subject
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", message.body)
    assert link is not None
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    assert 'name="new_password1"' in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": "brand-new-secret-77", "new_password2": "brand-new-secret-77"}
    )
    assert done["Location"] == "/accounts/password/reset/complete/"
    assert Client().login(username="lihua", password="brand-new-secret-77")
    assert not Client().login(username="lihua", password=PASSWORD)


@pytest.mark.django_db
def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing() -> None:
    response = Client().post("/accounts/password/reset/", {"email": "nobody@example.com"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_a_used_reset_link_says_so(make_member: Callable[..., Any]) -> None:
    response = Client().get("/accounts/password/reset/MQ/bad-token/")
    assert "This link no longer works" in response.content.decode()


def test_password_change_needs_the_old_password(make_member: Callable[..., Any]) -> None:
    client = Client()
    client.force_login(make_member("lihua"))
    bad = client.post(
        "/accounts/password/change/",
        {
            "old_password": "wrong",
            "new_password1": "n3w-secret-pass",
            "new_password2": "n3w-secret-pass",
        },
    )
    assert "Your old password was entered incorrectly." in bad.content.decode()
    good = client.post(
        "/accounts/password/change/",
        {
            "old_password": PASSWORD,
            "new_password1": "n3w-secret-pass",
            "new_password2": "n3w-secret-pass",
        },
    )
    assert good["Location"] == "/accounts/password/change/done/"
    assert Client().login(username="lihua", password="n3w-secret-pass")
