"""What an import did, per kind: created now, there from an earlier run, skipped."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise


@dataclass
class KindCount:
    created: int = 0
    existing: int = 0
    skipped: int = 0


@dataclass
class ImportSummary:
    """Counts per kind, in the order the kinds were registered (the order of the report)."""

    source: str
    counts: dict[str, KindCount] = field(default_factory=dict)
    labels: dict[str, str | Promise] = field(default_factory=dict)
    backfilled: bool = False
    seconds: float = 0.0

    def register(self, key: str, label: str | Promise) -> None:
        self.labels[key] = label
        self.counts[key] = KindCount()

    def __getitem__(self, key: str) -> KindCount:
        return self.counts[key]

    @property
    def created(self) -> int:
        return sum(count.created for count in self.counts.values())
