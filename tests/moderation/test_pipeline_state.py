"""The compiled configuration (lexicon, policies, classifier versions) and its invalidation."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache

from hearth.moderation.classifier.train import train_from_rows
from hearth.moderation.models import ModerationPolicy, WatchedWord
from hearth.moderation.pipeline import compiled, evaluate, words_changed
from hearth.moderation.pipeline.state import VERSION_KEY
from tests.moderation.pipeline_fixtures import *  # noqa: F403

pytestmark = pytest.mark.django_db

SPAM = ["加微信", "免费领取", "兼职日结", "代理招募", "点击链接", "优惠券"]
CLEAN = ["今天天气", "这本书", "周末聚会", "代码评审", "版主辛苦", "电影不错"]


@pytest.fixture
def spam_model(settings: Any, tmp_path: Path) -> Any:
    settings.HEARTH_VAR_DIR = tmp_path / "var"
    rng = random.Random(1)
    texts, labels = [], []
    for i in range(120):
        spam = i % 2 == 0
        texts.append(" ".join(rng.sample(SPAM if spam else CLEAN, 3) + rng.sample(CLEAN, 1)))
        labels.append("spam" if spam else "ham")
    return train_from_rows(texts, labels, "spam")


def test_a_classifier_score_over_the_threshold_holds(spam_model: Any) -> None:
    screening = evaluate("加微信 免费领取 代理招募")
    assert screening.scores["spam"] >= 0.8
    assert screening.decision == "hold"
    [reason] = screening.reasons
    assert (reason.code, reason.category) == ("classifier", "advertising")
    assert reason.detail.startswith("spam=")
    clean = evaluate("今天天气 电影不错 这本书")
    assert clean.scores["spam"] < 0.5
    assert clean.decision == "publish"


def test_a_classifier_block_threshold_blocks(spam_model: Any) -> None:
    ModerationPolicy.objects.filter(board=None, max_level_position=None).update(
        classifier_block=0.6
    )
    words_changed()
    screening = evaluate("加微信 免费领取 代理招募")
    assert screening.blocked
    assert screening.block_message() == (
        "The automatic check rated this text as Advertising or false claims. Please rephrase it."
    )


def test_without_a_model_the_pipeline_runs_on_rules_alone() -> None:
    screening = evaluate("加微信 免费领取 代理招募")
    assert screening.scores == {}
    assert screening.decision == "publish"


def test_a_model_whose_artefact_is_gone_is_skipped(spam_model: Any, tmp_path: Path) -> None:
    from hearth.moderation.classifier import model as classifier_model

    (classifier_model.artefact_dir() / spam_model.artefact_path).unlink()
    classifier_model._LOADED.clear()
    assert evaluate("加微信 免费领取 代理招募").scores == {}


def test_another_process_changing_the_words_makes_this_one_recompile(
    watch: Callable[..., Any],
) -> None:
    word = watch("兼职日结", "hold")
    first = compiled()
    assert compiled() is first  # kept while nothing changes
    WatchedWord.objects.filter(pk=word.pk).update(action="block")  # no signal here
    assert evaluate("兼职日结").decision == "hold"
    cache.set(VERSION_KEY, "changed elsewhere", timeout=None)  # what words_changed() leaves
    assert compiled() is not first
    assert evaluate("兼职日结").blocked


def test_a_bad_stored_word_is_skipped_without_breaking_posting(watch: Callable[..., Any]) -> None:
    good = watch("兼职日结", "hold")
    WatchedWord.objects.create(
        word_list=good.word_list, term="(a+)+", category="custom", action="block"
    )
    assert evaluate("兼职日结 aaaa").decision == "hold"
