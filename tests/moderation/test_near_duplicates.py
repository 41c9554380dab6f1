"""Near-duplicates: the SimHash fingerprint, copy-paste flooding, uncredited reposts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from freezegun import freeze_time

from hearth.community.models import Status, Topic
from hearth.community.services import reply_create, topic_create, topic_set_status
from hearth.moderation.models import ReviewItem, TextFingerprint
from hearth.moderation.pipeline import evaluate, simhash
from hearth.moderation.pipeline.fingerprints import (
    bands,
    distance,
    from_signed,
    text_fingerprint,
    to_signed,
)
from hearth.moderation.text import normalise
from tests.moderation.pipeline_fixtures import *  # noqa: F403

ARTICLE = (
    "周末我们去爬了香山，早上七点从东门出发，沿着主路一路向上，大约两个小时到达香炉峰。"
    "山顶风很大，但是可以看到整个北京城。下山时走了北线，路上人少很多，还看到了几只松鼠。"
    "建议大家早点出发，带足水和干粮，穿防滑的鞋子。"
)
SPAM = "全新课程限时免费领取，名额有限先到先得，错过今天再等一年，赶快行动起来吧朋友们"


def fingerprint(text: str) -> int | None:
    return simhash(normalise(text).text)


def test_the_fingerprint_is_stable_and_ignores_spelling_and_spacing() -> None:
    text = "今天天气不错我们一起去公园散步吧然后再去吃饭"
    assert fingerprint(text) == 0x91E7F296DB703A73  # the same in every process
    assert fingerprint("今天 天气不錯，我們一起去公園散步吧！然後再去吃飯") == fingerprint(text)
    assert fingerprint("ＡＢＣ abc 今天天气不错我们一起去公园散步吧") == fingerprint(
        "abcabc今天天气不错我们一起去公园散步吧"
    )


def test_near_copies_are_close_and_other_texts_far() -> None:
    original = fingerprint(ARTICLE)
    assert original is not None
    edited = fingerprint(ARTICLE + "2")
    assert edited is not None
    assert distance(original, edited) <= 3
    other = fingerprint(SPAM)
    assert other is not None
    assert distance(original, other) > 10


def test_posts_are_fingerprinted_without_their_digits() -> None:
    assert text_fingerprint(normalise(SPAM + " 电话 13812345678").text) == text_fingerprint(
        normalise(SPAM + " 电话 13987654321").text
    )


def test_short_texts_have_no_fingerprint() -> None:
    assert fingerprint("太短了，不算") is None
    assert fingerprint("一二三四五六七八九十一二三四五六七八九十") is not None  # 20 characters


def test_long_texts_are_fingerprinted_in_windows() -> None:
    long_text = ARTICLE * 4
    value = fingerprint(long_text)
    assert value is not None
    assert distance(value, fingerprint(long_text + "。补充一句") or 0) <= 3


def test_bands_and_the_signed_column() -> None:
    value = 0xFEDC_BA98_7654_3210
    assert bands(value) == (0x3210, 0x7654, 0xBA98, 0xFEDC)
    assert to_signed(value) < 0
    assert from_signed(to_signed(value)) == value
    assert from_signed(to_signed(5)) == 5


@pytest.mark.django_db
def test_copy_paste_flooding_is_held_from_the_third_copy_in_a_day(veteran: Any) -> None:
    topic = Topic.objects.filter(author=veteran).first()
    assert topic is not None
    first = reply_create(author=veteran, topic=topic, body=SPAM)
    second = reply_create(author=veteran, topic=topic, body=f"【{SPAM}】 2")
    third = reply_create(author=veteran, topic=topic, body=f"{SPAM} 🔥🔥 #3")
    assert [first.status, second.status, third.status] == ["published", "published", "held"]
    item = ReviewItem.objects.get(content_kind="reply", content_id=third.pk)
    [reason] = item.reasons
    assert (reason["code"], reason["category"], reason["detail"]) == ("flood", "advertising", "2")
    assert TextFingerprint.objects.filter(author=veteran, content_kind="reply").count() == 3


@pytest.mark.django_db
def test_copies_older_than_a_day_are_not_flooding(veteran: Any) -> None:
    topic = Topic.objects.filter(author=veteran).first()
    assert topic is not None
    with freeze_time(timezone.now() - dt.timedelta(hours=30)):
        reply_create(author=veteran, topic=topic, body=SPAM)
        reply_create(author=veteran, topic=topic, body=SPAM)
    assert reply_create(author=veteran, topic=topic, body=SPAM).status == "published"


@pytest.mark.django_db
def test_a_repost_of_another_members_text_without_credit_is_held(
    make_veteran: Callable[[str], Any], board: Any
) -> None:
    author, copier = make_veteran("hiker"), make_veteran("copier")
    original = topic_create(author=author, board=board, title="香山游记", body=ARTICLE)
    assert original.status == Status.PUBLISHED
    copy = topic_create(author=copier, board=board, title="我的香山游记", body=ARTICLE)
    assert copy.status == Status.HELD
    item = ReviewItem.objects.get(content_kind="topic", content_id=copy.pk)
    [reason] = item.reasons
    assert (reason["code"], reason["category"], reason["severity"]) == ("repost", "infringement", 3)
    assert reason["detail"] == f"topic:{original.pk}"

    credited = f"转自 /t/{original.pk}/ ：{ARTICLE}"
    assert evaluate(credited, member=copier, board_id=board.pk, kind="topic").decision == "publish"
    mention = f"@hiker 写的：{ARTICLE}"
    assert evaluate(mention, member=copier, board_id=board.pk, kind="topic").decision == "publish"
    assert evaluate(ARTICLE, member=author, kind="topic").decision == "publish"  # one's own text


@pytest.mark.django_db
def test_short_copies_and_unpublished_originals_are_not_reposts(
    make_veteran: Callable[[str], Any], board: Any
) -> None:
    author, copier = make_veteran("writer"), make_veteran("reader")
    short = "今天天气不错我们一起去公园散步吧然后再去吃饭"
    topic_create(author=author, board=board, title="短", body=short)
    assert evaluate(short, member=copier, kind="topic").decision == "publish"
    hidden = topic_create(author=author, board=board, title="游记", body=ARTICLE)
    topic_set_status(actor=None, topic=hidden, status="hidden")
    assert evaluate(ARTICLE, member=copier, kind="topic").decision == "publish"


@pytest.mark.django_db
def test_an_edit_is_not_its_own_duplicate(veteran: Any) -> None:
    topic = Topic.objects.filter(author=veteran).first()
    assert topic is not None
    replies = [reply_create(author=veteran, topic=topic, body=SPAM) for _ in range(2)]
    screening = evaluate(SPAM, member=veteran, editing=True, content_id=replies[1].pk, kind="reply")
    assert screening.decision == "publish"  # one other copy, not two
