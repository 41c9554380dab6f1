"""What the classifier sees of a text: preparation against evasion, the views, the fast path."""

from __future__ import annotations

import pickle
import random

import numpy as np
import pytest

from hearth.moderation.classifier.features import (
    Featurizer,
    automaton,
    lexicon_terms,
    prepare,
    words_seen,
)


@pytest.mark.parametrize(
    "written",
    ["傻逼", "傻 逼", "傻*逼", "傻❤逼", "傻\u200b逼", "傻-逼", "傻　逼", "傻|逼"],
)
def test_separators_between_chinese_characters_are_dropped(written: str) -> None:
    assert prepare(f"你是{written}吗") == "你是傻逼吗"


def test_preparation_folds_but_keeps_sentences_and_latin_words() -> None:
    assert prepare("ＷＩＮ  Cash 现在！！ 點擊鏈接，領取") == "win cash 现在!! 点击链接,领取"
    assert prepare("free\tprize   now") == "free prize now"


def _featurizer(texts: list[str], *, lexicon: dict[str, str] | None = None) -> Featurizer:
    words = words_seen(prepare(t) for t in texts)
    featurizer = Featurizer(words=words, lexicon=lexicon_terms(lexicon or {}))
    featurizer.fit_transform(texts, min_df=1)
    return featurizer


def _names(featurizer: Featurizer, text: str) -> set[str]:
    row = featurizer.transform([text])
    return {featurizer.names[i] for i in row.indices}


def test_every_view_contributes_features() -> None:
    featurizer = _featurizer(["你妈的傻逼 vx加我", "今天天气不错"])
    names = _names(featurizer, "你妈的傻逼 vx加我")
    assert "chars:傻逼" in names
    assert "skip1:你的" in names  # 你 _ 的: one character apart
    assert "word:天气" not in names
    assert "word:今天天气" in _names(featurizer, "今天天气不错")  # longest match
    assert "bigram:今天天气 不错" in _names(featurizer, "今天天气不错")
    assert any(n.startswith("pinyin:") and len(n) == len("pinyin:") + 2 for n in names)


def test_a_homophone_shares_its_pinyin_features() -> None:
    featurizer = _featurizer(["你妈", "尼玛", "今天"])
    pinyin = {n for n in _names(featurizer, "你妈") if n.startswith("pinyin:")}
    assert pinyin
    assert pinyin <= _names(featurizer, "尼玛")
    assert not pinyin & _names(featurizer, "今天")


def test_lexicon_hits_become_category_features() -> None:
    featurizer = _featurizer(["买 发 票 找我", "周末聚会"], lexicon={"发票": "advertising"})
    assert "lex:advertising" in _names(featurizer, "代开發-票")
    assert "lex:advertising" not in _names(featurizer, "周末聚会")


def test_the_automaton_path_finds_exactly_the_training_tokens() -> None:
    rng = random.Random(7)
    alphabet = [*list("傻逼你妈的今天气不错加微信免费领取 ,.!abcxyz12"), "❤", "。", " "]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(300)]
    featurizer = _featurizer(texts[:200], lexicon={"微信": "advertising", "傻逼": "vulgar"})
    index = {name: i for i, name in enumerate(featurizer.names)}
    for text in texts:
        expected = {index[t] for t in featurizer.tokens(text) if t in index}
        assert set(featurizer.transform([text]).indices) == expected, text


def test_rows_are_binary_and_unknown_texts_give_empty_rows() -> None:
    featurizer = _featurizer(["哈哈哈哈哈哈", "一二三"])
    matrix = featurizer.transform(["哈哈哈哈哈哈哈哈", "", "zzz"])
    assert set(np.unique(matrix.data)) == {1.0}
    assert matrix.shape[0] == 3
    assert matrix[1].nnz == 0
    assert matrix[2].nnz == 0


def test_a_pickled_featurizer_gives_the_same_rows() -> None:
    featurizer = _featurizer(["你妈的傻逼 vx加我", "今天天气不错"], lexicon={"傻逼": "vulgar"})
    copy = pickle.loads(pickle.dumps(featurizer))
    for text in ["你妈的 傻逼", "天气不错", ""]:
        assert (copy.transform([text]) != featurizer.transform([text])).nnz == 0


def test_words_seen_keeps_only_dictionary_words_in_the_texts() -> None:
    dictionary = automaton((w, w) for w in ["天气", "不错", "飞机"])
    assert words_seen(["今天天气不错"], dictionary) == ["不错", "天气"]
