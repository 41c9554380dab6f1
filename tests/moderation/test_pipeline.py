"""``evaluate``: watched words, detectors, policies by board and level, staff, no writes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from hearth.moderation.models import ModerationPolicy, ScreeningRecord, WordVariant
from hearth.moderation.pipeline import evaluate, words_changed
from tests.moderation.pipeline_fixtures import *  # noqa: F403

pytestmark = pytest.mark.django_db


def codes(screening: Any) -> list[str]:
    return [r.code for r in screening.reasons]


def test_a_clean_text_from_an_established_member_is_published() -> None:
    screening = evaluate("今天的读书会很有意思，大家下次见。")
    assert screening.decision == "publish"
    assert screening.reasons == ()
    assert screening.text == "今天的读书会很有意思，大家下次见。"


def test_each_watched_word_action(watch: Callable[..., Any]) -> None:
    watch("兼职日结", "hold")
    watch("傻瓜", "replace", category="abuse", severity=1)
    watch("代开发票", "block", category="illegal", severity=4)
    watch("内部消息", "flag", category="custom")

    held = evaluate("招聘兼 职 日 结，有意者来")
    assert held.decision == "hold"
    [reason] = held.reasons
    assert reason.code == "word"
    assert reason.message == "Watched word “兼职日结” (Advertising or false claims, severity 2)"
    assert (reason.category, reason.severity, reason.detail) == ("advertising", 2, "兼职日结")

    replaced = evaluate("你这个傻－瓜", title="傻瓜才信")
    assert replaced.decision == "publish"
    assert replaced.text == "你这个***"
    assert replaced.title == "***才信"
    assert codes(replaced) == ["word_replaced"]

    blocked = evaluate("专业代開發票")
    assert blocked.blocked
    assert codes(blocked) == ["block_word"]
    assert "Illegal" in blocked.block_message()

    flagged = evaluate("听说有内部消息")
    assert flagged.decision == "publish"
    assert codes(flagged) == ["word"]


def test_a_blocked_word_shows_its_own_message(watch: Callable[..., Any]) -> None:
    watch("代开发票", "block", category="illegal", message="Invoices are not traded here.")
    assert evaluate("代开发票").block_message() == "Invoices are not traded here."


def test_block_beats_hold_beats_flag(watch: Callable[..., Any]) -> None:
    watch("内部消息", "flag")
    watch("兼职日结", "hold")
    watch("代开发票", "block", category="illegal")
    screening = evaluate("内部消息 兼职日结 代开发票")
    assert screening.decision == "block"
    assert codes(screening)[0] == "block_word"
    assert set(codes(screening)) == {"block_word", "word"}


def test_words_of_a_disabled_list_do_not_fire(watch: Callable[..., Any]) -> None:
    watch("兼职日结", "hold", enabled=False)
    assert evaluate("兼职日结").decision == "publish"


def test_board_scoped_words_fire_only_in_their_board(
    watch: Callable[..., Any], make_board: Callable[..., Any]
) -> None:
    games = make_board(name="Games", slug="games")
    other = make_board(name="Books", slug="books")
    watch("外挂", "hold", board=games)
    assert evaluate("出售外挂", board_id=games.pk).decision == "hold"
    assert evaluate("出售外挂", board_id=other.pk).decision == "publish"
    assert evaluate("出售外挂").decision == "publish"


def test_configured_variants_are_matched(watch: Callable[..., Any]) -> None:
    watch("加微信", "hold")
    assert evaluate("有事加 VX 聊").decision == "hold"  # default variant vx → 微信
    WordVariant.objects.create(variant="weiξin", canonical="微信")
    assert evaluate("加weiξin").decision == "hold"


def test_detectors_follow_the_policy() -> None:
    screening = evaluate("电话 138-1234-5678，详情见 https://t.cn/abc 啊啊啊啊啊啊啊啊啊")
    assert screening.decision == "hold"
    assert codes(screening) == ["contact", "link_shortener", "repeated_chars"]
    contact = screening.reasons[0]
    assert contact.message == "Contact details: phone number “138-1234-5678”"
    assert contact.category == "advertising"
    ModerationPolicy.objects.filter(board=None, max_level_position=None).update(
        contact_action="block", shortener_action="ignore", repeat_action="ignore"
    )
    words_changed()  # a queryset update sends no signal
    blocked = evaluate("电话 138-1234-5678，详情见 https://t.cn/abc")
    assert blocked.blocked
    assert codes(blocked) == ["block_contact"]
    assert "Contact details" in blocked.block_message()


def test_links_are_flagged_for_established_members_and_held_for_new_ones(
    veteran: Any, make_member: Callable[..., Any], publish_history: Callable[[Any, int], None]
) -> None:
    text = "参考资料 https://example.com/page"
    assert evaluate(text, member=veteran).decision == "publish"
    assert codes(evaluate(text, member=veteran)) == ["link"]
    newcomer = make_member("newcomer")
    publish_history(newcomer, 3)  # past the first posts, but still level 1
    assert evaluate(text, member=newcomer).decision == "hold"


def test_the_first_posts_of_a_member_are_held(
    make_member: Callable[..., Any],
    publish_history: Callable[[Any, int], None],
    no_posting_limit: None,
) -> None:
    member = make_member()
    first = evaluate("大家好，我是新来的。", member=member, kind="topic")
    assert first.decision == "hold"
    [reason] = first.reasons
    assert (reason.code, reason.detail) == ("new_member", "1/3")
    assert reason.message == "New member: post 1 of the first 3, which are always held"
    assert evaluate("改一下", member=member, editing=True).decision == "publish"
    publish_history(member, 3)
    assert evaluate("大家好，我是新来的。", member=member).decision == "publish"


def test_a_board_policy_comes_before_the_site_policy(
    veteran: Any, make_board: Callable[..., Any]
) -> None:
    market = make_board(name="Market", slug="market")
    ModerationPolicy.objects.create(board=market, link_action="block", first_posts_held=0)
    text = "看这里 https://example.com"
    assert evaluate(text, member=veteran, board_id=market.pk).blocked
    assert evaluate(text, member=veteran).decision == "publish"


def test_the_lowest_level_policy_covering_the_member_applies(veteran: Any) -> None:
    ModerationPolicy.objects.create(board=None, max_level_position=3, contact_action="block")
    ModerationPolicy.objects.create(board=None, max_level_position=5, contact_action="ignore")
    text = "邮箱 someone@example.com"
    assert evaluate(text, member=veteran).blocked  # level 3: the ≤3 row, not ≤5 or all
    assert evaluate(text).decision == "hold"  # an established member: the row for every level


def test_staff_are_exempt_from_hold_and_flag_but_not_from_block(
    watch: Callable[..., Any], staff_member: Any, board: Any
) -> None:
    watch("兼职日结", "hold")
    watch("代开发票", "block", category="illegal")
    watch("傻瓜", "replace", category="abuse")
    text = "兼职日结 电话 13812345678 https://example.com 傻瓜"
    screening = evaluate(text, member=staff_member, board_id=board.pk, kind="topic")
    assert screening.decision == "publish"
    assert codes(screening) == ["word_replaced"]
    assert evaluate("代开发票", member=staff_member, board_id=board.pk).blocked


def test_a_board_moderator_is_exempt_in_their_board_only(
    watch: Callable[..., Any], make_member: Callable[..., Any], make_board: Callable[..., Any]
) -> None:
    watch("兼职日结", "hold")
    mine, other = make_board(name="Mine", slug="mine"), make_board(name="Other", slug="other")
    moderator = make_member("boardmod")
    mine.moderators.add(moderator)
    assert evaluate("兼职日结", member=moderator, board_id=mine.pk).decision == "publish"
    assert evaluate("兼职日结", member=moderator, board_id=other.pk).decision == "hold"


def test_profile_texts_run_words_and_contact_details_only(watch: Callable[..., Any]) -> None:
    watch("傻瓜", "replace", category="abuse")
    text = "我的主页 https://t.cn/x 啊啊啊啊啊啊啊啊啊 微信: abc_12345"
    screening = evaluate(text, title="傻瓜", kind="profile")
    assert screening.title == "***"
    assert codes(screening) == ["contact", "word_replaced"]  # strongest first
    assert screening.decision == "hold"


def test_evaluate_writes_nothing(watch: Callable[..., Any]) -> None:
    watch("代开发票", "block", category="illegal")
    assert evaluate("代开发票").blocked
    assert ScreeningRecord.objects.count() == 0


def test_the_lexicon_follows_changes_to_words(watch: Callable[..., Any]) -> None:
    assert evaluate("兼职日结").decision == "publish"
    word = watch("兼职日结", "hold")
    assert evaluate("兼职日结").decision == "hold"
    word.action = "block"
    word.save()
    assert evaluate("兼职日结").blocked
    word.delete()
    assert evaluate("兼职日结").decision == "publish"
