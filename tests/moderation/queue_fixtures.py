"""Fixtures for the review queue and report tests ("queue").

Import what a test module needs: ``from tests.moderation.queue_fixtures import …``
(pytest finds fixtures imported into the module).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from hearth.core import roles
from hearth.moderation.content import content_set_status
from hearth.moderation.defaults import moderation_restore_defaults
from hearth.moderation.models import CommunityRule, ModerationPolicy, ModerationSettings, ReviewItem
from hearth.moderation.services.queue import item_open

BODY = "A body long enough to pass the checks of the community services."


@pytest.fixture
def queue_defaults(db: None, settings: Any, no_posting_limit: None) -> None:
    """Default rules and settings; no post is held for being a member's first, and no
    daily posting limit (the tests write many posts)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    moderation_restore_defaults()
    ModerationPolicy.objects.update(first_posts_held=0)


@pytest.fixture
def staff_with(make_member: Callable[..., Any], queue_defaults: None) -> Callable[..., Any]:
    def make(*role_keys: str, username: str | None = None) -> Any:
        member = make_member(username)
        for role in role_keys:
            member.groups.add(Group.objects.get(name=role))
        return type(member).objects.get(pk=member.pk)

    return make


def _grant_review_content(role: str) -> None:
    """Community managers and admins decide escalated items (idempotent: roles may grant it)."""
    perm = Permission.objects.get(content_type__app_label="moderation", codename="review_content")
    Group.objects.get(name=role).permissions.add(perm)


@pytest.fixture
def mod(staff_with: Callable[..., Any]) -> Any:
    return staff_with(roles.MODERATOR, username="mod")


@pytest.fixture
def mod2(staff_with: Callable[..., Any]) -> Any:
    return staff_with(roles.MODERATOR, username="mod2")


@pytest.fixture
def senior(staff_with: Callable[..., Any]) -> Any:
    _grant_review_content(roles.COMMUNITY_MANAGER)
    return staff_with(roles.COMMUNITY_MANAGER, username="lan")


@pytest.fixture
def writer(make_member: Callable[..., Any], queue_defaults: None) -> Any:
    return make_member("writer", display_name="小王")


@pytest.fixture
def rule(queue_defaults: None) -> CommunityRule:
    return CommunityRule.objects.get(code="no-ads")


@pytest.fixture
def mod_settings(queue_defaults: None) -> ModerationSettings:
    return ModerationSettings.objects.get(pk=1)


def published(kind: str, post: Any) -> Any:
    """The post published, whatever the pipeline decided (its held item closed)."""
    if post.status != "published":
        content_set_status(kind, post.pk, "published")
        ReviewItem.objects.filter(content_kind=kind, content_id=post.pk).delete()
        post.refresh_from_db()
    return post


@pytest.fixture
def make_topic(
    make_board: Callable[..., Any], writer: Any, queue_defaults: None
) -> Callable[..., Any]:
    from hearth.community.services import topic_create

    counter = iter(range(1, 1_000_000))
    boards: list[Any] = []

    def make(author: Any = None, *, board: Any = None, body: str = BODY) -> Any:
        if board is None:
            if not boards:
                boards.append(make_board(name="数码", slug="gadgets"))
            board = boards[0]
        topic = topic_create(
            author=author or writer, board=board, title=f"Topic {next(counter)}", body=body
        )
        return published("topic", topic)

    return make


@pytest.fixture
def make_reply(writer: Any) -> Callable[..., Any]:
    from hearth.community.services import reply_create

    def make(topic: Any, author: Any = None, body: str = BODY) -> Any:
        return published("reply", reply_create(author=author or writer, topic=topic, body=body))

    return make


@pytest.fixture
def hold() -> Callable[..., ReviewItem]:
    """Put a published post on hold as the pipeline would, and open its held item."""

    def make(post: Any, *, kind: str = "topic", severity: int = 2) -> ReviewItem:
        content_set_status(kind, post.pk, "held")
        board_id = post.board_id if kind == "topic" else post.topic.board_id
        return item_open(
            content_kind=kind,
            content_id=post.pk,
            author_id=post.author_id,
            board_id=board_id,
            origin=ReviewItem.Origin.HELD,
            reasons=[
                {
                    "code": "contact",
                    "category": "advertising",
                    "severity": severity,
                    "message": "Contact details",
                    "detail": "13800138000",
                }
            ],
            scores={"spam": 0.91},
            severity=severity,
        )

    return make


@pytest.fixture
def client_for() -> Callable[[Any], Client]:
    def make(user: Any) -> Client:
        client = Client(headers={"accept-language": "en"})
        if user is not None:
            client.force_login(user)
        return client

    return make


def level_up(member: Any, points: int = 60) -> None:
    """Give the member enough lifetime points for the second level (初级会员 needs 50)."""
    from hearth.core.privileges import privileges_forget
    from hearth.gamification.services import points_adjust

    admin = type(member).objects.filter(groups__name=roles.ADMIN).first()
    if admin is None:
        admin = type(member).objects.create(username=f"admin-for-{member.pk}")
        admin.groups.add(Group.objects.get(name=roles.ADMIN))
    points_adjust(actor=admin, member=member, amount=points, reason="test: level up")
    privileges_forget(member)
