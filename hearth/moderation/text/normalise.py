"""Text normalisation for matching, with a map back to the original offsets.

Two stages:

1. *Folding*, one character for one character (so offsets are unchanged):
   NFKC (full-width → half-width, ① → 1), lower case, traditional →
   simplified (OpenCC ``t2s``, character by character) and look-alike
   Cyrillic/Greek letters → Latin. The folded text keeps the length of the
   original; detectors run on it.
2. *Condensing*: every character that is not a letter or a digit (spaces,
   punctuation, symbols, emoji, zero-width and other format characters) is
   dropped, so ``微 信``, ``微-信``, ``微❤信`` and ``微\u200b信`` all become
   ``微信``. Optional caller-supplied variants (``weixin``/``vx`` → ``微信``)
   are then rewritten to their canonical form.

Every character of the normalised text remembers the span of the original
text it came from, so a hit can be mapped back and censored.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Look-alike letters that NFKC leaves alone (Cyrillic and Greek → Latin).
HOMOGLYPHS: dict[str, str] = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
    "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j",
    "ѕ": "s", "ԁ": "d", "ɡ": "g", "ո": "n", "ν": "v", "α": "a", "β": "b", "ε": "e",
    "ι": "i", "κ": "k", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w",
    "η": "n", "μ": "u", "ѵ": "v", "ԛ": "q", "ԝ": "w", "ɑ": "a", "ı": "i",
}  # fmt: skip

_CJK_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x2A6E0))
_TABLE_LIMIT = 0x30000


def _t2s_table() -> dict[int, str]:
    """Traditional → simplified for single characters, from one OpenCC call."""
    import opencc

    chars = [chr(cp) for lo, hi in _CJK_RANGES for cp in range(lo, hi)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # pragma: no cover - OpenCC keeps line breaks
        return {}
    return {ord(c): s for c, s in zip(chars, converted, strict=True) if len(s) == 1 and s != c}


def _fold_char(ch: str, t2s: Mapping[int, str]) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) != 1:
        folded = ch
    lowered = folded.lower()
    if len(lowered) == 1:
        folded = lowered
    folded = t2s.get(ord(folded), folded)
    return HOMOGLYPHS.get(folded, folded)


@functools.cache
def fold_table() -> dict[int, str]:
    """The one-for-one folding table (built once, on first use)."""
    t2s = _t2s_table()
    table: dict[int, str] = {}
    for cp in range(_TABLE_LIMIT):
        if 0xD800 <= cp < 0xE000:
            continue
        ch = chr(cp)
        folded = _fold_char(ch, t2s)
        if folded != ch:
            table[cp] = folded
    return table


def fold(text: str) -> str:
    """NFKC, lower case, traditional → simplified, homoglyphs; same length as ``text``."""
    return text.translate(fold_table())


@dataclass(frozen=True, slots=True)
class Normalised:
    """Normalised text; character ``k`` came from ``original[starts[k]:ends[k]]``."""

    original: str
    folded: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text behind ``text[start:end]`` (``end > start``)."""
        return self.starts[start], self.ends[end - 1]


class Variants:
    """Caller-configured spellings rewritten to a canonical term (``vx`` → ``微信``).

    Keys are normalised like any text. Keys made only of ASCII letters and
    digits match only when the original text has no ASCII letter right
    before or after them (``vx`` in ``vxworks`` is left alone).
    """

    def __init__(self, mapping: Mapping[str, str]) -> None:
        import ahocorasick

        self._automaton: Any = ahocorasick.Automaton()
        for key, canonical in mapping.items():
            norm_key = normalise(key).text
            norm_canonical = normalise(canonical).text
            if norm_key and norm_canonical and norm_key != norm_canonical:
                self._automaton.add_word(norm_key, (len(norm_key), norm_canonical))
        self.size = len(self._automaton)
        if self.size:
            self._automaton.make_automaton()

    def matches(self, norm: Normalised) -> list[tuple[int, int, str]]:
        """Leftmost-longest, non-overlapping ``(start, end, canonical)`` in ``norm.text``."""
        if not self.size:
            return []
        found: list[tuple[int, int, str]] = []
        for last, (length, canonical) in self._automaton.iter(norm.text):
            start = last + 1 - length
            if is_ascii_word(norm.text[start : last + 1]) and not ascii_bounded(
                norm, start, last + 1
            ):
                continue
            found.append((start, last + 1, canonical))
        found.sort(key=lambda m: (m[0], m[0] - m[1]))
        chosen: list[tuple[int, int, str]] = []
        edge = 0
        for match in found:
            if match[0] >= edge:
                chosen.append(match)
                edge = match[1]
        return chosen


def is_ascii_word(term: str) -> bool:
    return term.isascii() and term.isalnum()


def ascii_bounded(norm: Normalised, start: int, end: int) -> bool:
    """No ASCII letter or digit touches ``text[start:end]`` in the folded original."""
    begin, finish = norm.span(start, end)
    before = norm.folded[begin - 1] if begin > 0 else " "
    after = norm.folded[finish] if finish < len(norm.folded) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())


def normalise(text: str, variants: Variants | None = None) -> Normalised:
    """Fold, drop separators, then rewrite configured variants."""
    folded = fold(text)
    if folded.isalnum():
        keep: list[int] | range = range(len(folded))
        condensed = folded
    else:
        keep = [i for i, ch in enumerate(folded) if ch.isalnum()]
        condensed = "".join([folded[i] for i in keep])
    starts = tuple(keep)
    norm = Normalised(text, folded, condensed, starts, tuple(i + 1 for i in keep))
    if variants is None:
        return norm
    matches = variants.matches(norm)
    return _rewrite(norm, matches) if matches else norm


def _rewrite(norm: Normalised, matches: list[tuple[int, int, str]]) -> Normalised:
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    cursor = 0
    for start, end, canonical in matches:
        parts.append(norm.text[cursor:start])
        starts.extend(norm.starts[cursor:start])
        ends.extend(norm.ends[cursor:start])
        begin, finish = norm.span(start, end)
        parts.append(canonical)
        starts.extend([begin] * len(canonical))
        ends.extend([finish] * len(canonical))
        cursor = end
    parts.append(norm.text[cursor:])
    starts.extend(norm.starts[cursor:])
    ends.extend(norm.ends[cursor:])
    return Normalised(norm.original, norm.folded, "".join(parts), tuple(starts), tuple(ends))
