"""Onboarding progress computed from history, in a few set-based queries.

Used for members who joined before onboarding existed (all of them at once,
or one member lazily) and for the demo. It awards no points and sends no
welcome message: points for history come from the gamification backfill.
The times it writes are the times the steps were done:

- profile: the join time, when the profile is complete now (the time it was
  completed is not kept anywhere, and the demo writes profiles at join);
- boards / reads: the time of the Nth board followed / Nth distinct topic read;
- like, reply, topic: the first like, published reply and published topic.

A time already recorded on a row (by a live event) is kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import F, Min, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from hearth.accounts.models import User
from hearth.community.models import BoardFollow, Like, Read, Reply, Status, Topic
from hearth.growth.models import STEP_FIELDS, OnboardingProgress, OnboardingStep
from hearth.growth.onboarding.config import onboarding_settings_get

StepTimes = dict[int, dt.datetime]
BATCH = 1000


def _scoped(qs: QuerySet[Any], field: str, member_ids: list[int] | None) -> QuerySet[Any]:
    return qs if member_ids is None else qs.filter(**{f"{field}__in": member_ids})


def _nth_time(rows: QuerySet[Any], time_field: str, n: int) -> StepTimes:
    """Per member, the time of their Nth row (by time) of ``rows`` (values of member_id)."""
    ranked = rows.annotate(
        rank=Window(RowNumber(), partition_by=[F("member_id")], order_by=[F(time_field).asc()])
    ).filter(rank=n)
    return {member_id: at for member_id, at in ranked.values_list("member_id", time_field)}


def _first_time(qs: QuerySet[Any], member_field: str) -> StepTimes:
    rows = qs.values(member_field).annotate(first=Min("created_at"))
    return {row[member_field]: row["first"] for row in rows}


def _profile_complete() -> Q:
    """``accounts.services.profile_is_complete`` as a filter."""
    return ~Q(display_name="") & ~Q(bio="") & ~Q(province="") & ~Q(avatar="")


def step_times(member_ids: list[int] | None = None) -> dict[str, StepTimes]:
    """Each step's completion time per member, computed from history."""
    settings = onboarding_settings_get()
    members = _scoped(User.objects.all(), "pk", member_ids)
    follows = _scoped(BoardFollow.objects.all(), "member_id", member_ids)
    first_reads = (
        _scoped(Read.objects.all(), "member_id", member_ids)
        .values("member_id", "topic_id")
        .annotate(first=Min("created_at"))
    )
    published = Q(status=Status.PUBLISHED)
    return {
        OnboardingStep.PROFILE: dict(
            members.filter(_profile_complete()).values_list("pk", "date_joined")
        ),
        OnboardingStep.BOARDS: _nth_time(
            follows.values("member_id", "created_at"), "created_at", settings.boards_required
        ),
        OnboardingStep.READS: _nth_time(first_reads, "first", settings.reads_required),
        OnboardingStep.LIKE: _first_time(
            _scoped(Like.objects.all(), "member_id", member_ids), "member_id"
        ),
        OnboardingStep.REPLY: _first_time(
            _scoped(Reply.objects.filter(published), "author_id", member_ids), "author_id"
        ),
        OnboardingStep.TOPIC: _first_time(
            _scoped(Topic.objects.filter(published), "author_id", member_ids), "author_id"
        ),
    }


def _merge(
    member_id: int, joined: dt.datetime, times: dict[str, StepTimes], old: OnboardingProgress | None
) -> OnboardingProgress:
    row = old or OnboardingProgress(member_id=member_id, started_at=joined)
    for step, field in STEP_FIELDS.items():
        if getattr(row, field) is None:
            setattr(row, field, times[step].get(member_id))
    done = [getattr(row, field) for field in STEP_FIELDS.values()]
    if row.completed_at is None and all(at is not None for at in done):
        row.completed_at = max(done)
    return row


def onboarding_backfill(*, member_ids: Iterable[int] | None = None) -> int:
    """Write every member's (or the given members') progress from history; returns rows written.

    Six set-based queries for the step times, one for the existing rows, then
    bulk upserts. No points, no notifications.
    """
    ids = None if member_ids is None else list(member_ids)
    times = step_times(ids)
    existing = {
        row.member_id: row for row in _scoped(OnboardingProgress.objects.all(), "member_id", ids)
    }
    joined = _scoped(User.objects.all(), "pk", ids).values_list("pk", "date_joined")
    rows = [_merge(pk, at, times, existing.get(pk)) for pk, at in joined.iterator(chunk_size=5000)]
    fields = [*STEP_FIELDS.values(), "completed_at"]
    for start in range(0, len(rows), BATCH):
        OnboardingProgress.objects.bulk_create(
            rows[start : start + BATCH],
            update_conflicts=True,
            unique_fields=["member"],
            update_fields=fields,
        )
    return len(rows)
