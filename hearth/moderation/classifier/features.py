"""What the classifier sees of a text: one bag of binary features from five views.

Every text is first *prepared*: the moderation engine's ``fold`` (full-width →
half-width, case, traditional → simplified, look-alike letters), then the
characters used to break words apart (spaces, symbols and emoji, zero-width
characters, ``* - _ ~ / |`` …) are dropped between two Chinese characters, so
``傻 逼``, ``傻*逼`` and ``傻❤逼`` all read ``傻逼``. Sentence punctuation stays.

The views of the prepared text:

* character 1–4-grams (5-grams added nothing on COLD dev and cost 15 % of the scoring time);
* character skip-grams, pairs one and two characters apart, which survive an
  inserted or changed character (the pairs of ``text[0::2]``, ``text[1::2]`` …);
* pinyin of each character (its most common reading, no tone) in 2–3-grams
  (single syllables only repeat the characters), so a homophone
  (``尼玛`` / ``你妈``) shares features with the word it stands for;
* words, by forward maximum matching against jieba's dictionary (only the
  words seen in training), and runs of Latin letters and digits, with word
  bigrams;
* categories of watched words found in the condensed text, when the model is
  trained with a lexicon.

Training counts the n-grams in Python; the kept vocabulary is then compiled
into one Aho-Corasick automaton per view, so scoring a text finds its features
in C (a dictionary look-up per n-gram costs more than the model itself).
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import operator
import pickle
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ahocorasick
import numpy as np
import scipy.sparse as sp

from hearth.moderation.text.normalise import fold, normalise

_EXTRA_SEPARATORS = "*-_~/\\|^`'\"·•+=#"
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}])\x00+(?=[{_CJK}])")
_MARKS = re.compile("\x00+")
_NOT_ALNUM = re.compile(r"[\W_]+")
_LATIN_WORD = re.compile(r"[a-z0-9]+")
_SYLLABLE_BASE = 0xF0000  # supplementary private use area: one code point per pinyin syllable
_NOT_SYLLABLE = re.compile("[^\U000f0000-\U000f0fff]+")
_second = operator.itemgetter(1)
FORMAT = 2  # of a pickled Featurizer; an artefact of another format must be retrained
GAP = "\x00"  # joins the sub-sequences of the skip views; no n-gram spans it


@functools.cache
def _separator_table() -> dict[int, str]:
    """Characters that separate words without meaning, mapped to a marker."""
    table = {ord(ch): "\x00" for ch in _EXTRA_SEPARATORS}
    for cp in range(0x30000):
        if 0xD800 <= cp < 0xE000:
            continue
        category = unicodedata.category(chr(cp))
        if category[0] in "SZ" or category in ("Cf", "Cc"):
            table[cp] = "\x00"
    return table


def prepare(text: str) -> str:
    """Fold, drop separators between Chinese characters, turn the other separators into spaces."""
    marked = fold(text).translate(_separator_table())
    return " ".join(_MARKS.sub(" ", _BETWEEN_CJK.sub("", marked)).split())


def pinyin_table() -> dict[int, str]:
    """Character → one private-use code point for its most common toneless pinyin syllable."""
    from pypinyin import Style, pinyin_dict
    from pypinyin.style import convert

    readings = {
        cp: convert(value.split(",")[0], Style.NORMAL, strict=False)
        for cp, value in pinyin_dict.pinyin_dict.items()
    }
    codes = {s: chr(_SYLLABLE_BASE + i) for i, s in enumerate(sorted(set(readings.values())))}
    return {cp: codes[syllable] for cp, syllable in readings.items() if syllable}


def jieba_words() -> Iterable[str]:
    """The words of two or more characters in jieba's dictionary (read as a file, not imported)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:  # pragma: no cover - jieba is a dependency
        return
    with (Path(spec.origin).parent / "dict.txt").open(encoding="utf-8") as handle:
        for line in handle:
            word = line.split(" ", 1)[0]
            if len(word) >= 2:
                yield word


def automaton(pairs: Iterable[tuple[str, Any]]) -> Any:
    built = ahocorasick.Automaton()
    for key, value in pairs:
        built.add_word(key, value)
    if len(built):
        built.make_automaton()
    return built


@functools.lru_cache(maxsize=1)
def _dictionary() -> Any:
    """jieba's dictionary as one automaton (about 2 s to build; kept for the next training)."""
    return automaton((word, word) for word in jieba_words())


