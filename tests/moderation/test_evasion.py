"""The evasion test set: variants of ~50 watched words are caught, clean text is not hit.

Variants are generated from a base lexicon: inserted separators (spaces, dots,
dashes, emoji, zero-width), traditional characters, full-width letters and
digits, Cyrillic look-alikes and configured pinyin. At least 95% must be
caught. False positives: the safe rows (label 0) of the COLD dev split
(thu-coai/COLDataset, Apache-2.0) scanned with the same lexicon, under 1%.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import opencc
import pytest
from pypinyin import lazy_pinyin

from hearth.moderation.text.lexicon import Entry, Lexicon

BASE: dict[str, list[str]] = {
    "advertising": [
        "加微信", "加我微信", "代开发票", "刷单", "兼职日结", "日赚千元", "网赚", "招代理",
        "无抵押贷款", "办证", "信用卡套现", "刷粉", "代写论文", "免费领取", "私服", "外挂",
    ],
    "illegal": [
        "赌博", "博彩", "六合彩", "网络赌场", "毒品", "冰毒", "枪支", "假币", "迷药", "代孕",
        "办假证",
    ],
    "vulgar": [
        "色情", "裸聊", "一夜情", "约炮", "傻逼", "操你妈", "草泥马", "他妈的", "鸡巴", "装逼",
        "婊子", "fuck", "bitch",
    ],
    "abuse": [
        "脑残", "贱人", "人渣", "去死吧", "狗东西", "死全家", "滚出去", "智障", "废物东西",
        "贱货",
    ],
}  # fmt: skip
WORDS = [(term, category) for category, terms in BASE.items() for term in terms]
SEPARATORS = [" ", ".", "-", "❤", "\u200b", "*", "　", "、", "👍", "_/"]
CYRILLIC = str.maketrans({"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "i": "і"})
S2T = opencc.OpenCC("s2t")


def pinyin(term: str) -> str:
    return "".join(lazy_pinyin(term))


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def lexicon() -> Lexicon:
    entries = [Entry(term, category, "hold", 2) for term, category in WORDS]
    # 操你妈 and 草泥马 share the pinyin "caonima": the later one wins, the other is missed.
    variants = {pinyin(term): term for term, _ in WORDS if pinyin(term) != term}
    variants.update({"vx": "微信", "wx": "微信", "v信": "微信", "薇信": "微信"})
    return Lexicon.compile(entries, variants=variants)


def variants_of(term: str) -> Iterator[tuple[str, str]]:
    for sep in SEPARATORS:
        yield f"separator {sep!r}", sep.join(term)
    traditional = S2T.convert(term)
    yield "traditional", traditional
    yield "traditional + spaces", " ".join(traditional)
    yield "full-width", full_width(term.upper())
    yield "full-width + ideographic space", "　".join(full_width(term))
    latin = term if term.isascii() else pinyin(term)
    yield "look-alikes", latin.translate(CYRILLIC)
    yield "pinyin", latin
    yield "pinyin spaced, upper case", " ".join(lazy_pinyin(term)).upper()
    yield "full-width pinyin", full_width(latin)
    if "微信" in term:
        yield "abbreviation", term.replace("微信", " V X ")
        yield "look-alike character", term.replace("微信", "薇❤信")


def in_a_post(variant: str) -> str:
    return f"大家好，{variant}，详情私聊。"


def test_at_least_95_percent_of_evasions_are_caught() -> None:
    watched = lexicon()
    cases = [(term, kind, v) for term, _ in WORDS for kind, v in variants_of(term)]
    missed = [
        (term, kind, v)
        for term, kind, v in cases
        if term not in {hit.term for hit in watched.scan(in_a_post(v))}
    ]
    rate = 1 - len(missed) / len(cases)
    print(f"\nevasion set: {len(WORDS)} words, {len(cases)} variants, caught {rate:.1%}")
    for term, kind, v in missed:
        print(f"  missed {term} ({kind}): {v!r}")
    assert len(WORDS) >= 50
    assert rate >= 0.95


def test_plain_words_are_all_caught() -> None:
    watched = lexicon()
    for term, category in WORDS:
        hits = watched.scan(in_a_post(term))
        assert [(h.term, h.category.value) for h in hits] == [(term, category)]


@pytest.mark.shared_data
def test_false_positives_on_clean_cold_text_are_under_1_percent(shared_data: Path) -> None:
    path = shared_data / "moderation" / "zh_COLD" / "dev.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        safe = [row["TEXT"] for row in csv.DictReader(handle) if row["label"] == "0"]
    watched = lexicon()
    flagged = [(text, hits) for text in safe if (hits := watched.scan(text))]
    rate = len(flagged) / len(safe)
    print(f"\nCOLD dev safe rows: {len(safe)}, hit {len(flagged)} ({rate:.2%})")
    for text, hits in flagged[:20]:
        print(f"  {[h.term for h in hits]} in {text[:60]!r}")
    assert len(safe) > 1000
    assert rate < 0.01
