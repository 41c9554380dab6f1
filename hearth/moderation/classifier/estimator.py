"""The classifier: NB-SVM over the feature views, optional group experts, calibrated out of fold.

* **NB-SVM** (Wang & Manning 2012): each binary feature is scaled by its
  log-count ratio ``log(P(feature | positive) / P(feature | negative))``, rows
  are L2-normalised, and a linear SVM is fitted on that. The ratio carries
  the naive-Bayes evidence, the SVM corrects for correlated features; on short
  texts it beats TF-IDF with either model alone.
* **Group experts** (when the training rows name a group, e.g. COLD's topic:
  race, region, gender): the design matrix holds the shared NB-scaled block
  plus one block per group, scaled by that group's own ratios and filled only
  for rows of the group, so a word can be neutral in one kind of text and
  offensive in another. A router (a linear SVM over the same features) picks
  the group of a new text. Groups with too few rows of either class get no block.
* **Calibration**: k-fold out-of-fold scores (router included) are mapped to
  probabilities by a logistic fit (Platt scaling), so the pipeline's thresholds
  (hold at 0.8 …) read as probabilities.
* **Threshold**: ``predict`` cuts at 0.5 unless another cut gives a clearly
  better F1 (by ``THRESHOLD_GAIN``) on those out-of-fold scores: chosen on
  training rows each fold's model did not see, never on evaluation data.

Sample weights count in the ratios, the SVMs and the calibration, so review
decisions can weigh more than the rows of a file.

scikit-learn is imported only to fit: a fitted model is numpy arrays and
automata, so a web process that only scores never pays sklearn's import (3 s).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from hearth.moderation.classifier.features import Featurizer, prepare, words_seen

Array = np.ndarray[Any, Any]

GROUP_MIN_ROWS = 20  # per class, for a group to get its own block
THRESHOLD_GAIN = 0.005


def log_count_ratios(x: sp.csr_matrix, y: Array, weights: Array, alpha: float) -> Array:
    """Smoothed log ratio of each feature's weighted frequency among positives vs negatives."""
    positive = np.asarray(x.T @ (weights * (y == 1))).ravel() + alpha
    negative = np.asarray(x.T @ (weights * (y == 0))).ravel() + alpha
    ratios = np.log((positive / positive.sum()) / (negative / negative.sum()))
    return np.asarray(ratios, dtype=np.float32)


def _scaled(x: sp.csr_matrix, ratios: Array) -> sp.csr_matrix:
    from sklearn.preprocessing import normalize

    return normalize(sp.csr_matrix(x.multiply(ratios)))


def _design(x: sp.csr_matrix, ratios: Sequence[Array], routes: Array | None) -> sp.csr_matrix:
    """The SVM's training matrix: the shared block, then each group's block on its own rows."""
    blocks = [_scaled(x, ratios[0])]
    for g, group_ratios in enumerate(ratios[1:]):
        if routes is not None:
            mask = sp.diags((routes == g).astype(np.float32))
            blocks.append(mask @ _scaled(x, group_ratios))
    return blocks[0] if len(blocks) == 1 else sp.csr_matrix(sp.hstack(blocks, format="csr"))


def weighted_f1(y: Array, predicted: Array, weights: Array) -> float:
    true_positive = float((weights * (predicted & (y == 1))).sum())
    denominator = float((weights * predicted).sum() + (weights * (y == 1)).sum())
    return 2 * true_positive / denominator if denominator else 0.0


def best_f1_threshold(y: Array, probabilities: Array, weights: Array) -> float:
    """The probability cut with the highest weighted F1 (midway between neighbouring scores)."""
    order = np.argsort(-probabilities, kind="stable")
    p, t, w = probabilities[order], y[order], weights[order]
    f1 = 2 * np.cumsum(w * t) / (np.cumsum(w) + (w * t).sum())
    last = np.flatnonzero(np.r_[p[1:] != p[:-1], True])  # only cut between distinct scores
    best = int(last[np.argmax(f1[last])])
    below = p[best + 1] if best + 1 < len(p) else 0.0
    return float((p[best] + below) / 2)


@dataclass
class _Fitted:
    """One fitted model as plain arrays (no scikit-learn objects in the artefact).

    Features are binary, so for block ``k`` (shared, then one per group) the
    SVM term ``w·(x∘r)/‖x∘r‖`` is ``(x·u_k) / sqrt(x·q_k)`` with ``u_k = r_k∘w_k``
    and ``q_k = r_k²``: scoring is two sparse-by-thin-dense products.
    """

    u: Array  # features × blocks
    q: Array  # features × blocks
    bias: float
    router: Array | None = None  # features × groups
    router_bias: Array | None = None

    def scores(self, x: sp.csr_matrix) -> Array:
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.nan_to_num(np.asarray(x @ self.u) / np.sqrt(np.asarray(x @ self.q)))
        total = terms[:, 0] + self.bias
        routes = self.routes(x)
        if routes is not None:
            total += terms[np.arange(len(routes)), routes + 1]
        return np.asarray(total)

    def routes(self, x: sp.csr_matrix) -> Array | None:
        if self.router is None or self.router_bias is None:
            return None
        lengths = np.sqrt(np.maximum(np.diff(x.indptr), 1)).reshape(-1, 1)
        return np.asarray(np.argmax(np.asarray(x @ self.router) / lengths + self.router_bias, 1))


