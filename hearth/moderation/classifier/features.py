"""Text features for the classifier: light normalisation, character and word n-grams.

The normalisation here is deliberately small (traditional → simplified, NFKC,
lower case, whitespace collapsed) so that the classifier does not depend on
the full moderation normaliser; both may be chained later.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

import jieba
import opencc
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

_SPACES = re.compile(r"\s+")
_ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060\ufeff]")

jieba.setLogLevel(60)  # jieba prints its dictionary loading to stderr otherwise


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def normalise(text: str) -> str:
    """Traditional → simplified, full-width → half-width (NFKC), lower case, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _converter().convert(text).lower()
    return _SPACES.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """Word tokens: jieba for Chinese, runs of letters and digits for the rest."""
    return [token for token in jieba.lcut(text) if token.strip()]


def char_vectorizer(*, ngram_max: int = 4) -> TfidfVectorizer:
    return TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(1, ngram_max),
        preprocessor=normalise,
        sublinear_tf=True,
        min_df=2,
    )


def word_vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(
        analyzer="word",
        tokenizer=words,
        token_pattern=None,
        lowercase=False,
        preprocessor=normalise,
        ngram_range=(1, 2),
        sublinear_tf=True,
        min_df=2,
    )


def feature_union(*, with_words: bool = True) -> Any:
    """Character 1–4-grams, plus jieba word uni- and bigrams when ``with_words``."""
    parts: list[tuple[str, Any]] = [("chars", char_vectorizer())]
    if with_words:
        parts.append(("words", word_vectorizer()))
    return FeatureUnion(parts)


def build_pipeline(*, calibration_folds: int = 5) -> Pipeline:
    """Char 1–4-grams + jieba words, TF-IDF, a balanced linear SVM calibrated to scores 0–1."""
    svm = LinearSVC(C=0.5, class_weight="balanced")
    return Pipeline(
        [
            ("features", feature_union()),
            ("classifier", CalibratedClassifierCV(svm, cv=calibration_folds, method="sigmoid")),
        ]
    )