def words_seen(texts: Iterable[str], dictionary: Any = None) -> list[str]:
    """The dictionary words that occur in ``texts`` (prepared): the model's segmentation lexicon.

    ``dictionary`` is an automaton whose values are the words (default: jieba's).
    """
    full = _dictionary() if dictionary is None else dictionary
    if not len(full):
        return []
    seen: set[str] = set()
    for text in texts:
        seen.update(map(_second, full.iter(text)))
    return sorted(word for word in seen if not word.isascii())  # Latin words come by regex


def lexicon_terms(terms: Mapping[str, str]) -> dict[str, str]:
    """Watched words → category, keyed by their normalised (condensed) form; 1-letter ones dropped."""
    result: dict[str, str] = {}
    for term, category in terms.items():
        key = normalise(term).text
        if len(key) >= 2:
            result.setdefault(key, category)
    return result


def ngrams(text: str, low: int, high: int) -> list[str]:
    length = len(text)
    grams = [text[i : i + n] for n in range(low, high + 1) for i in range(length - n + 1)]
    return [g for g in grams if GAP not in g] if GAP in text else grams


@dataclass(frozen=True)
class ViewSpec:
    name: str
    low: int
    high: int


VIEWS = (ViewSpec("chars", 1, 4), ViewSpec("skip1", 2, 2), ViewSpec("skip2", 2, 2))
PINYIN_VIEW = ViewSpec("pinyin", 2, 3)


