"""Reads about members' reports (举报): who reported what, and how often reporters are right."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from hearth.accounts.models import User
from hearth.core.privileges import privileges_for
from hearth.moderation.models import ModerationSettings, Report

SETTINGS_PK = 1


def moderation_settings() -> ModerationSettings:
    """The site's report and sanction settings (their defaults when the row is missing)."""
    return ModerationSettings.objects.filter(pk=SETTINGS_PK).first() or ModerationSettings(
        pk=SETTINGS_PK
    )


def reporter_accuracy(*, upheld: int, dismissed: int) -> float:
    """How often a reporter was right, smoothed: (upheld + 1) / (decided + 2).

    A new reporter starts at 0.5; one upheld report gives 0.67, one dismissed 0.33.
    """
    return (upheld + 1) / (upheld + dismissed + 2)


@dataclass(frozen=True)
class ReporterRecord:
    upheld: int = 0
    dismissed: int = 0
    pending: int = 0

    @property
    def accuracy(self) -> float:
        return reporter_accuracy(upheld=self.upheld, dismissed=self.dismissed)

    @property
    def accuracy_percent(self) -> int:
        return round(self.accuracy * 100)

    @property
    def decided(self) -> int:
        return self.upheld + self.dismissed


NO_RECORD = ReporterRecord()


def reporter_records(member_ids: Iterable[int]) -> dict[int, ReporterRecord]:
    """Each reporter's upheld, dismissed and pending reports, in one query."""
    ids = set(member_ids)
    if not ids:
        return {}
    rows = (
        Report.objects.filter(reporter_id__in=ids)
        .values("reporter_id")
        .annotate(
            upheld=Count("pk", filter=Q(outcome=Report.Outcome.UPHELD)),
            dismissed=Count("pk", filter=Q(outcome=Report.Outcome.DISMISSED)),
            pending=Count("pk", filter=Q(outcome=Report.Outcome.PENDING)),
        )
        .values_list("reporter_id", "upheld", "dismissed", "pending")
    )
    return {pk: ReporterRecord(up, down, waiting) for pk, up, down, waiting in rows}


def reporter_record(member_id: int) -> ReporterRecord:
    return reporter_records([member_id]).get(member_id, NO_RECORD)


def reporter_is_trusted(
    member: User, *, record: ReporterRecord, settings: ModerationSettings
) -> bool:
    """Trusted: the member's level reaches the setting's minimum and they are usually right."""
    level = privileges_for(member).level_position
    return level >= settings.trusted_min_level and record.accuracy >= settings.trusted_min_accuracy


def reports_made_since(*, member_id: int, since: dt.datetime) -> int:
    return Report.objects.filter(reporter_id=member_id, created_at__gte=since).count()


def reported_ids(*, member_id: int, kind: str, ids: Iterable[int]) -> set[int]:
    """Which of the ``kind`` contents ``ids`` the member has reported already (one query)."""
    wanted = list(ids)
    if not wanted:
        return set()
    return set(
        Report.objects.filter(
            reporter_id=member_id, content_kind=kind, content_id__in=wanted
        ).values_list("content_id", flat=True)
    )


def report_exists(*, member_id: int, kind: str, content_id: int) -> bool:
    return Report.objects.filter(
        reporter_id=member_id, content_kind=kind, content_id=content_id
    ).exists()


def report_list(
    *, outcome: str = "", reason: str = "", kind: str = "", reporter: str = ""
) -> QuerySet[Report]:
    """Reports for the cockpit, newest first, filtered by outcome, reason, kind or reporter."""
    qs = Report.objects.select_related("reporter", "item")
    if outcome:
        qs = qs.filter(outcome=outcome)
    if reason:
        qs = qs.filter(reason=reason)
    if kind:
        qs = qs.filter(content_kind=kind)
    if reporter:
        qs = qs.filter(reporter__username=reporter)
    return qs.order_by("-created_at", "-pk")


def report_counts_by_reason(*, since: dt.datetime | None = None) -> dict[str, int]:
    qs = Report.objects.all()
    if since is not None:
        qs = qs.filter(created_at__gte=since)
    return dict(qs.values("reason").annotate(n=Count("pk")).values_list("reason", "n"))


def report_counts_by_outcome() -> dict[str, int]:
    return dict(
        Report.objects.values("outcome").annotate(n=Count("pk")).values_list("outcome", "n")
    )
