"""The step where a member's onboarding stalled: the first missing step, in order.

Used by the first-week rescue to group the at-risk queue by stall step, in
Python for one row and in SQL (a CASE expression) for a queryset.
"""

from __future__ import annotations

from django.db.models import Case, CharField, QuerySet, Value, When

from hearth.growth.models import STEP_FIELDS, OnboardingProgress


def onboarding_stall_step(progress: OnboardingProgress) -> str | None:
    """The first step (an ``OnboardingStep`` value) not done yet; None when all are done."""
    for step, field in STEP_FIELDS.items():
        if getattr(progress, field) is None:
            return str(step)
    return None


def stall_step_expression() -> Case:
    """A CASE expression giving the first missing step of a progress row (NULL when complete)."""
    return Case(
        *(
            When(**{f"{field}__isnull": True}, then=Value(str(step)))
            for step, field in STEP_FIELDS.items()
        ),
        default=Value(None),
        output_field=CharField(),
    )


def progress_with_stall_step(
    queryset: QuerySet[OnboardingProgress] | None = None,
) -> QuerySet[OnboardingProgress]:
    """Progress rows annotated with ``stall_step`` (first missing step, NULL when complete).

    Group by it in SQL: ``progress_with_stall_step(qs).values("stall_step").annotate(n=Count("pk"))``.
    """
    qs = queryset if queryset is not None else OnboardingProgress.objects.all()
    return qs.annotate(stall_step=stall_step_expression())
