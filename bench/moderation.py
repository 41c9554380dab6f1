"""Benchmark: the full moderation pipeline against a naive regex alternation.

Run from the repository root::

    .venv/bin/python bench/moderation.py [--terms 20000] [--posts 20000] [--baseline-posts 5000]
        [--classifier PATH | --train-classifier ROWS | --rules-only] [--repeat 3]

Loads ``--terms`` deterministic terms (seeded sample) from the houbb
Chinese dictionary in ``$HEARTH_SHARED_DATA/lexicons`` (65k terms), gives
each a seeded action (70% flag, 10% hold, 10% replace, 10% block) and
compiles them with the default variants into the pipeline's configuration,
and takes ``--posts`` posts from the COLD texts (train + dev, repeated if
needed).

The full pipeline per post, on one core, is what ``evaluate`` runs minus
the database reads: normalisation, the watched-word scan, every detector,
the SimHash fingerprint, and the combination of the signals under the
site-wide policy into a decision with its reasons and the censored text.
The near-duplicate lookup is a database query (an indexed band lookup) and
is not part of the figure; nothing is written.

The classifier scores every post too: by default it is fitted on COLD train
(``--train-classifier ROWS``: on its first ROWS rows) before timing and
loaded back from its pickle as the pipeline loads an artefact;
``--classifier PATH`` takes a joblib artefact that ``hearth moderation
train`` wrote under ``HEARTH_VAR_DIR/models/``; ``--rules-only`` leaves it
out. It scores the posts in one batch, as bulk screening does (``hearth
moderation score``), and its time is added to the rules':
``posts_per_s`` is the whole pipeline, ``rules_posts_per_s`` the rules
alone; ``classifier_ms_per_single_call`` is its cost when a web request
scores one text. Each timed part runs ``--repeat`` times and the best run
counts, the baseline's too.

In the same run the baseline is a naive ``re`` alternation of the same
terms (escaped) searched over the raw text, on the first
``--baseline-posts`` posts (it is slow). Prints one JSON object on stdout
and nothing else.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import pickle
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = 20261201
HOUBB = Path("lexicons") / "zh_houbb_sensitive-word_dict" / "dict_v20240407.txt"
COLD = Path("moderation") / "zh_COLD"


def load_terms(data: Path, count: int) -> list[str]:
    """``count`` distinct, valid houbb terms, the same ones on every run."""
    from hearth.moderation.text.lexicon import Entry, validate
    from hearth.moderation.text.normalise import normalise

    lines = (data / HOUBB).read_text(encoding="utf-8").splitlines()
    seen: set[str] = set()
    terms: list[str] = []
    for line in sorted({line.strip() for line in lines if line.strip()}):
        key = normalise(line).text
        if key in seen or validate(Entry(line, "custom", "flag", 2), 1)[0] is None:
            continue
        seen.add(key)
        terms.append(line)
    if len(terms) < count:
        raise SystemExit(f"only {len(terms)} usable terms in {HOUBB}")
    return sorted(random.Random(SEED).sample(terms, count))


def load_posts(data: Path, count: int) -> list[str]:
    texts: list[str] = []
    for split in ("train", "dev"):
        with (data / COLD / f"{split}.csv").open(encoding="utf-8-sig", newline="") as handle:
            texts.extend(row["TEXT"] for row in csv.DictReader(handle) if row["TEXT"])
    return [texts[i % len(texts)] for i in range(count)]


ACTIONS = ["flag"] * 7 + ["hold", "replace", "block"]


def build_compiled(terms: list[str]) -> Any:
    """The pipeline's configuration: the terms with seeded actions, the default variants."""
    from hearth.moderation.defaults import DEFAULT_VARIANTS
    from hearth.moderation.pipeline import Compiled, Policy
    from hearth.moderation.text.lexicon import Entry, Lexicon

    rng = random.Random(SEED)
    entries = [Entry(t, "custom", rng.choice(ACTIONS), 2) for t in terms]
    lexicon = Lexicon.compile(entries, variants=dict(DEFAULT_VARIANTS))
    return Compiled(token="bench", lexicon=lexicon, policies=(Policy(),))


def run_engine(compiled: Any, posts: list[str]) -> tuple[float, int, int]:
    """Seconds for the text engine alone (normalise, scan, detect), word hits, detector signals."""
    from hearth.moderation.text.detectors import detect

    lexicon = compiled.lexicon
    hits = signals = 0
    started = time.perf_counter()
    for post in posts:
        norm = lexicon.normalise(post)
        hits += len(lexicon.scan(post, norm=norm))
        signals += len(detect(post, folded=norm.folded))
    return time.perf_counter() - started, hits, signals


def run_pipeline(
    compiled: Any, posts: list[str], scores: list[dict[str, float]]
) -> tuple[float, Counter[str]]:
    """Seconds for the full pipeline without database reads, and the decisions taken."""
    from hearth.moderation.pipeline import Context, analyse, combine

    policy = compiled.policies[0]
    decisions: Counter[str] = Counter()
    started = time.perf_counter()
    for post, post_scores in zip(posts, scores, strict=True):
        analysis = analyse(compiled, post, kind="reply", board_id=None)
        context = Context(policy=policy, scores=post_scores)
        decisions[combine(analysis, context, compiled, post).decision] += 1
    return time.perf_counter() - started, decisions


