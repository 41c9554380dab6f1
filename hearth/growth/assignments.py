"""Assignments (跟进): new members handed to a member-operations staffer to follow up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.core.roles import MEMBER_OPERATIONS
from hearth.growth.models import Assignment, AssignmentStatus

NOTE_MAX = 300


def assignees() -> QuerySet[User]:
    """The staff who may be assigned members: active holders of the member-operations role."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__name=MEMBER_OPERATIONS))
        .distinct()
        .order_by("username")
    )


@transaction.atomic
def assignments_create(
    *,
    member_ids: Sequence[int],
    assignee: User,
    assigned_by: User | None,
    note: str = "",
    now: dt.datetime | None = None,
) -> list[Assignment]:
    """Assign each member to ``assignee``; members who already have an open assignment keep
    it (a member is followed up by one person at a time). Returns the new assignments."""
    if not assignees().filter(pk=assignee.pk).exists():
        raise ValidationError(
            {"assignee": _("Assign members to a staffer with the member operations role.")}
        )
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": _("The note is at most 300 characters.")})
    if not member_ids:
        raise ValidationError({"members": _("Choose at least one member.")})
    taken = set(
        Assignment.objects.filter(
            member_id__in=member_ids, status=AssignmentStatus.OPEN
        ).values_list("member_id", flat=True)
    )
    now = now or timezone.now()
    return Assignment.objects.bulk_create(
        Assignment(
            member_id=m,
            assignee=assignee,
            assigned_by=assigned_by,
            note=note.strip(),
            created_at=now,
        )
        for m in sorted(set(member_ids))
        if m not in taken
    )


def assignment_done(*, assignment: Assignment, by: User) -> Assignment:
    """Mark an assignment done; only its assignee (or a superuser) may."""
    if assignment.assignee_id != by.pk and not by.is_superuser:
        raise ValidationError(_("Only the staffer it is assigned to can mark it done."))
    if assignment.status != AssignmentStatus.DONE:
        assignment.status = AssignmentStatus.DONE
        assignment.done_at = timezone.now()
        assignment.save(update_fields=["status", "done_at"])
    return assignment


def assignments_for(assignee: User, *, status: str = AssignmentStatus.OPEN) -> QuerySet[Assignment]:
    """``assignee``'s assignments of one status, oldest open first."""
    return (
        Assignment.objects.filter(assignee=assignee, status=status)
        .select_related("member", "assigned_by")
        .order_by("created_at", "pk")
    )


def open_assignees(member_ids: Sequence[int]) -> dict[int, Assignment]:
    """The open assignment of each of ``member_ids`` that has one."""
    rows = Assignment.objects.filter(
        member_id__in=member_ids, status=AssignmentStatus.OPEN
    ).select_related("assignee")
    return {a.member_id: a for a in rows}
