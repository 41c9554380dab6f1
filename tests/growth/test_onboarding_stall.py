"""The stall step: the first missing checklist step, in Python and in SQL."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import Count
from django.utils import timezone

from hearth.growth.models import OnboardingProgress
from hearth.growth.onboarding.selectors import onboarding_stall_step, progress_with_stall_step

pytestmark = pytest.mark.django_db


def _progress(member: Any, *done: str) -> OnboardingProgress:
    now = timezone.now()
    OnboardingProgress.objects.filter(member=member).delete()
    return OnboardingProgress.objects.create(member=member, **{f"{s}_at": now for s in done})


def test_first_missing_step_in_order(make_member: Any) -> None:
    assert onboarding_stall_step(_progress(make_member())) == "profile"
    assert onboarding_stall_step(_progress(make_member(), "profile", "reads")) == "boards"
    everything = ("profile", "boards", "reads", "like", "reply", "topic")
    assert onboarding_stall_step(_progress(make_member(), *everything)) is None
    assert onboarding_stall_step(_progress(make_member(), *everything[:-1])) == "topic"


def test_annotation_groups_in_sql_and_matches_python(make_member: Any) -> None:
    rows = [
        _progress(make_member()),
        _progress(make_member(), "profile"),
        _progress(make_member(), "profile"),
        _progress(make_member(), "profile", "boards", "reads", "like", "reply", "topic"),
    ]
    counts = dict(progress_with_stall_step().values_list("stall_step").annotate(n=Count("pk")))
    assert counts == {"profile": 1, "boards": 2, None: 1}
    for row in progress_with_stall_step().filter(pk__in=[r.pk for r in rows]):
        assert row.stall_step == onboarding_stall_step(row)