def load_classifier(data: Path, path: Path | None, rows: int) -> tuple[Any, str]:
    """A fitted classifier pipeline (from an artefact, or trained here, untimed), or None."""
    if path is not None:
        import joblib

        return joblib.load(path), path.name
    if rows <= 0:
        return None, ""
    from hearth.moderation.classifier.features import build_pipeline

    with (data / COLD / "train.csv").open(encoding="utf-8-sig", newline="") as handle:
        train = [r for r in csv.DictReader(handle) if r["TEXT"]][:rows]
    pipeline = build_pipeline()
    pipeline.fit([r["TEXT"] for r in train], [int(r["label"]) for r in train])
    # scored as the pipeline scores it: loaded from its artefact, not fresh from fitting
    loaded = pickle.loads(pickle.dumps(pipeline, protocol=5))
    return loaded, f"trained here on {len(train)} COLD train rows, loaded as an artefact"


def run_classifier(pipeline: Any, posts: list[str]) -> tuple[float, list[dict[str, float]]]:
    """Seconds to score every post in one batch, and the scores (as ``evaluate`` keeps them)."""
    if pipeline is None:
        return 0.0, [{} for _ in posts]
    started = time.perf_counter()
    probabilities = pipeline.predict_proba(posts)[:, 1]
    elapsed = time.perf_counter() - started
    return elapsed, [{"offensive": round(float(p), 4)} for p in probabilities]


def run_single(pipeline: Any, posts: list[str]) -> float | None:
    """Milliseconds per text when the classifier scores one text per call (as a web request does)."""
    if pipeline is None:
        return None
    started = time.perf_counter()
    for post in posts:
        pipeline.predict_proba([post])
    return round((time.perf_counter() - started) * 1000 / len(posts), 3)


def run_baseline(terms: list[str], posts: list[str]) -> tuple[float, float, int]:
    """Compile seconds, scan seconds and hits for one big ``re`` alternation."""
    started = time.perf_counter()
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))
    compiled = time.perf_counter()
    hits = sum(len(pattern.findall(post)) for post in posts)
    return compiled - started, time.perf_counter() - compiled, hits


def _rate(count: int, seconds: float) -> float | None:
    return round(count / seconds, 1) if seconds > 0 else None


def measure(
    data: Path,
    *,
    terms: int,
    posts: int,
    baseline_posts: int,
    classifier: Path | None = None,
    train_rows: int = 0,
    repeat: int = 3,
) -> dict[str, Any]:
    from hearth.moderation.text.normalise import fold_table

    started = time.perf_counter()
    fold_table()  # built once per process, on first use
    fold_table_s = time.perf_counter() - started
    words = load_terms(data, terms)
    texts = load_posts(data, posts)
    started = time.perf_counter()
    compiled = build_compiled(words)
    compile_s = time.perf_counter() - started
    model, model_name = load_classifier(data, classifier, train_rows)
    # every timed part runs ``repeat`` times and its best time counts (as timeit does):
    # the others on a shared machine only ever add time
    runs = [run_classifier(model, texts) for _ in range(repeat)]
    classifier_s, scores = min(r[0] for r in runs), runs[0][1]
    pipelines = [run_pipeline(compiled, texts, scores) for _ in range(repeat)]
    pipeline_s, decisions = min(r[0] for r in pipelines), pipelines[0][1]
    engines = [run_engine(compiled, texts) for _ in range(repeat)]
    engine_s, hits, signals = min(r[0] for r in engines), engines[0][1], engines[0][2]
    single_ms = min((run_single(model, texts[:1000]) or 0.0) for _ in range(repeat))
    sample = texts[: min(baseline_posts, len(texts))]
    baselines = [run_baseline(words, sample) for _ in range(repeat)]
    baseline_compile_s = baselines[0][0]  # later runs hit re's cache of compiled patterns
    baseline_s, baseline_hits = min(r[1] for r in baselines), baselines[0][2]
    return {
        "posts_per_s": _rate(len(texts), pipeline_s + classifier_s),
        "baseline_posts_per_s": _rate(len(sample), baseline_s),
        "lexicon_terms": len(words),
        "avg_chars": round(sum(map(len, texts)) / len(texts), 1),
        "rules_posts_per_s": _rate(len(texts), pipeline_s),
        "engine_posts_per_s": _rate(len(texts), engine_s),
        "classifier_posts_per_s": _rate(len(texts), classifier_s),
        "classifier": model_name or "none (rules only)",
        "classifier_ms_per_single_call": single_ms if model is not None else None,
        "posts": len(texts),
        "baseline_posts": len(sample),
        "repeat": repeat,
        "pipeline_seconds": round(pipeline_s, 3),
        "classifier_seconds": round(classifier_s, 3),
        "engine_seconds": round(engine_s, 3),
        "lexicon_compile_seconds": round(compile_s, 3),
        "fold_table_seconds": round(fold_table_s, 3),
        "baseline_compile_seconds": round(baseline_compile_s, 3),
        "decisions": dict(sorted(decisions.items())),
        "word_hits": hits,
        "detector_signals": signals,
        "baseline_hits_on_its_posts": baseline_hits,
        "source": "houbb/sensitive-word dict_v20240407 (Apache-2.0); COLD thu-coai (Apache-2.0)",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--terms", type=int, default=20_000)
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--baseline-posts", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3, help="Runs per timed part; best counts.")
    model = parser.add_mutually_exclusive_group()
    model.add_argument("--classifier", type=Path, help="A trained pipeline's joblib artefact.")
    model.add_argument("--train-classifier", type=int, default=30_000, metavar="ROWS")
    model.add_argument("--rules-only", action="store_true", help="No classifier: the rules alone.")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
    import django

    django.setup()
    from django.conf import settings

    data = Path(settings.HEARTH_SHARED_DATA)
    result = measure(
        data,
        terms=args.terms,
        posts=args.posts,
        baseline_posts=args.baseline_posts,
        classifier=args.classifier,
        train_rows=0 if args.rules_only else args.train_classifier,
        repeat=max(1, args.repeat),
    )
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
