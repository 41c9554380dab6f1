"""Figures for the moderation classifier, printed as one JSON object.

Run from the repository root::

    .venv/bin/python bench/classifier.py [--data ../shared/data]

* COLD (Chinese offensive language): trains Hearth's pipeline on ``train.csv``
  and reports precision, recall and F1 of "offensive" (label 1) on ``dev.csv``;
  in the same run, the plain baseline (TF-IDF of raw character 1–4-grams and a
  linear SVM, no normalisation, no words) on the same split.
* SMS spam (``sms.tsv``, ``label<TAB>text``): 5-fold stratified
  cross-validated spam F1 of Hearth's pipeline.
* Generalisation: both COLD-trained models, unchanged, on SWSR (Weibo sexism
  comments, ``SexComment.csv``, label 1 = sexist), a platform and labelling
  they have never seen; only a rough proxy, as sexism ≠ offensive.

No database is used and nothing is written; the data are read in place.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.metrics import precision_recall_fscore_support  # noqa: E402
from sklearn.model_selection import StratifiedKFold, cross_val_score  # noqa: E402
from sklearn.pipeline import Pipeline, make_pipeline  # noqa: E402
from sklearn.svm import LinearSVC  # noqa: E402

from hearth.moderation.classifier.features import build_pipeline  # noqa: E402

SEED = 20261201


def read_cold(path: Path) -> tuple[list[str], list[int]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [row["TEXT"] for row in rows], [int(row["label"]) for row in rows]


def read_swsr(path: Path) -> tuple[list[str], list[int]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [row["comment_text"] for row in rows], [int(row["label"]) for row in rows]


def read_sms(path: Path) -> tuple[list[str], list[int]]:
    texts, labels = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        label, _tab, text = line.partition("\t")
        texts.append(text)
        labels.append(1 if label == "spam" else 0)
    return texts, labels


def baseline() -> Pipeline:
    return make_pipeline(
        TfidfVectorizer(analyzer="char", ngram_range=(1, 4), sublinear_tf=True), LinearSVC()
    )


def fit_and_measure(pipeline: Pipeline, train: Any, dev: Any) -> dict[str, float]:
    started = time.perf_counter()
    pipeline.fit(*train)
    return {**measure(pipeline, dev), "train_s": round(time.perf_counter() - started, 1)}


def measure(pipeline: Pipeline, dev: Any) -> dict[str, float]:
    precision, recall, f1, _support = precision_recall_fscore_support(
        dev[1], pipeline.predict(dev[0]), average="binary"
    )
    return {
        "precision": round(float(precision), 4),
        "recall": round(float(recall), 4),
        "f1": round(float(f1), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    cold = args.data / "moderation" / "zh_COLD"
    train, dev = read_cold(cold / "train.csv"), read_cold(cold / "dev.csv")
    swsr = read_swsr(args.data / "moderation" / "zh_SWSR_weibo_sexism" / "SexComment.csv")
    sms = read_sms(args.data / "moderation" / "en_sms_spam" / "sms.tsv")
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    started = time.perf_counter()
    sms_f1 = cross_val_score(build_pipeline(), *sms, cv=folds, scoring="f1")
    sms_seconds = time.perf_counter() - started
    hearth, plain = build_pipeline(), baseline()
    result = {
        "cold_offensive": fit_and_measure(hearth, train, dev),
        "cold_offensive_baseline": fit_and_measure(plain, train, dev),
        "swsr_unseen": measure(hearth, swsr),
        "swsr_unseen_baseline": measure(plain, swsr),
        "cold_sizes": {"train": len(train[0]), "dev": len(dev[0])},
        "sms_spam_cv5_f1": round(float(sms_f1.mean()), 4),
        "sms_spam_cv5_f1_folds": [round(float(f), 4) for f in sms_f1],
        "sms_cv_s": round(sms_seconds, 1),
        "total_s": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
