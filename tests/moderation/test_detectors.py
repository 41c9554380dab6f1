"""Detectors find contact details, links and flooding, with a reason code, in linear time."""

from __future__ import annotations

import time

import pytest

from hearth.moderation.text.detectors import Reason, detect


def reasons(text: str) -> list[Reason]:
    return [signal.reason for signal in detect(text)]


@pytest.mark.parametrize(
    "text",
    [
        "13812345678",
        "电话138 1234 5678",
        "138-1234-5678",
        "１３８．１２３４．５６７８",
        "打19912345678",
    ],
)
def test_mainland_mobile_numbers_with_separators(text: str) -> None:
    assert reasons(text) == [Reason.PHONE]


@pytest.mark.parametrize(
    "text", ["12345678901", "订单号 813812345678", "价格 1380 元", "138123456"]
)
def test_other_numbers_are_not_phones(text: str) -> None:
    assert Reason.PHONE not in reasons(text)


def test_phone_span_indexes_the_original_text() -> None:
    text = "请联系 １３８ １２３４ ５６７８ 谢谢"
    (signal,) = detect(text)
    assert text[signal.start : signal.end] == "１３８ １２３４ ５６７８"


@pytest.mark.parametrize(
    ("text", "value"),
    [("加微信: abc_123", "abc_123"), ("VX：Hearth2026", "hearth2026"), ("wx abc-def1", "abc-def1")],
)
def test_wechat_ids(text: str, value: str) -> None:
    (signal,) = detect(text)
    assert (signal.reason, signal.value) == (Reason.WECHAT_ID, value)


@pytest.mark.parametrize("text", ["QQ 12345678", "qq号：123456789", "扣扣 98765"])
def test_qq_ids(text: str) -> None:
    assert reasons(text) == [Reason.QQ_ID]


def test_wechat_word_alone_is_not_an_id() -> None:
    assert reasons("我不用微信，也不玩QQ") == []


def test_email() -> None:
    (signal,) = detect("写信给 someone.name+tag@mail.example.cn 吧")
    assert signal.reason is Reason.EMAIL
    assert signal.value == "someone.name+tag@mail.example.cn"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("看这里 https://example.com/a?b=1", Reason.LINK),
        ("www.example.org", Reason.LINK),
        ("详情 shop.example.top/item", Reason.LINK),
        ("戳 http://t.cn/A6abc", Reason.LINK_SHORTENER),
        ("bit.ly/3xyz", Reason.LINK_SHORTENER),
        ("dwz.cn/abc", Reason.LINK_SHORTENER),
        ("url.cn/5abc", Reason.LINK_SHORTENER),
    ],
)
def test_links_and_shorteners(text: str, reason: Reason) -> None:
    assert reasons(text) == [reason]


def test_ordinary_text_fires_nothing() -> None:
    assert detect("今天版聚，大家 3 点到，记得带伞。Version 2.0 is out.") == []


def test_repeated_characters() -> None:
    (signal,) = detect("顶顶顶顶顶顶顶顶顶顶")
    assert signal.reason is Reason.REPEATED_CHARS
    assert reasons("哈哈哈") == []


@pytest.mark.parametrize(
    "text",
    ["a" * 200_000, "a." * 100_000, "1" * 200_000, "a@" * 100_000, "www." + "a-" * 100_000,
     "1 " * 100_000, "微信" * 50_000, "qq" + " " * 200_000],
)  # fmt: skip
def test_adversarial_input_takes_linear_time(text: str) -> None:
    started = time.perf_counter()
    detect(text)
    assert time.perf_counter() - started < 1.0
