"""Normalisation folds evasions to one spelling and maps back to the original text."""

from __future__ import annotations

import pytest

from hearth.moderation.text.normalise import Variants, fold, normalise


@pytest.mark.parametrize(
    "text",
    ["微信", "微 信", "微-信", "微❤信", "微\u200b信", "微.信", "微　信", "微*_*信", "微🙂信"],
)
def test_inserted_separators_are_dropped(text: str) -> None:
    assert normalise(text).text == "微信"


def test_traditional_becomes_simplified() -> None:
    assert normalise("代開發票 賭博 刷單").text == "代开发票赌博刷单"


def test_full_width_and_case_fold_to_ascii_lower_case() -> None:
    assert normalise("ＶＸ１２３ ABC").text == "vx123abc"


def test_cyrillic_and_greek_look_alikes_become_latin() -> None:
    assert normalise("Fuсk pοrn").text == "fuckporn"  # с Cyrillic, ο Greek


def test_fold_keeps_the_length_of_the_original() -> None:
    text = "ＱＱ：１２３ 發票\u200b❤"
    assert len(fold(text)) == len(text)


def test_each_character_maps_back_to_its_original_span() -> None:
    norm = normalise("加 微-信!")
    assert norm.text == "加微信"
    assert norm.span(1, 3) == (2, 5)
    assert norm.original[slice(*norm.span(0, 3))] == "加 微-信"


def test_configured_variants_are_rewritten_and_map_to_their_whole_spelling() -> None:
    variants = Variants({"weixin": "微信", "VX": "微信"})
    norm = normalise("加 Wei Xin 吧", variants)
    assert norm.text == "加微信吧"
    begin, end = norm.span(1, 3)
    assert norm.original[begin:end] == "Wei Xin"
    assert normalise("加ｖｘ", variants).text == "加微信"


def test_latin_variants_only_match_standing_alone() -> None:
    variants = Variants({"vx": "微信"})
    assert normalise("vxworks", variants).text == "vxworks"
    assert normalise("加vx好友", variants).text == "加微信好友"


def test_longest_variant_wins() -> None:
    variants = Variants({"wei": "威", "weixin": "微信"})
    assert normalise("weixin", variants).text == "微信"


def test_plain_text_is_unchanged_apart_from_separators() -> None:
    assert normalise("今天天气很好，我们去公园。").text == "今天天气很好我们去公园"
    assert normalise("").text == ""
