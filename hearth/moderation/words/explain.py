"""Where in a text each reason of a screening fired, for the cockpit's test box.

The pipeline's reasons carry what matched (the watched term, the phone
number …) but not where; the text is normalised as the pipeline normalises it
(with the configured variants) and the match is found again there, so a word
spelt ``薇❤信`` or ``vx`` is marked where it stands in the original.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hearth.core.screening import Reason
from hearth.moderation.models import WordCategory, WordVariant
from hearth.moderation.text.normalise import Normalised, Variants, normalise
from hearth.moderation.words.highlight import Segment, segments

BLOCK_PREFIX = "block_"
LOCATED = frozenset(
    {"word", "word_replaced", "contact", "link", "link_shortener", "repeated_chars"}
)


@dataclass(frozen=True)
class ExplainedReason:
    reason: Reason
    spans: tuple[tuple[int, int], ...]

    @property
    def category_label(self) -> str:
        category = self.reason.category
        return str(dict(WordCategory.choices).get(category, category))

    @property
    def blocks(self) -> bool:
        return self.reason.code.startswith(BLOCK_PREFIX)


def _spans(norm: Normalised, needle: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    if not needle:
        return found
    start = norm.text.find(needle)
    while start != -1:
        found.append(norm.span(start, start + len(needle)))
        start = norm.text.find(needle, start + 1)
    return found


def explain(text: str, reasons: Iterable[Reason]) -> tuple[list[ExplainedReason], list[Segment]]:
    """Each reason with the spans it covers in ``text``, and ``text`` with them marked."""
    variants = Variants(dict(WordVariant.objects.values_list("variant", "canonical")))
    norm = normalise(text, variants)
    explained = []
    for reason in reasons:
        spans: list[tuple[int, int]] = []
        if reason.code.removeprefix(BLOCK_PREFIX) in LOCATED and reason.detail:
            spans = _spans(norm, normalise(reason.detail.rstrip("…"), variants).text)
        explained.append(ExplainedReason(reason, tuple(spans)))
    marked = segments(text, (span for e in explained for span in e.spans))
    return explained, marked
