"""Fixtures for the sanctions, appeals, disputes, rules and audit tests ("order").

Import the ones a test module needs: ``from tests.moderation.order_fixtures import …``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from hearth.core import roles
from hearth.moderation.content import content_set_status
from hearth.moderation.defaults import moderation_restore_defaults
from hearth.moderation.models import CommunityRule, ReviewItem
from hearth.moderation.services.queue import item_open

BODY = "A body long enough to pass the checks of the community services."


@pytest.fixture
def order_defaults(db: None, settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    moderation_restore_defaults()


@pytest.fixture
def make_staff_member(make_member: Callable[..., Any]) -> Callable[..., Any]:
    def make(*role_keys: str, username: str | None = None) -> Any:
        member = make_member(username)
        for role in role_keys:
            member.groups.add(Group.objects.get(name=role))
        return type(member).objects.get(pk=member.pk)

    return make


@pytest.fixture
def moderator(make_staff_member: Callable[..., Any]) -> Any:
    return make_staff_member(roles.MODERATOR, username="mod")


@pytest.fixture
def second_moderator(make_staff_member: Callable[..., Any]) -> Any:
    return make_staff_member(roles.MODERATOR, username="mod2")


@pytest.fixture
def manager(make_staff_member: Callable[..., Any]) -> Any:
    return make_staff_member(roles.COMMUNITY_MANAGER, username="lan")


@pytest.fixture
def member(make_member: Callable[..., Any]) -> Any:
    return make_member("xiaoming")


@pytest.fixture
def rule(order_defaults: None) -> CommunityRule:
    return CommunityRule.objects.get(code="no-ads")


@pytest.fixture
def client_for() -> Callable[[Any], Client]:
    """A test client logged in as the member (None: a visitor), browsing in English."""

    def make(user: Any) -> Client:
        client = Client(headers={"accept-language": "en"})
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def make_post(make_board: Callable[..., Any]) -> Callable[..., Any]:
    """A published topic, or a reply on one, through the community services.

    Whatever the pipeline holds (a new member's first posts) is published, as
    a moderator's approval would.
    """
    from hearth.community.services import reply_create, topic_create

    def make(author: Any, *, reply: bool = False, board: Any = None) -> Any:
        topic = topic_create(
            author=author, board=board or make_board(), title="A topic to judge", body=BODY
        )
        if topic.status != "published":
            content_set_status("topic", topic.pk, "published")
            topic.refresh_from_db()
        if not reply:
            return topic
        answer = reply_create(author=author, topic=topic, body=BODY)
        if answer.status != "published":
            content_set_status("reply", answer.pk, "published")
            answer.refresh_from_db()
        return answer

    return make


@pytest.fixture
def reject(rule: CommunityRule) -> Callable[..., ReviewItem]:
    """Decide a post against its author as a moderator would: rejected, citing ``rule``."""

    def decide(post: Any, moderator: Any, *, kind: str = "topic") -> ReviewItem:
        item = item_open(
            content_kind=kind,
            content_id=post.pk,
            author_id=post.author_id,
            board_id=getattr(post, "board_id", None) or post.topic.board_id,
            origin=ReviewItem.Origin.REPORTED,
            reasons=[{"code": "report", "message": "reported"}],
            status_before="published",
        )
        content_set_status(kind, post.pk, "rejected")
        now = timezone.now()
        item.state = ReviewItem.State.DECIDED
        item.outcome = ReviewItem.Outcome.REJECTED
        item.decided_by = moderator
        item.decided_at = now
        item.rule = rule
        item.save()
        return item

    return decide