class Featurizer:
    """Texts → sparse 0/1 rows over the kept vocabulary of every view (picklable)."""

    def __init__(self, *, words: Sequence[str], lexicon: Mapping[str, str] | None = None) -> None:
        self.pinyin = pinyin_table()
        # value: (feature index or -1, length); indices are known after fitting
        self.segmenter = automaton((word, (-1, len(word))) for word in words)
        self.lexicon_terms = dict(lexicon or {})
        self.size = 0
        self.names: list[str] = []  # feature index → readable name (for inspection)

    # ----------------------------------------------------------------- the views

    def view_strings(self, prepared: str) -> dict[str, str]:
        compact = prepared.replace(" ", "")
        return {
            "chars": prepared,
            "skip1": GAP.join((compact[0::2], compact[1::2])),
            "skip2": GAP.join((compact[0::3], compact[1::3], compact[2::3])),
            "pinyin": _NOT_SYLLABLE.sub(GAP, prepared.translate(self.pinyin)),
        }

    def words(self, prepared: str) -> list[str]:
        """Dictionary words (longest match first) and runs of Latin letters and digits, in order."""
        found = [
            (end, prepared[end - length + 1 : end + 1])
            for end, (_index, length) in self._segments(prepared)
        ]
        if _LATIN_WORD.search(prepared):
            found += [(m.end() - 1, m.group()) for m in _LATIN_WORD.finditer(prepared)]
            found.sort()
        return list(map(_second, found))

    def _segments(self, prepared: str) -> list[tuple[int, tuple[int, int]]]:
        return list(self.segmenter.iter_long(prepared)) if len(self.segmenter) else []

    def word_indices(self, prepared: str) -> list[int]:
        """``words`` as feature indices (-1: a word the model did not keep), found without strings."""
        found = self._segments(prepared)
        if not _LATIN_WORD.search(prepared):
            return [index for _end, (index, _length) in found]
        lookup = self.word_index.get
        found += [(m.end() - 1, (lookup(m.group(), -1), 0)) for m in _LATIN_WORD.finditer(prepared)]
        found.sort()
        return [index for _end, (index, _length) in found]

    def tokens(self, text: str) -> set[str]:
        """Every feature of ``text`` as a string (training only: slow but simple)."""
        prepared = prepare(text)
        strings = self.view_strings(prepared)
        found: set[str] = set()
        for spec in (*VIEWS, PINYIN_VIEW):
            found.update(
                f"{spec.name}:{g}" for g in ngrams(strings[spec.name], spec.low, spec.high)
            )
        words = self.words(prepared)
        found.update(f"word:{w}" for w in words)
        found.update(f"bigram:{a} {b}" for a, b in itertools.pairwise(words))
        found.update(f"lex:{c}" for c in self._lexicon_hits(prepared, self._lexicon_raw()))
        return found

    def _lexicon_raw(self) -> Any:
        if not hasattr(self, "_raw_lexicon"):
            self._raw_lexicon = automaton(self.lexicon_terms.items())
        return self._raw_lexicon

    @staticmethod
    def _lexicon_hits(prepared: str, lexicon: Any) -> set[Any]:
        if not len(lexicon):
            return set()
        return {value for _end, value in lexicon.iter(_NOT_ALNUM.sub("", prepared))}

    # ----------------------------------------------------------------- fit / transform

    def fit_transform(self, texts: Sequence[str], *, min_df: int) -> sp.csr_matrix:
        documents = [self.tokens(text) for text in texts]
        counts = Counter(token for document in documents for token in document)
        self.names = sorted(token for token, count in counts.items() if count >= min_df)
        self.size = len(self.names)
        self._compile({name: index for index, name in enumerate(self.names)})
        del self._raw_lexicon
        return self.transform(texts)

    def __getstate__(self) -> dict[str, Any]:
        """The automata go as one bytes blob (fast to load, also through joblib); names stay out."""
        state = dict(self.__dict__)
        state["format"] = FORMAT
        automata = (state.pop("views"), state.pop("segmenter"), state.pop("lexicon"))
        state["automata"] = pickle.dumps(automata, protocol=5)
        state.pop("names", None)
        state.pop("_raw_lexicon", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        if state.get("format") != FORMAT:
            raise ValueError(
                "this classifier was trained by an older Hearth: retrain it (hearth moderation train)"
            )
        automata = state.pop("automata")
        self.__dict__.update(state)
        self.views, self.segmenter, self.lexicon = pickle.loads(automata)  # noqa: S301 - our own file
        self.names = []

    def _compile(self, index: Mapping[str, int]) -> None:
        def kept(prefix: str) -> Iterable[tuple[str, int]]:
            cut = len(prefix) + 1
            return ((name[cut:], i) for name, i in index.items() if name.startswith(prefix + ":"))

        self.views = {spec.name: automaton(kept(spec.name)) for spec in (*VIEWS, PINYIN_VIEW)}
        self.word_index = dict(kept("word"))
        self.bigram_index = dict(kept("bigram"))
        self.segmenter = automaton(
            (word, (self.word_index.get(word, -1), len(word)))
            for word, _unknown in self.segmenter.items()
        )
        # a kept bigram's words are kept too (a pair is in no more texts than either word)
        self.bigram_pairs = {
            self._pair(*map(self.word_index.__getitem__, pair.split(" ", 1))): index
            for pair, index in self.bigram_index.items()
        }
        categories = dict(kept("lex"))
        self.lexicon = automaton(
            (term, categories[category])
            for term, category in self.lexicon_terms.items()
            if category in categories
        )

    def _pair(self, first: int, second: int) -> int:
        return first * self.size + second

    def transform(self, texts: Iterable[str]) -> sp.csr_matrix:
        """Binary rows, one per text. Each automaton scans every text in turn (it stays in cache)."""
        prepared = [prepare(text) for text in texts]
        strings = [self.view_strings(p) for p in prepared]
        parts: list[list[list[int]]] = []
        for name, view in self.views.items():
            if len(view):
                scan = view.iter
                parts.append([list(set(map(_second, scan(s[name])))) for s in strings])
        parts.append([self._word_features(p) for p in prepared])
        if len(self.lexicon):
            parts.append([list(self._lexicon_hits(p, self.lexicon)) for p in prepared])
        rows = [list(itertools.chain.from_iterable(row)) for row in zip(*parts, strict=True)]
        pointers = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum([len(row) for row in rows], out=pointers[1:])
        columns = np.fromiter(
            itertools.chain.from_iterable(rows), dtype=np.int32, count=int(pointers[-1])
        )
        data = np.ones(len(columns), dtype=np.float32)
        return sp.csr_matrix((data, columns, pointers), shape=(len(rows), self.size))

    def _word_features(self, prepared: str) -> list[int]:
        words = self.word_indices(prepared)
        found = {index for index in words if index >= 0}
        if len(words) > 1:
            lookup = self.bigram_pairs.get
            pairs = (
                lookup(self._pair(a, b)) for a, b in itertools.pairwise(words) if a >= 0 and b >= 0
            )
            found.update(index for index in pairs if index is not None)
        return list(found)


def build_pipeline(**options: Any) -> Any:
    """A new, unfitted :class:`~hearth.moderation.classifier.estimator.TextClassifier`.

    Kept for ``bench/moderation.py``: ``fit(texts, y)`` then ``predict_proba(texts)``.
    """
    from hearth.moderation.classifier.estimator import TextClassifier

    return TextClassifier(**options)
