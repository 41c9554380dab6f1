"""Writes of onboarding: start a member's checklist, record a step, dismiss the card.

A step is recorded once, with its time, by a conditional UPDATE (the column
is still empty), so replays and concurrent events add nothing; the step's
points go through the gamification ledger with a source key naming member
and step, which is idempotent too.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hearth.accounts.models import User
from hearth.accounts.services import profile_is_complete
from hearth.gamification.actions import PointAction
from hearth.gamification.services import points_award
from hearth.growth.models import STEP_FIELDS, OnboardingProgress, OnboardingStep
from hearth.growth.onboarding.backfill import onboarding_backfill
from hearth.growth.onboarding.config import onboarding_settings_get, welcome_text_render
from hearth.notifications.models import Verb
from hearth.notifications.services import notification_create


def progress_get_or_build(*, member_id: int) -> OnboardingProgress:
    """The member's progress; a member who joined before onboarding existed gets a row
    computed from their history (no points for it, as in the backfill)."""
    row = OnboardingProgress.objects.filter(member_id=member_id).first()
    if row is None:
        onboarding_backfill(member_ids=[member_id])
        row = OnboardingProgress.objects.get(member_id=member_id)
    return row


def _all_done() -> Q:
    return Q(**{f"{field}__isnull": False for field in STEP_FIELDS.values()})


def step_record(*, member_id: int, step: str, at: dt.datetime | None = None) -> bool:
    """Record ``step`` as done at ``at`` unless it already is; award its points once.

    Returns True when this call recorded the step. The row must exist.
    """
    field = STEP_FIELDS[OnboardingStep(step)]
    at = at or timezone.now()
    with transaction.atomic():
        changed = OnboardingProgress.objects.filter(
            member_id=member_id, **{f"{field}__isnull": True}
        ).update(**{field: at})
        if not changed:
            return False
        points_award(
            member=member_id,
            action=PointAction.ONBOARDING_STEP,
            source_key=f"onboarding:{member_id}:{step}",
            target=f"onboarding:{step}",
            occurred_at=at,
        )
        OnboardingProgress.objects.filter(
            _all_done(), member_id=member_id, completed_at=None
        ).update(completed_at=at)
    return True


def step_reached(*, member_id: int, step: str, at: dt.datetime | None = None) -> None:
    """An event says ``step`` is done: record it (building the row of an older member first)."""
    field = STEP_FIELDS[OnboardingStep(step)]
    found = list(
        OnboardingProgress.objects.filter(member_id=member_id).values_list(field, flat=True)[:1]
    )
    if not found:
        progress_get_or_build(member_id=member_id)  # history already holds this step
    elif found[0] is None:
        step_record(member_id=member_id, step=step, at=at)


@transaction.atomic
def onboarding_start(*, member: User, at: dt.datetime | None = None) -> OnboardingProgress:
    """A member joined: open their checklist and send the welcome message (once)."""
    at = at or timezone.now()
    row, created = OnboardingProgress.objects.get_or_create(
        member_id=member.pk, defaults={"started_at": member.date_joined or at}
    )
    if created and profile_is_complete(member):
        step_record(member_id=member.pk, step=OnboardingStep.PROFILE, at=member.date_joined or at)
    settings = onboarding_settings_get()
    if settings.welcome_enabled and row.welcomed_at is None:
        claimed = OnboardingProgress.objects.filter(member_id=member.pk, welcomed_at=None).update(
            welcomed_at=at
        )
        if claimed:
            notification_create(
                recipient_id=member.pk,
                verb=Verb.SYSTEM,
                text=welcome_text_render(settings.welcome_text, name=str(member)),
            )
    row.refresh_from_db()
    return row


def onboarding_dismiss(*, member: User) -> None:
    """Hide the checklist card on the home page (the checklist page stays)."""
    progress_get_or_build(member_id=member.pk)
    OnboardingProgress.objects.filter(member_id=member.pk, dismissed_at=None).update(
        dismissed_at=timezone.now()
    )
