"""Reads for the cockpit's classifier page: versions per category and the labels waiting."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from hearth.moderation.classifier.cli import retrain_command
from hearth.moderation.classifier.decisions import category_targets, decision_label_count
from hearth.moderation.classifier.train import DECISIONS_SOURCE, MIN_DECISIONS_PER_CLASS
from hearth.moderation.models import ClassifierModel

DEFAULT_CATEGORIES = ("offensive", "spam")  # shown even before a first version
VERSIONS_SHOWN = 10
CATEGORY_LABELS = {
    "offensive": _("Offensive (vulgarity, abuse)"),
    "spam": _("Spam and advertising"),
}


@dataclass(frozen=True)
class VersionRow:
    model: ClassifierModel
    live: bool
    metrics: dict[str, Any]
    from_file: str  # the file's name ("" for decisions alone)
    with_decisions: bool
    decision_rows: int


@dataclass(frozen=True)
class CategoryOverview:
    category: str
    versions: list[VersionRow]
    version_count: int
    new_positive: int  # decisions since the live version that label this category
    new_negative: int
    all_positive: int  # every decision's label, what a training from decisions alone uses
    all_negative: int
    learns_from_decisions: bool
    needed: int  # labels of each class a training from decisions alone needs

    @property
    def label(self) -> str:
        return str(CATEGORY_LABELS.get(self.category, self.category))

    @property
    def live(self) -> VersionRow | None:
        return self.versions[0] if self.versions else None

    @property
    def new_labels(self) -> int:
        return self.new_positive + self.new_negative

    @property
    def enough_for_decisions(self) -> bool:
        return min(self.all_positive, self.all_negative) >= self.needed

    @property
    def live_from_file(self) -> bool:
        return bool(self.live and self.live.from_file)

    @property
    def command(self) -> str:
        recipe = self.live.metrics.get("recipe") if self.live else None
        return shlex.join(retrain_command(self.category, recipe))


def _row(model: ClassifierModel, live: bool) -> VersionRow:
    parts = [p.strip() for p in model.trained_on.split(" + ")]
    sources = model.metrics.get("sources") or {}
    return VersionRow(
        model=model,
        live=live,
        metrics=model.metrics,
        from_file=next((p for p in parts if p and p != DECISIONS_SOURCE), ""),
        with_decisions=DECISIONS_SOURCE in parts,
        decision_rows=int(sources.get("decisions", 0)),
    )


def classifier_overview() -> list[CategoryOverview]:
    """One entry per category with versions (and the default ones), newest version first."""
    by_category: dict[str, list[ClassifierModel]] = {}
    for model in ClassifierModel.objects.order_by("category", "-version"):
        by_category.setdefault(model.category, []).append(model)
    for category in DEFAULT_CATEGORIES:
        by_category.setdefault(category, [])
    overview = []
    for category in sorted(by_category):
        models = by_category[category]
        live = models[0] if models else None
        learns = bool(category_targets(category))
        none = {0: 0, 1: 0}
        every = decision_label_count(category) if learns else none
        counts = every
        if learns and live is not None:
            counts = decision_label_count(category, since=live.created_at)
        overview.append(
            CategoryOverview(
                category=category,
                versions=[_row(m, i == 0) for i, m in enumerate(models[:VERSIONS_SHOWN])],
                version_count=len(models),
                new_positive=counts[1],
                new_negative=counts[0],
                all_positive=every[1],
                all_negative=every[0],
                learns_from_decisions=learns,
                needed=MIN_DECISIONS_PER_CLASS,
            )
        )
    return overview
