"""Fixtures for the review queue and report tests ("queue").

Import what a test module needs: ``from tests.moderation.queue_fixtures import …``
(pytest finds fixtures imported into the module).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import transaction
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
        with transaction.atomic():  # content_set_status locks the row
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

    @transaction.atomic  # content_set_status locks the row
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


def in_browser(scenario: Callable[[Any], None]) -> None:
    """Run ``scenario(page)`` in Debian's Chromium, in a thread of its own.

    Playwright's sync API refuses to start where another instance (the browser
    tests' session fixture) already runs an event loop; a fresh thread has none.
    The page leaves for about:blank before closing, so the read beacon it sends
    on leaving reaches the live server before the test database is flushed.
    """
    import shutil
    from concurrent.futures import ThreadPoolExecutor

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed")

    def run() -> None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium,
                args=["--headless", "--no-sandbox", "--disable-gpu",
                      "--disable-background-networking", "--disable-dev-shm-usage"],
            )  # fmt: skip
            context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
            context.set_default_timeout(15_000)
            page = context.new_page()
            try:
                scenario(page)
            finally:
                page.goto("about:blank")
                page.wait_for_timeout(500)
                context.close()
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(run).result()


def shot(page: Any, name: str) -> None:
    """Save a screenshot where the browser tests put theirs (test-artifacts/screenshots/)."""
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"))


def browser_log_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    form = page.get_by_test_id("login-form")
    form.locator("[name=username]").fill(username)
    form.locator("[name=password]").fill("correct-horse-battery-9")
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"{base}/")
