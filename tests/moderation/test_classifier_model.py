"""The classifier model: calibrated scores, the threshold, group experts, weights, artefacts."""

from __future__ import annotations

import pickle
import random

import numpy as np
import pytest

from hearth.moderation.classifier.estimator import TextClassifier, best_f1_threshold
from tests.moderation.classifier_fixtures import CLEAN_WORDS, SPAM_WORDS, synthetic


def _labels(values: list[str]) -> list[int]:
    return [1 if v == "spam" else 0 for v in values]


def test_scores_are_probabilities_and_predict_uses_the_threshold() -> None:
    texts, labels = synthetic(160)
    model = TextClassifier().fit(texts, _labels(labels))
    probabilities = model.predict_proba(["加微信 免费领取 代理招募", "今天天气 电影不错 这本书"])
    assert probabilities.shape == (2, 2)
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    assert probabilities[0, 1] > 0.8 > 0.2 > probabilities[1, 1]
    assert list(model.predict(["加微信 免费领取", "这本书 电影不错"])) == [1, 0]
    assert model.threshold == 0.5  # a clean split: no cut beats 0.5 clearly
    assert model.oof_f1 is not None
    assert model.oof_f1 > 0.95


def test_the_best_threshold_is_found_on_scores_not_defaulted() -> None:
    y = np.array([1, 1, 1, 0, 0, 0])
    probabilities = np.array([0.9, 0.35, 0.3, 0.2, 0.1, 0.05])
    cut = best_f1_threshold(y, probabilities, np.ones(6))
    assert 0.2 < cut < 0.3  # all three positives above it, no negative


def test_group_experts_learn_what_a_word_means_in_each_kind_of_text() -> None:
    """ "火" praises in a product review and threatens in a dispute: one weight cannot do both."""
    rng = random.Random(5)
    texts, labels, groups = [], [], []
    for i in range(400):
        group = "review" if i % 2 else "dispute"
        fire = i % 4 < 2
        filler = " ".join(rng.sample(CLEAN_WORDS, 2))
        texts.append(
            f"{'火' if fire else '冰'} {filler} {group}"
        )  # far apart: no n-gram spans both
        labels.append(int(fire == (group == "dispute")))
        groups.append(group)
    plain = TextClassifier().fit(texts, labels)
    grouped = TextClassifier().fit(texts, labels, groups=groups)
    assert grouped.groups == ["dispute", "review"]
    probe = ["火 这本书 今天天气 dispute", "火 这本书 今天天气 review"]
    assert grouped.group_of(probe) == ["dispute", "review"]
    assert list(grouped.predict(probe)) == [1, 0]
    assert list(plain.predict(probe)) != [1, 0]  # an XOR: no linear weight on 火 fits both


def test_small_groups_get_no_block() -> None:
    texts, labels = synthetic(120)
    groups = ["a"] * 115 + ["b"] * 5
    model = TextClassifier().fit(texts, _labels(labels), groups=groups)
    assert model.groups == []  # one usable group is no grouping at all


def test_sample_weights_decide_between_contradicting_rows() -> None:
    texts = ["共同 话题 一"] * 20 + ["共同 话题 一"] * 20 + [t for t in synthetic(80)[0]]
    labels = [1] * 20 + [0] * 20 + _labels(synthetic(80)[1])
    heavy_positive = [3.0] * 20 + [1.0] * 20 + [1.0] * 80
    heavy_negative = [1.0] * 20 + [3.0] * 20 + [1.0] * 80
    up = TextClassifier().fit(texts, labels, sample_weight=heavy_positive)
    down = TextClassifier().fit(texts, labels, sample_weight=heavy_negative)
    probe = ["共同 话题 一"]
    assert up.predict_proba(probe)[0, 1] > 0.5 > down.predict_proba(probe)[0, 1]


def test_a_pickled_model_scores_the_same() -> None:
    texts, labels = synthetic(100, positive=SPAM_WORDS)
    model = TextClassifier().fit(texts, _labels(labels))
    copy = pickle.loads(pickle.dumps(model))
    probe = ["加微信 领取", "电影不错", ""]
    assert np.allclose(copy.predict_proba(probe), model.predict_proba(probe))


@pytest.mark.parametrize("text", ["", "   ", "😀😀", "x" * 5000])
def test_odd_texts_score_without_error(text: str) -> None:
    texts, labels = synthetic(60)
    model = TextClassifier().fit(texts, _labels(labels))
    [[negative, positive]] = model.predict_proba([text])
    assert 0.0 <= positive <= 1.0
    assert negative == pytest.approx(1 - positive)