class TextClassifier:
    """Binary text classifier with the scikit-learn face the pipeline uses.

    ``predict_proba(texts)[:, 1]`` is the calibrated probability of the positive
    class; ``predict`` applies ``threshold``.
    """

    def __init__(
        self,
        *,
        c: float = 1.0,
        alpha: float = 1.0,
        folds: int = 5,
        min_df: int | None = None,
        lexicon: Mapping[str, str] | None = None,
        seed: int = 0,
    ) -> None:
        self.c = c
        self.alpha = alpha
        self.folds = folds
        self.min_df = min_df
        self.lexicon = dict(lexicon or {})
        self.seed = seed
        self.threshold = 0.5
        self.platt = (1.0, 0.0)
        self.groups: list[str] = []
        self.oof_f1: float | None = None

    # ------------------------------------------------------------------ fitting

    def fit(
        self,
        texts: Sequence[str],
        y: Sequence[int],
        sample_weight: Sequence[float] | None = None,
        groups: Sequence[str] | None = None,
    ) -> TextClassifier:
        labels = np.asarray(y, dtype=np.int64)
        weights = (
            np.ones(len(labels)) if sample_weight is None else np.asarray(sample_weight, float)
        )
        words = words_seen(prepare(t) for t in texts)
        self.featurizer = Featurizer(words=words, lexicon=self.lexicon)
        min_df = self.min_df or (2 if len(texts) >= 500 else 1)
        x = self.featurizer.fit_transform(texts, min_df=min_df)
        routes = self._group_codes(groups, labels)
        self._calibrate(x, labels, weights, routes)
        self.fitted = self._fit_one(x, labels, weights, routes)
        return self

    def _group_codes(self, groups: Sequence[str] | None, y: Array) -> Array | None:
        """Each row's group index, -1 for rows of groups too small for a block; None: no groups."""
        if groups is None:
            return None
        names = np.asarray([str(g) for g in groups])
        kept = [
            str(name)
            for name in sorted(set(names) - {""})
            if min(np.sum((names == name) & (y == 1)), np.sum((names == name) & (y == 0)))
            >= GROUP_MIN_ROWS
        ]
        if len(kept) < 2:
            return None
        self.groups = kept
        index = {name: i for i, name in enumerate(kept)}
        return np.asarray([index.get(name, -1) for name in names])

    def _fit_one(self, x: sp.csr_matrix, y: Array, weights: Array, routes: Array | None) -> _Fitted:
        from sklearn.preprocessing import normalize
        from sklearn.svm import LinearSVC

        ratios = [log_count_ratios(x, y, weights, self.alpha)]
        router: LinearSVC | None = None
        if routes is not None:
            ratios += [
                log_count_ratios(x[routes == g], y[routes == g], weights[routes == g], self.alpha)
                for g in range(len(self.groups))
            ]
            routed = routes >= 0
            router = LinearSVC(C=0.5, random_state=self.seed)
            router.fit(normalize(x[routed]), routes[routed])
        svm = LinearSVC(C=self.c, class_weight="balanced", random_state=self.seed)
        svm.fit(_design(x, ratios, routes), y, sample_weight=weights)
        blocks = svm.coef_.reshape(len(ratios), -1).T  # features × blocks
        stacked = np.column_stack(ratios)
        fitted = _Fitted(
            u=(stacked * blocks).astype(np.float32),
            q=(stacked**2).astype(np.float32),
            bias=float(svm.intercept_[0]),
        )
        if router is not None:
            coef = (
                router.coef_ if len(self.groups) > 2 else np.vstack([-router.coef_, router.coef_])
            )
            bias = (
                router.intercept_
                if len(self.groups) > 2
                else np.r_[-router.intercept_, router.intercept_]
            )
            fitted.router = coef.T.astype(np.float32)
            fitted.router_bias = bias.astype(np.float32)
        return fitted

    def _calibrate(self, x: sp.csr_matrix, y: Array, weights: Array, routes: Array | None) -> None:
        folds = min(self.folds, int(np.bincount(y, minlength=2).min()))
        if folds < 2:
            return
        scores = np.zeros(len(y))
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold

        splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=self.seed)
        for train, test in splitter.split(x, y):
            part = None if routes is None else routes[train]
            fitted = self._fit_one(x[train], y[train], weights[train], part)
            scores[test] = fitted.scores(x[test])
        platt = LogisticRegression(C=100.0)
        platt.fit(scores.reshape(-1, 1), y, sample_weight=weights)
        self.platt = (float(platt.coef_[0, 0]), float(platt.intercept_[0]))
        probabilities = self._sigmoid(scores)
        at_half = weighted_f1(y, probabilities > 0.5, weights)
        best = best_f1_threshold(y, probabilities, weights)
        at_best = weighted_f1(y, probabilities > best, weights)
        if at_best >= at_half + THRESHOLD_GAIN:
            self.threshold, self.oof_f1 = best, at_best
        else:
            self.threshold, self.oof_f1 = 0.5, at_half

    # ------------------------------------------------------------------ scoring

    def _sigmoid(self, scores: Array) -> Array:
        slope, intercept = self.platt
        return np.asarray(1.0 / (1.0 + np.exp(-(slope * scores + intercept))))

    def decision_function(self, texts: Sequence[str]) -> Array:
        return self.fitted.scores(self.featurizer.transform(texts))

    def predict_proba(self, texts: Sequence[str]) -> Array:
        positive = self._sigmoid(self.decision_function(texts))
        return np.column_stack([1.0 - positive, positive])

    def predict(self, texts: Sequence[str]) -> Array:
        return (self.predict_proba(texts)[:, 1] > self.threshold).astype(np.int64)

    def group_of(self, texts: Sequence[str]) -> list[str]:
        """The group the router picks for each text ("" without groups)."""
        routes = self.fitted.routes(self.featurizer.transform(texts))
        if routes is None:
            return ["" for _ in texts]
        return [self.groups[int(r)] for r in routes]
