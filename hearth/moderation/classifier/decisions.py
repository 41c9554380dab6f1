"""Review decisions as training labels: every decided item says something about its text.

For a classifier category (``offensive``, ``spam`` …):

* **positive**: the item was rejected for that category, i.e. the cited rule
  maps to one of the category's word categories (``no-vulgarity`` → vulgar,
  ``be-respectful`` → abuse, both → offensive; ``no-ads`` → advertising →
  spam). A rejection without a rule counts by the categories of its reasons
  (watched words, detectors, reports, classifier).
* **negative**: the text was approved, edited and approved (the stored text is
  the clean one), or the rejection was overturned on appeal.
* **no label**: a rejection for another category (infringement says nothing
  about offensiveness), a text that no longer exists, an empty text.

Only the latest decision on each text counts: a text rejected, edited by its
author and then approved is the approved text now. The text is the content's
current text (``content_get``); a topic's is its title and body, as the
pipeline scores them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from hearth.moderation.content import content_get
from hearth.moderation.models import ReviewItem, WordCategory

# classifier category → the word categories whose rejections are its positives
CATEGORY_TARGETS: Mapping[str, frozenset[str]] = {
    "offensive": frozenset({WordCategory.VULGAR, WordCategory.ABUSE}),
    "abuse": frozenset({WordCategory.ABUSE}),
    "sexism": frozenset({WordCategory.ABUSE}),
    "hate": frozenset({WordCategory.ABUSE}),
    "spam": frozenset({WordCategory.ADVERTISING}),
    "ads": frozenset({WordCategory.ADVERTISING}),
    "advertising": frozenset({WordCategory.ADVERTISING}),
}
# community rule code → word category (rules the default set ships; others give no label)
RULE_CATEGORIES: Mapping[str, str] = {
    "no-ads": WordCategory.ADVERTISING,
    "no-vulgarity": WordCategory.VULGAR,
    "be-respectful": WordCategory.ABUSE,
    "no-infringement": WordCategory.INFRINGEMENT,
    "legal": WordCategory.ILLEGAL,
}


@dataclass(frozen=True)
class DecisionLabel:
    item_id: int
    content_kind: str
    content_id: int
    text: str
    label: int  # 1 positive, 0 negative
    decided_at: dt.datetime


def category_targets(category: str) -> frozenset[str]:
    """The word categories a classifier category learns from; a word category maps to itself."""
    if category in CATEGORY_TARGETS:
        return CATEGORY_TARGETS[category]
    if category in WordCategory.values:
        return frozenset({category})
    return frozenset()


def decision_categories(rule_code: str | None, reasons: Iterable[Mapping[str, Any]]) -> set[str]:
    """The word categories a rejection stands for: its rule's, else its reasons'."""
    if rule_code:
        mapped = RULE_CATEGORIES.get(rule_code)
        return {mapped} if mapped else set()
    return {str(r.get("category")) for r in reasons if r.get("category")}


def label_for(
    *, outcome: str, overturned: bool, rule_code: str | None, reasons: Any, targets: frozenset[str]
) -> int | None:
    if overturned or outcome in (ReviewItem.Outcome.APPROVED, ReviewItem.Outcome.EDITED):
        return 0
    if outcome == ReviewItem.Outcome.REJECTED:
        hit = decision_categories(rule_code, reasons if isinstance(reasons, list) else [])
        return 1 if hit & targets else None
    return None


def _latest_decisions(since: dt.datetime | None) -> list[dict[str, Any]]:
    rows = ReviewItem.objects.filter(state=ReviewItem.State.DECIDED, decided_at__isnull=False)
    latest: dict[tuple[str, int], dict[str, Any]] = {}
    for row in rows.order_by("decided_at", "pk").values(
        "pk",
        "content_kind",
        "content_id",
        "outcome",
        "overturned",
        "rule__code",
        "reasons",
        "decided_at",
    ):
        latest[(row["content_kind"], row["content_id"])] = dict(row)
    return [r for r in latest.values() if since is None or r["decided_at"] > since]


def decided_text_count() -> int:
    """How many texts have a decision (each counted once, whatever it was)."""
    return len(_latest_decisions(None))


def decision_label_count(category: str, *, since: dt.datetime | None = None) -> dict[int, int]:
    """How many positive (1) and negative (0) labels the decisions give, without reading texts."""
    targets = category_targets(category)
    counts = {0: 0, 1: 0}
    for row in _latest_decisions(since):
        label = _row_label(row, targets)
        if label is not None:
            counts[label] += 1
    return counts


def decision_labels(category: str, *, since: dt.datetime | None = None) -> list[DecisionLabel]:
    """The labelled texts of the decisions (latest per text), oldest decision first."""
    targets = category_targets(category)
    labels: list[DecisionLabel] = []
    for row in _latest_decisions(since):
        label = _row_label(row, targets)
        if label is None:
            continue
        content = content_get(row["content_kind"], row["content_id"])
        if content is None or not content.text.strip():
            continue
        text = (
            f"{content.title}\n{content.text}" if row["content_kind"] == "topic" else content.text
        )
        labels.append(
            DecisionLabel(
                item_id=row["pk"],
                content_kind=row["content_kind"],
                content_id=row["content_id"],
                text=text,
                label=label,
                decided_at=row["decided_at"],
            )
        )
    return labels


def _row_label(row: Mapping[str, Any], targets: frozenset[str]) -> int | None:
    return label_for(
        outcome=row["outcome"],
        overturned=row["overturned"],
        rule_code=row["rule__code"],
        reasons=row["reasons"],
        targets=targets,
    )
