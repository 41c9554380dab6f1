"""A person signs up from a campaign link, posts, replies, likes and is notified."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model

from hearth.community.models import Like, Reply, Topic
from hearth.community.services import reply_create, topic_create
from hearth.gamification.defaults import badges_restore_defaults
from hearth.growth.attribution import channel_cache_clear
from hearth.growth.models import Channel

pytestmark = pytest.mark.django_db(transaction=True)


def test_campaign_signup_post_reply_like_and_notification(
    live_server: Any, page: Any, browser: Any, make_member: Any, make_board: Any, screenshot: Any
) -> None:
    badges_restore_defaults()  # a transactional test may start after a flush
    Channel.objects.get_or_create(key="weibo", defaults={"name": "微博", "kind": "weibo"})
    channel_cache_clear()  # utm_source=weibo is credited to the registry's weibo channel
    board = make_board(name="数码产品", slug="gadgets", description="手机、电脑和各种小玩意")
    veteran = make_member("laowang", display_name="老王")
    older = topic_create(author=veteran, board=board, title="你们现在用什么手机？",
                         body="我用了三年的旧手机，想换一台新的，大家有什么推荐？")

    # Land from the campaign link, then sign up.
    page.goto(f"{live_server.url}/?utm_source=weibo&utm_campaign=launch")
    screenshot(page, "home-visitor")
    page.locator("header").get_by_role("link", name="注册").click()
    form = page.get_by_test_id("signup-form")
    form.locator("[name=username]").fill("xiaomei")
    form.locator("[name=email]").fill("xiaomei@example.com")
    form.locator("[name=password]").fill("桂花-oolong-2026")
    form.locator("[name=password_confirm]").fill("桂花-oolong-2026")
    form.locator("[name=privacy]").check()
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")

    member = get_user_model().objects.get(username="xiaomei")
    assert (member.channel, member.utm_source, member.utm_campaign) == ("weibo", "weibo", "launch")

    # Post a topic.
    page.goto(f"{live_server.url}/t/new/?board=gadgets")
    page.locator("[name=title]").fill("第一次来，晒一下我的桌面")
    page.locator("[name=body]").fill("大家好！这是我的**工作桌面**，欢迎提建议。")
    page.get_by_test_id("topic-submit").click()
    page.get_by_test_id("topic").wait_for()
    topic = Topic.objects.get(title="第一次来，晒一下我的桌面")
    assert topic.author == member
    assert "<strong>工作桌面</strong>" in page.get_by_test_id("topic").inner_html()

    # Reply to and like somebody else's topic.
    page.goto(f"{live_server.url}/t/{older.pk}/")
    page.get_by_test_id("reply-form").locator("textarea[name=body]").fill("推荐试试国产旗舰，拍照很好。")
    page.get_by_test_id("reply-submit").click()
    page.get_by_text("推荐试试国产旗舰，拍照很好。").wait_for()
    assert Reply.objects.filter(topic=older, author=member).count() == 1
    like = page.get_by_test_id("topic").get_by_test_id("like-button")
    like.click()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=topic] [data-testid=like-button]')"
        ".getAttribute('aria-pressed') === 'true'"
    )
    assert Like.objects.filter(member=member, topic=older, reply=None).exists()
    screenshot(page, "topic-member")

    # Somebody answers the new member's topic: the bell shows it, beside the badge
    # the first topic earned.
    reply_create(author=veteran, topic=topic, body="桌面很整洁！显示器是什么型号？")
    page.goto(f"{live_server.url}/")
    assert page.get_by_test_id("unread-count").inner_text().strip() == "2"
    page.get_by_test_id("notification-bell").click()
    items = page.get_by_test_id("notification-list")
    assert "老王" in items.inner_text()
    assert "初来乍到" in items.inner_text()
    assert "第一次来，晒一下我的桌面" in items.inner_text()
    screenshot(page, "notifications")


def test_language_switch_between_chinese_and_english(live_server: Any, page: Any) -> None:
    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.locator("header").get_by_role("link", name="首页").is_visible()
    page.get_by_test_id("language-select").select_option("en")
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert page.locator("header").get_by_role("link", name="Home").is_visible()
    page.goto(f"{live_server.url}/boards/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_test_id("language-select").select_option("zh-hans")
    page.wait_for_function("() => document.documentElement.lang === 'zh-hans'")
    assert page.locator("header").get_by_role("link", name="版块").is_visible()
