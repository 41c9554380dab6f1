"""The topics table: recommend a topic on the home page until a date, and see every state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from hearth.community.models import Status, Topic
from hearth.community.services import topic_pin, topic_recommend, topic_set_status
from hearth.core import roles

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(make_staff: Callable[..., Any]) -> Any:
    return make_staff(roles.CONTENT_EDITOR)


@pytest.fixture
def topic(make_topic: Callable[..., Any]) -> Topic:
    created: Topic = make_topic(title="值得推荐的经验帖")
    if created.status != Status.PUBLISHED:  # whatever the screening policy says of a new member
        topic_set_status(actor=None, topic=created, status=Status.PUBLISHED)
    return created


def _post(client: Any, topic: Topic, until: str, **headers: str) -> Any:
    return client.post(
        reverse("cockpit:topic_recommend", args=[topic.pk]), {"until": until}, headers=headers
    )


def test_recommend_until_a_date_redraws_the_row_with_the_state(
    editor: Any, topic: Topic, login: Any
) -> None:
    until = timezone.localtime() + dt.timedelta(days=5)
    response = _post(login(editor), topic, until.strftime("%Y-%m-%dT%H:%M"), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="topic-{topic.pk}"')
    assert 'data-testid="recommended-chip"' in html
    assert f"until {until:%m-%d %H:%M}" in html
    assert "is recommended on the home page until" in html
    topic.refresh_from_db()
    assert topic.recommended_until is not None
    assert abs(topic.recommended_until - until) < dt.timedelta(minutes=1)
    home = login(None).get("/").content.decode()
    assert 'data-testid="recommended-topics"' in home


def test_empty_date_takes_the_recommendation_off(editor: Any, topic: Topic, login: Any) -> None:
    topic_recommend(actor=editor, topic=topic, until=timezone.now() + dt.timedelta(days=1))
    back = reverse("cockpit:topics") + "?featured=no"
    client = login(editor)
    response = client.post(
        reverse("cockpit:topic_recommend", args=[topic.pk]), {"until": "", "next": back}
    )
    assert response.status_code == 302
    assert response["Location"] == back
    topic.refresh_from_db()
    assert topic.recommended_until is None
    page = client.get(back).content.decode()
    assert "is no longer recommended." in page  # the message after the redirect


@pytest.mark.parametrize(
    ("until", "error"),
    [
        ("2020-01-01T08:00", "The recommendation must end in the future."),
        ("tomorrow-ish", "Enter a date and time, e.g. 2026-12-31 18:00."),
    ],
)
def test_bad_dates_are_refused_in_the_row(
    editor: Any, topic: Topic, login: Any, until: str, error: str
) -> None:
    html = _post(login(editor), topic, until, **HTMX).content.decode()
    assert error in html
    assert 'class="row-message errorlist"' in html
    assert f'value="{until}"' in html  # the input is kept
    topic.refresh_from_db()
    assert topic.recommended_until is None


def test_a_held_topic_cannot_be_recommended(editor: Any, topic: Topic, login: Any) -> None:
    topic_set_status(actor=None, topic=topic, status=Status.HELD)
    until = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    html = _post(login(editor), topic, until, **HTMX).content.decode()
    assert "Only a published topic can be recommended." in html
    topic.refresh_from_db()
    assert topic.recommended_until is None


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (roles.ADMIN, True),
        (roles.COMMUNITY_MANAGER, True),
        (roles.CONTENT_EDITOR, True),
        (roles.MODERATOR, False),  # pins, but does not feature or recommend
        (roles.EVENT_PLANNER, False),
        (roles.ANALYST, False),
    ],
)
def test_who_may_recommend(
    make_staff: Callable[..., Any], topic: Topic, login: Any, role: str, allowed: bool
) -> None:
    client = login(make_staff(role))
    until = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = _post(client, topic, until)
    assert response.status_code == (302 if allowed else 403)
    topic.refresh_from_db()
    assert (topic.recommended_until is not None) is allowed
    if role == roles.MODERATOR:
        page = client.get(reverse("cockpit:topics")).content.decode()
        assert reverse("cockpit:topic_recommend", args=[topic.pk]) not in page


def test_visitors_are_sent_to_log_in(topic: Topic, login: Any) -> None:
    response = _post(login(None), topic, "2030-01-01T00:00")
    assert response.status_code == 302
    assert "/login" in response["Location"]


def test_the_table_shows_pin_expiry_and_an_expired_pin(
    editor: Any, make_topic: Callable[..., Any], topic: Topic, login: Any
) -> None:
    until = timezone.now() + dt.timedelta(days=2)
    topic_pin(actor=editor, topic=topic, scope="board", until=until)
    expired = make_topic(title="置顶已过期")
    topic_pin(
        actor=editor, topic=expired, scope="global", until=timezone.now() + dt.timedelta(days=1)
    )
    Topic.objects.filter(pk=expired.pk).update(pinned_until=timezone.now() - dt.timedelta(hours=1))
    html = login(editor).get(reverse("cockpit:topics")).content.decode()
    row = html.split(f'id="topic-{topic.pk}"', 1)[1].split("</tr>", 1)[0]
    assert f"until {timezone.localtime(until):%m-%d %H:%M}" in row
    old = html.split(f'id="topic-{expired.pk}"', 1)[1].split("</tr>", 1)[0]
    assert 'data-testid="pin-expired-chip"' in old
    assert 'data-testid="pinned-chip"' not in old
