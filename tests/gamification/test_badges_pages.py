"""Showcase (badge and title beside posts), the badges page, the member page, the topic page."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hearth.community.services import reply_create, topic_create
from hearth.core import privileges
from hearth.core.privileges import MemberPrivileges, privileges_provider
from hearth.gamification.models import Badge, MemberShowcase
from hearth.gamification.services import badge_grant, badge_revoke, showcase_set

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _setup(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def titles_for(make_member: Callable[..., Any]) -> Iterator[set[int]]:
    """Members whose ids are in the set get the custom-title privilege (others do not)."""
    allowed: set[int] = set()
    previous = privileges._provider
    privileges_provider(lambda user: MemberPrivileges(custom_title=user.pk in allowed))
    yield allowed
    privileges._provider = previous


@pytest.fixture
def star() -> Badge:
    return Badge.objects.get(slug="liked-100")


def _client(member: Any) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(member)
    return client


def test_a_member_can_show_only_a_badge_they_hold(
    make_member: Callable[..., Any], star: Badge
) -> None:
    member = make_member()
    with pytest.raises(ValidationError) as error:
        showcase_set(member=member, badge=star, title="")
    assert "badge" in error.value.message_dict
    badge_grant(badge=star, member=member)
    showcase = showcase_set(member=member, badge=star, title="")
    assert showcase.badge == star


def test_a_custom_title_needs_the_privilege(
    make_member: Callable[..., Any], titles_for: set[int]
) -> None:
    member = make_member()
    with pytest.raises(ValidationError) as error:
        showcase_set(member=member, badge=None, title="摄影达人")
    assert "title" in error.value.message_dict
    assert not MemberShowcase.objects.exists()
    titles_for.add(member.pk)
    member = type(member).objects.get(pk=member.pk)  # a fresh request
    assert showcase_set(member=member, badge=None, title="  摄影\u200b  达人 ").title == "摄影 达人"


@pytest.mark.parametrize(
    "title", ["官方认证", "本版版主", "ADMIN 小王", "一二三四五六七八九十一二三", "<b>hi</b>"]
)
def test_titles_that_look_like_staff_or_are_too_long_are_refused(
    make_member: Callable[..., Any], titles_for: set[int], title: str
) -> None:
    member = make_member()
    titles_for.add(member.pk)
    with pytest.raises(ValidationError) as error:
        showcase_set(member=member, badge=None, title=title)
    assert "title" in error.value.message_dict


def test_staff_always_may_set_a_title_even_a_staff_word(
    staff_member: Any, titles_for: set[int]
) -> None:
    assert showcase_set(member=staff_member, badge=None, title="社区版主").title == "社区版主"


def test_revoking_the_shown_badge_takes_it_off_the_showcase(
    make_member: Callable[..., Any], star: Badge
) -> None:
    member = make_member()
    grant = badge_grant(badge=star, member=member)
    assert grant is not None
    showcase_set(member=member, badge=star, title="")
    badge_revoke(grant=grant)
    assert MemberShowcase.objects.get(member=member).badge is None


def test_badges_page_lists_every_badge_with_what_is_held(
    make_member: Callable[..., Any], star: Badge
) -> None:
    member = make_member()
    badge_grant(badge=star, member=member)
    html = _client(member).get(reverse("gamification:badges")).content.decode()
    assert html.count('class="badge-card') == Badge.objects.filter(active=True).count()
    assert f'data-badge="{star.slug}" data-held="true"' in html
    assert "Not earned yet" in html
    assert "A custom title unlocks at a higher level." in html


def test_badges_page_needs_a_login() -> None:
    response = Client().get(reverse("gamification:badges"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_badges_page_saves_the_showcase_and_shows_errors(
    make_member: Callable[..., Any], star: Badge, titles_for: set[int]
) -> None:
    member = make_member()
    badge_grant(badge=star, member=member)
    client = _client(member)
    url = reverse("gamification:badges")
    bad = client.post(url, {"badge": str(star.pk), "title": "摄影达人"})
    assert bad.status_code == 400
    assert "Your level does not unlock a custom title yet." in bad.content.decode()
    assert not MemberShowcase.objects.exists()
    titles_for.add(member.pk)
    done = client.post(url, {"badge": str(star.pk), "title": "摄影达人"})
    assert done.status_code == 302
    showcase = MemberShowcase.objects.get(member=member)
    assert (showcase.badge, showcase.title) == (star, "摄影达人")


def test_member_page_shows_the_badges_held(make_member: Callable[..., Any], star: Badge) -> None:
    member = make_member()
    badge_grant(badge=star, member=member)
    html = Client().get(reverse("accounts:member", args=[member.username])).content.decode()
    assert f'data-badge="{star.slug}"' in html
    assert star.name in html


def _topic_queries(client: Client, topic: Any) -> tuple[int, str]:
    url = reverse("community:topic", args=[topic.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    return len(context.captured_queries), response.content.decode()


def test_topic_page_shows_chosen_badges_and_titles_with_no_extra_query(
    make_member: Callable[..., Any], make_board: Callable[..., Any], titles_for: set[int]
) -> None:
    board = make_board()
    writers = [make_member() for _ in range(4)]
    reader = make_member()
    topic = topic_create(author=writers[0], board=board, title="新手机", body="正文")
    for i in range(12):
        reply_create(author=writers[i % 4], topic=topic, body=f"回复 {i}")
    client = _client(reader)
    plain, _html = _topic_queries(client, topic)

    badges = list(Badge.objects.filter(active=True).order_by("pk")[:4])
    for writer, badge in zip(writers, badges, strict=True):
        titles_for.add(writer.pk)
        badge_grant(badge=badge, member=writer)
        showcase_set(member=type(writer).objects.get(pk=writer.pk), badge=badge, title="达人")
    shown, html = _topic_queries(client, topic)

    assert shown == plain
    assert html.count('data-testid="shown-badge"') == 13  # the header and twelve replies
    assert html.count('data-testid="member-title"') == 13
    assert f'title="{badges[0].name}"' in html
