"""Following members from their page: htmx and plain POST, never yourself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from hearth.accounts.models import MemberFollow, User
from hearth.notifications.models import Notification, Verb


def test_follow_and_unfollow_with_plain_posts(
    make_member: Callable[..., Any], client_as: Callable[..., Any]
) -> None:
    fan, star = make_member("fan"), make_member("star")
    client = client_as(fan)
    page = client.get("/u/star/").content.decode()
    assert 'action="/u/star/follow/"' in page
    response = client.post("/u/star/follow/", follow=True)
    assert "You now follow star." in response.content.decode()
    assert MemberFollow.objects.filter(follower=fan, followed=star).exists()
    assert User.objects.get(pk=star.pk).follower_count == 1
    assert 'action="/u/star/unfollow/"' in client.get("/u/star/").content.decode()

    response = client.post("/u/star/unfollow/", follow=True)
    assert "You no longer follow star." in response.content.decode()
    assert not MemberFollow.objects.exists()
    assert User.objects.get(pk=star.pk).follower_count == 0


def test_following_twice_counts_once(
    make_member: Callable[..., Any], client_as: Callable[..., Any]
) -> None:
    fan, star = make_member("fan"), make_member("star")
    client = client_as(fan)
    client.post("/u/star/follow/")
    client.post("/u/star/follow/")
    assert User.objects.get(pk=star.pk).follower_count == 1


def test_htmx_follow_returns_the_button_and_the_new_count(
    make_member: Callable[..., Any], client_as: Callable[..., Any]
) -> None:
    make_member("star")
    response = client_as(make_member("fan")).post("/u/star/follow/", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'data-testid="unfollow-button"' in html
    assert '<strong class="stat-value" id="follower-count" hx-swap-oob="true">1</strong>' in html


def test_following_yourself_is_refused(
    make_member: Callable[..., Any], client_as: Callable[..., Any]
) -> None:
    me = make_member("me")
    client = client_as(me)
    page = client.get("/u/me/").content.decode()
    assert "/u/me/follow/" not in page  # no button on your own page
    assert 'href="/accounts/settings/"' in page
    response = client.post("/u/me/follow/", follow=True)
    assert "You cannot follow yourself." in response.content.decode()
    htmx = client.post("/u/me/follow/", headers={"HX-Request": "true"})
    assert "You cannot follow yourself." in htmx.content.decode()
    assert not MemberFollow.objects.exists()
    assert User.objects.get(pk=me.pk).follower_count == 0


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(make_member: Callable[..., Any]) -> None:
    make_member("star")
    client = Client()
    page = client.get("/u/star/").content.decode()
    assert 'href="/accounts/login/?next=/u/star/"' in page
    response = client.post("/u/star/follow/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not MemberFollow.objects.exists()


def test_follow_is_post_only(
    make_member: Callable[..., Any], client_as: Callable[..., Any]
) -> None:
    make_member("star")
    assert client_as(make_member()).get("/u/star/follow/").status_code == 405


def test_a_new_follower_is_notified(
    make_member: Callable[..., Any], client_as: Callable[..., Any]
) -> None:
    fan, star = make_member("fan"), make_member("star")
    client_as(fan).post("/u/star/follow/")
    notification = Notification.objects.get(recipient=star)
    assert (notification.verb, notification.actor_id) == (Verb.FOLLOW, fan.pk)
