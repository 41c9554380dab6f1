"""Moderation as people live it: a held topic approved from the queue; a reported reply
rejected with a warning the author sees; an appeal, decided by another moderator,
that restores the reply and its points.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group

from hearth.community.models import Reply, Status, Topic
from hearth.community.services import reply_create, topic_create
from hearth.core import roles, screening
from hearth.gamification.defaults import (
    badges_restore_defaults,
    ladder_restore_defaults,
    point_rules_restore_defaults,
)
from hearth.gamification.models import PointBalance
from hearth.gamification.services import points_adjust
from hearth.moderation.defaults import moderation_restore_defaults
from hearth.moderation.models import CommunityRule, Sanction, WatchedWord, WordList
from hearth.moderation.pipeline import words_changed

pytestmark = pytest.mark.django_db(transaction=True)


def _balance(member: Any) -> int:
    row = PointBalance.objects.filter(member=member).first()
    return row.lifetime if row is not None else 0


def _staff(make_member: Any, username: str, role: str) -> Any:
    member = make_member(username)
    member.groups.add(Group.objects.get(name=role))
    return member


def _as(browser: Any, base: str, username: str, log_in: Any) -> Any:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    log_in(page, base, username)
    return page


def test_hold_approve_report_reject_warn_appeal_overturn(
    live_server: Any,
    browser: Any,
    make_member: Any,
    make_board: Any,
    screenshot: Any,
    log_in: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A transactional test starts from an empty database: restore the defaults.
    point_rules_restore_defaults()
    badges_restore_defaults()
    ladder_restore_defaults()
    moderation_restore_defaults()
    board = make_board(name="摄影交流", slug="photo")
    ads = WordList.objects.create(name="广告词", format=WordList.Format.MANUAL, enabled=True)
    WatchedWord.objects.create(
        word_list=ads, term="代开发票", category="advertising", action="hold", severity=3
    )
    words_changed()
    newbie = make_member("xiaoxin", display_name="小新")
    alice = make_member("alice", display_name="爱丽丝")
    troll = make_member("laowang", display_name="老王")
    make_member("reporter", display_name="热心网友")
    _staff(make_member, "mod1", roles.MODERATOR)
    _staff(make_member, "mod2", roles.MODERATOR)
    manager = _staff(make_member, "manager", roles.COMMUNITY_MANAGER)

    # Earlier history, written without the pipeline: alice's topic and troll's reply.
    with monkeypatch.context() as patched:
        patched.setattr(screening, "_provider", None)
        topic = topic_create(author=alice, board=board, title="秋天拍银杏的技巧", body="逆光拍。")
        reply = reply_create(author=troll, topic=topic, body="拍得真烂，你就是个废物。")
    points_adjust(actor=manager, member=troll, amount=100, reason="老会员迁移积分")
    troll_before = _balance(troll)
    base = live_server.url

    # 1. A new member's topic with a phone number and an advertising word is held.
    page = _as(browser, base, "xiaoxin", log_in)
    page.goto(f"{base}/t/new/?board=photo")
    page.locator("[name=title]").fill("低价代开发票")
    page.locator("[name=body]").fill("需要的朋友加我电话 13800138000，价格好商量。")
    page.get_by_test_id("topic-submit").click()
    page.get_by_test_id("topic").wait_for()
    assert page.get_by_test_id("moderation-notice").is_visible()
    screenshot(page, "moderation-held-topic-author")
    held = Topic.objects.get(title="低价代开发票")
    assert held.status == Status.HELD
    assert "13800138000" in held.body  # the held post keeps its full text
    assert _balance(newbie) == 0

    # 2. A moderator approves it from the queue: it is published and earns its points.
    mod = _as(browser, base, "mod1", log_in)
    mod.goto(f"{base}/ops/content/review/")
    item = mod.get_by_test_id("review-item").filter(has_text="13800138000")
    reasons = item.get_by_test_id("reasons").inner_text()
    assert "代开发票" in reasons
    screenshot(mod, "moderation-queue")
    item.get_by_test_id("claim").click()
    item = mod.get_by_test_id("review-item").filter(has_text="13800138000")
    item.get_by_test_id("claimed-by-me").wait_for()
    item.get_by_test_id("approve").click()
    item.get_by_test_id("outcome").wait_for()
    held.refresh_from_db()
    assert held.status == Status.PUBLISHED
    assert _balance(newbie) > 0

    # 3. Another member reports troll's reply; the moderator rejects it with a warning.
    reporting = _as(browser, base, "reporter", log_in)
    reporting.goto(f"{base}/t/{topic.pk}/")
    row = reporting.locator(f"#r{reply.pk}")
    row.get_by_test_id("report-button").click()
    row.locator("select[name=reason]").select_option("abuse")
    row.locator("input[name=text]").fill("人身攻击")
    row.get_by_test_id("report-form").locator("button[type=submit]").click()
    row.get_by_test_id("reported").wait_for()
    screenshot(reporting, "moderation-reported")

    mod.goto(f"{base}/ops/content/review/")
    item = mod.get_by_test_id("review-item").filter(has_text="废物")
    assert "人身攻击" in item.get_by_test_id("reports").inner_text()
    screenshot(mod, "moderation-queue-report")
    reject = item.locator("form[data-action=reject]")
    reject.locator("select").nth(0).select_option(
        str(CommunityRule.objects.get(code="be-respectful").pk)
    )
    reject.locator("select").nth(1).select_option("warning")
    item.get_by_test_id("reject").click()
    item.get_by_test_id("outcome").wait_for()
    reply.refresh_from_db()
    assert reply.status == Status.REJECTED
    warning = Sanction.objects.get(member=troll, kind="warning")
    assert _balance(troll) < troll_before

    # The warned member sees the warning, and appeals the decision.
    author = _as(browser, base, "laowang", log_in)
    banner = author.get_by_test_id("standing-banner")
    assert banner.is_visible()
    screenshot(author, "moderation-warning-banner")
    banner.get_by_test_id("standing-link").click()
    author.get_by_test_id("standing-rejections").get_by_test_id("appeal-item").click()
    author.get_by_test_id("appeal-form").locator("textarea").fill(
        "我是在评论照片，不是针对人，措辞不当我可以改。"
    )
    author.get_by_test_id("appeal-form").locator("button[type=submit]").click()
    author.get_by_test_id("standing-rejections").wait_for()
    assert author.get_by_test_id("standing-rejections").get_by_test_id("appeal-item").count() == 0
    screenshot(author, "moderation-appeal-sent")

    # 4. A different moderator overturns it: the reply and its points are restored.
    other = _as(browser, base, "mod2", log_in)
    other.goto(f"{base}/ops/order/appeals/")
    other.get_by_test_id("appeals-table").locator("a.button-primary").first.click()
    other.get_by_test_id("decision-form").locator("textarea").fill("批评的是照片，恢复。")
    other.get_by_test_id("overturn").click()
    other.wait_for_url(f"{base}/ops/order/appeals/")
    screenshot(other, "moderation-appeal-overturned")
    reply.refresh_from_db()
    assert reply.status == Status.PUBLISHED
    warning.refresh_from_db()
    assert warning.lifted_at is not None
    assert _balance(troll) == troll_before
    visitor = browser.new_context(locale="zh-CN").new_page()
    visitor.goto(f"{base}/t/{topic.pk}/")
    assert "废物" in visitor.locator(f"#r{reply.pk}").inner_text()
    assert Reply.objects.filter(pk=reply.pk, status=Status.PUBLISHED).exists()
