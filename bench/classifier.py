"""Figures for the moderation classifier, printed as one JSON object.

Run from the repository root::

    .venv/bin/python bench/classifier.py [--data ../shared/data] [--lexicon]

* COLD (Chinese offensive language, thu-coai, Apache-2.0): Hearth's model is
  trained on ``train.csv`` (with its ``topic`` column as groups, as
  ``hearth moderation train --group-column topic`` does) and measured on
  ``dev.csv``: precision, recall and F1 of "offensive" (label 1), training
  seconds and scoring milliseconds per text (one batch). In the same run: the
  same model without groups, and the plain baseline (TF-IDF of raw character
  1–4-grams and a linear SVM, no normalisation, no words) on the same split.
  Nothing is tuned on dev: the decision threshold comes from out-of-fold
  scores on the training rows.
* SMS spam (UCI, CC BY 4.0, ``label<TAB>text``): 5-fold stratified
  cross-validated spam F1 of Hearth's model.
* Unseen platforms, models unchanged: the COLD models on SWSR (Weibo sexism
  comments, ``SexComment.csv``, label 1 = sexist; MIT), the only other
  labelled Chinese set in ``moderation/``; sexism is not the same label as
  offensive, so this is a proxy. The SMS model on the YouTube spam comments
  (UCI, CC BY 4.0), another platform's spam.
* ``--lexicon``: also trains the COLD model with watched-word categories as
  features, from the shared lexicons a community would import (LDNOOBW zh
  and konsheng 色情词库 as vulgar, fwwdn 广告 as advertising; never SWSR's
  own SexHateLex).

No database is used and nothing is written; the data are read in place.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")

import django  # noqa: E402

django.setup()

from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.metrics import precision_recall_fscore_support  # noqa: E402
from sklearn.model_selection import StratifiedKFold  # noqa: E402
from sklearn.pipeline import Pipeline, make_pipeline  # noqa: E402
from sklearn.svm import LinearSVC  # noqa: E402

from hearth.moderation.classifier.estimator import TextClassifier  # noqa: E402
from hearth.moderation.classifier.features import lexicon_terms  # noqa: E402

SEED = 20261201
Rows = tuple[list[str], list[int]]


def read_csv(path: Path, text: str, label: str, extra: str = "") -> tuple[Rows, list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r[text]]
    groups = [r[extra] for r in rows] if extra else []
    return ([r[text] for r in rows], [int(r[label]) for r in rows]), groups


def read_sms(path: Path) -> Rows:
    texts, labels = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        label, _tab, text = line.partition("\t")
        texts.append(text)
        labels.append(1 if label == "spam" else 0)
    return texts, labels


def read_youtube(folder: Path) -> Rows:
    texts: list[str] = []
    labels: list[int] = []
    for path in sorted(folder.glob("Youtube*.csv")):
        (part_texts, part_labels), _groups = read_csv(path, "CONTENT", "CLASS")
        texts += part_texts
        labels += part_labels
    return texts, labels


def read_lexicon(data: Path) -> dict[str, str]:
    lexicons = data / "lexicons"
    files = {
        lexicons / "multi_LDNOOBW" / "zh": "vulgar",
        lexicons / "zh_konsheng_Sensitive-lexicon" / "色情词库.txt": "vulgar",
        lexicons / "zh_fwwdn_sensitive-stop-words" / "广告.txt": "advertising",
    }
    terms: dict[str, str] = {}
    for path, category in files.items():
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.strip():
                terms.setdefault(line.strip(), category)
    return lexicon_terms(terms)


def baseline() -> Pipeline:
    return make_pipeline(
        TfidfVectorizer(analyzer="char", ngram_range=(1, 4), sublinear_tf=True), LinearSVC()
    )


def prf(y: list[int], predicted: Any) -> dict[str, float]:
    precision, recall, f1, _support = precision_recall_fscore_support(
        y, predicted, average="binary", zero_division=0
    )
    return {
        "precision": round(float(precision), 4),
        "recall": round(float(recall), 4),
        "f1": round(float(f1), 4),
    }


def fit_and_measure(model: Any, train: Rows, dev: Rows, **fit: Any) -> dict[str, Any]:
    started = time.perf_counter()
    model.fit(*train, **fit)
    train_s = time.perf_counter() - started
    model.predict(dev[0][:50])  # warm-up (first-use tables)
    started = time.perf_counter()
    predicted = model.predict(dev[0])
    per_text = (time.perf_counter() - started) / len(dev[0]) * 1000
    return {
        **prf(dev[1], predicted),
        "train_s": round(train_s, 1),
        "score_ms_per_text": round(per_text, 3),
    }


def cross_validated_f1(rows: Rows) -> list[float]:
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    scores = []
    for train, test in folds.split(rows[0], rows[1]):
        model = TextClassifier(seed=SEED)
        model.fit([rows[0][i] for i in train], [rows[1][i] for i in train])
        scores.append(prf([rows[1][i] for i in test], model.predict([rows[0][i] for i in test])))
    return [s["f1"] for s in scores]


def cold_figures(data: Path, with_lexicon: bool) -> dict[str, Any]:
    cold = data / "moderation" / "zh_COLD"
    train, topics = read_csv(cold / "train.csv", "TEXT", "label", "topic")
    dev, _groups = read_csv(cold / "dev.csv", "TEXT", "label")
    swsr, _groups = read_csv(
        data / "moderation" / "zh_SWSR_weibo_sexism" / "SexComment.csv", "comment_text", "label"
    )
    models: dict[str, tuple[Any, dict[str, Any]]] = {
        "hearth": (TextClassifier(seed=SEED), {"groups": topics}),
        "hearth_no_groups": (TextClassifier(seed=SEED), {}),
        "baseline": (baseline(), {}),
    }
    if with_lexicon:
        lexicon = read_lexicon(data)
        models["hearth_lexicon"] = (TextClassifier(seed=SEED, lexicon=lexicon), {"groups": topics})
    result: dict[str, Any] = {"cold_sizes": {"train": len(train[0]), "dev": len(dev[0])}}
    for name, (model, fit) in models.items():
        result[f"cold_offensive_{name}"] = fit_and_measure(model, train, dev, **fit)
        result[f"swsr_unseen_{name}"] = prf(swsr[1], model.predict(swsr[0]))
    return result


def spam_figures(data: Path) -> dict[str, Any]:
    sms = read_sms(data / "moderation" / "en_sms_spam" / "sms.tsv")
    started = time.perf_counter()
    folds = cross_validated_f1(sms)
    cv_s = time.perf_counter() - started
    model = TextClassifier(seed=SEED).fit(*sms)
    youtube = read_youtube(data / "moderation" / "en_youtube_spam")
    return {
        "sms_spam_cv5_f1": round(sum(folds) / len(folds), 4),
        "sms_spam_cv5_f1_folds": folds,
        "sms_cv_s": round(cv_s, 1),
        "youtube_spam_unseen_from_sms": prf(youtube[1], model.predict(youtube[0])),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--lexicon", action="store_true", help="Also train with a lexicon.")
    args = parser.parse_args()
    started = time.perf_counter()
    result = {**cold_figures(args.data, args.lexicon), **spam_figures(args.data)}
    result["total_s"] = round(time.perf_counter() - started, 1)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
