"""Staff actions on the topic page: feature, pin with expiry, hide and restore."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hearth.community.models import PinScope, Status, Topic

pytestmark = pytest.mark.django_db


def _fresh(topic: Any) -> Topic:
    return Topic.objects.get(pk=topic.pk)


def _local(when: dt.datetime) -> str:
    return timezone.localtime(when).strftime("%Y-%m-%dT%H:%M")


def test_staff_panel_shown_only_to_those_allowed(
    reader_client: Client, staff_client: Client, topic: Any
) -> None:
    url = reverse("community:topic", args=[topic.pk])
    assert b'data-testid="staff-actions"' not in reader_client.get(url).content
    html = staff_client.get(url).content.decode()
    for form in ("feature-form", "pin-form", "hide-topic"):
        assert f'data-testid="{form}"' in html


def test_staff_features_a_topic(staff_client: Client, client: Client, topic: Any) -> None:
    response = staff_client.post(
        reverse("community:topic_feature", args=[topic.pk]), {"level": "2"}, follow=True
    )
    assert "The topic is featured." in response.content.decode()
    assert _fresh(topic).featured_level == 2
    home = client.get(reverse("community:home") + "?tab=featured").content.decode()
    assert topic.title in home

    staff_client.post(reverse("community:topic_feature", args=[topic.pk]), {"level": "0"})
    assert _fresh(topic).featured_level == 0


def test_bad_feature_level_is_refused(staff_client: Client, topic: Any) -> None:
    response = staff_client.post(
        reverse("community:topic_feature", args=[topic.pk]), {"level": "7"}, follow=True
    )
    assert "The featured level must be 0, 1, 2 or 3." in response.content.decode()
    assert _fresh(topic).featured_level == 0


def test_staff_pins_site_wide_with_expiry(staff_client: Client, client: Client, topic: Any) -> None:
    until = timezone.now() + dt.timedelta(days=3)
    staff_client.post(
        reverse("community:topic_pin", args=[topic.pk]),
        {"scope": "global", "until": _local(until)},
    )
    pinned = _fresh(topic)
    assert pinned.pin_scope == PinScope.GLOBAL
    assert pinned.pinned_until is not None
    assert abs((pinned.pinned_until - until).total_seconds()) < 60
    home = client.get(reverse("community:home")).content.decode()
    assert topic.title in home[home.index('data-testid="pinned-topics"') :]

    staff_client.post(reverse("community:topic_pin", args=[topic.pk]), {"scope": ""})
    assert _fresh(topic).pin_scope == ""


def test_pin_expiring_in_the_past_is_refused(staff_client: Client, topic: Any) -> None:
    response = staff_client.post(
        reverse("community:topic_pin", args=[topic.pk]),
        {"scope": "board", "until": _local(timezone.now() - dt.timedelta(days=1))},
        follow=True,
    )
    assert "The pin must expire in the future." in response.content.decode()
    assert _fresh(topic).pin_scope == ""


def test_staff_hides_and_restores(staff_client: Client, client: Client, topic: Any) -> None:
    url = reverse("community:topic_status", args=[topic.pk])
    staff_client.post(url, {"status": "hidden"})
    assert _fresh(topic).status == Status.HIDDEN
    assert client.get(reverse("community:topic", args=[topic.pk])).status_code == 404
    page = staff_client.get(reverse("community:topic", args=[topic.pk])).content.decode()
    assert 'data-testid="restore-topic"' in page

    staff_client.post(url, {"status": "published"})
    assert _fresh(topic).status == Status.PUBLISHED
    assert client.get(reverse("community:topic", args=[topic.pk])).status_code == 200


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("topic_feature", {"level": "3"}),
        ("topic_pin", {"scope": "global"}),
        ("topic_status", {"status": "hidden"}),
    ],
)
def test_members_are_refused_staff_actions(
    reader_client: Client, author_client: Client, topic: Any, name: str, data: dict[str, str]
) -> None:
    for member_client in (reader_client, author_client):
        response = member_client.post(reverse(f"community:{name}", args=[topic.pk]), data)
        assert response.status_code == 403
    fresh = _fresh(topic)
    assert (fresh.featured_level, fresh.pin_scope, fresh.status) == (0, "", Status.PUBLISHED)


def test_visitors_are_sent_to_log_in_for_staff_actions(client: Client, topic: Any) -> None:
    response = client.post(reverse("community:topic_feature", args=[topic.pk]), {"level": "3"})
    assert response.status_code == 302
    assert _fresh(topic).featured_level == 0


def test_board_moderator_pins_in_board_but_not_site_wide(
    make_member: Callable[..., Any], login: Callable[[Any], Client], board: Any, topic: Any
) -> None:
    moderator = make_member("boardmod")
    board.moderators.add(moderator)
    client = login(moderator)
    page = client.get(reverse("community:topic", args=[topic.pk])).content.decode()
    assert 'data-testid="pin-form"' in page
    assert 'value="global"' not in page
    assert 'data-testid="feature-form"' not in page

    refused = client.post(
        reverse("community:topic_pin", args=[topic.pk]), {"scope": "global"}, follow=True
    )
    assert "Only staff can pin topics site-wide." in refused.content.decode()
    assert _fresh(topic).pin_scope == ""
    client.post(reverse("community:topic_pin", args=[topic.pk]), {"scope": "board"})
    assert _fresh(topic).pin_scope == PinScope.BOARD
    assert (
        client.post(reverse("community:topic_feature", args=[topic.pk]), {"level": "1"}).status_code
        == 403
    )
    client.post(reverse("community:topic_status", args=[topic.pk]), {"status": "hidden"})
    assert _fresh(topic).status == Status.HIDDEN
