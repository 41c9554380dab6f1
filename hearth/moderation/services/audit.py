"""Record moderation actions in the immutable audit log."""

from __future__ import annotations

from typing import Any

from hearth.accounts.models import User
from hearth.moderation.models import AuditEntry


def audit_record(
    *,
    actor: User | None,
    action: str,
    target_kind: str,
    target_id: int | None,
    member: User | int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEntry:
    """Append one entry: who (None: the system) did what to which target, and what changed.

    ``action`` is a dotted code such as ``item.approve``, ``sanction.issue``,
    ``appeal.overturn``, ``word_list.enable``; the cockpit labels it.
    """
    member_id = member.pk if isinstance(member, User) else member
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        target_kind=target_kind,
        target_id=target_id,
        member_id=member_id,
        before=before or {},
        after=after or {},
        note=note,
    )
