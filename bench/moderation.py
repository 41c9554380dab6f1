"""Benchmark: the moderation text engine against a naive regex alternation.

Run from the repository root::

    .venv/bin/python bench/moderation.py [--terms 20000] [--posts 20000] [--baseline-posts 5000]

Loads ``--terms`` deterministic terms (seeded sample) from the houbb
Chinese dictionary in ``$HEARTH_SHARED_DATA/lexicons`` (65k terms), compiles
them into a ``Lexicon``, and takes ``--posts`` posts from the COLD texts
(train + dev, repeated if needed). The full engine per post is
normalisation + watched-word scan + every detector, in one process. In the
same run the baseline is a naive ``re`` alternation of the same terms
(escaped) searched over the raw text, on the first ``--baseline-posts``
posts (it is slow). Prints one JSON object on stdout and nothing else.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import sys
import time
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


def build_lexicon(terms: list[str]) -> Any:
    from hearth.moderation.text.lexicon import Entry, Lexicon

    return Lexicon.compile(Entry(t, "custom", "flag", 2) for t in terms)


def run_engine(lexicon: Any, posts: list[str]) -> tuple[float, int, int]:
    """Seconds for the full engine over ``posts``, word hits, detector signals."""
    from hearth.moderation.text.detectors import detect

    hits = signals = 0
    started = time.perf_counter()
    for post in posts:
        norm = lexicon.normalise(post)
        hits += len(lexicon.scan(post, norm=norm))
        signals += len(detect(post, folded=norm.folded))
    return time.perf_counter() - started, hits, signals


def run_baseline(terms: list[str], posts: list[str]) -> tuple[float, float, int]:
    """Compile seconds, scan seconds and hits for one big ``re`` alternation."""
    started = time.perf_counter()
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))
    compiled = time.perf_counter()
    hits = sum(len(pattern.findall(post)) for post in posts)
    return compiled - started, time.perf_counter() - compiled, hits


def measure(data: Path, *, terms: int, posts: int, baseline_posts: int) -> dict[str, Any]:
    from hearth.moderation.text.normalise import fold_table

    started = time.perf_counter()
    fold_table()  # built once per process, on first use
    fold_table_s = time.perf_counter() - started
    words = load_terms(data, terms)
    texts = load_posts(data, posts)
    started = time.perf_counter()
    lexicon = build_lexicon(words)
    compile_s = time.perf_counter() - started
    engine_s, hits, signals = run_engine(lexicon, texts)
    sample = texts[: min(baseline_posts, len(texts))]
    baseline_compile_s, baseline_s, baseline_hits = run_baseline(words, sample)
    return {
        "posts_per_s": round(len(texts) / engine_s, 1),
        "baseline_posts_per_s": round(len(sample) / baseline_s, 1) if sample else None,
        "lexicon_terms": len(words),
        "avg_chars": round(sum(map(len, texts)) / len(texts), 1),
        "posts": len(texts),
        "baseline_posts": len(sample),
        "engine_seconds": round(engine_s, 3),
        "lexicon_compile_seconds": round(compile_s, 3),
        "fold_table_seconds": round(fold_table_s, 3),
        "baseline_compile_seconds": round(baseline_compile_s, 3),
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
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
    import django

    django.setup()
    from django.conf import settings

    data = Path(settings.HEARTH_SHARED_DATA)
    result = measure(data, terms=args.terms, posts=args.posts, baseline_posts=args.baseline_posts)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
