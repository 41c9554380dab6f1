"""Reads of the audit log: newest first, filtered by actor, action, member and target."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from hearth.accounts.models import User
from hearth.moderation.models import AuditEntry


@dataclass(frozen=True)
class AuditFilter:
    actor: User | None = None
    system_only: bool = False  # actions taken by the system (no actor)
    action: str = ""  # exact code ("sanction.issue") or a prefix ending in "." ("sanction.")
    member: User | None = None
    target_kind: str = ""
    target_id: int | None = None


def audit_entries(selection: AuditFilter) -> QuerySet[AuditEntry]:
    rows = AuditEntry.objects.select_related("actor", "member").order_by("-created_at", "-pk")
    if selection.system_only:
        rows = rows.filter(actor__isnull=True)
    elif selection.actor is not None:
        rows = rows.filter(actor_id=selection.actor.pk)
    if selection.action.endswith("."):
        rows = rows.filter(action__startswith=selection.action)
    elif selection.action:
        rows = rows.filter(action=selection.action)
    if selection.member is not None:
        rows = rows.filter(member_id=selection.member.pk)
    if selection.target_kind:
        rows = rows.filter(target_kind=selection.target_kind)
    if selection.target_id is not None:
        rows = rows.filter(target_id=selection.target_id)
    return rows


def audit_actions() -> list[str]:
    """The action codes recorded so far, for the filter's choices."""
    return sorted(set(AuditEntry.objects.values_list("action", flat=True).distinct()))


def audit_target_kinds() -> list[str]:
    return sorted(set(AuditEntry.objects.values_list("target_kind", flat=True).distinct()))


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str
    changed: bool


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def audit_changes(entry: AuditEntry) -> list[Change]:
    """The before and after of an entry, field by field, for reading."""
    fields = list(dict.fromkeys([*entry.before.keys(), *entry.after.keys()]))
    return [
        Change(
            field=name,
            before=_shown(entry.before.get(name)) if name in entry.before else "",
            after=_shown(entry.after.get(name)) if name in entry.after else "",
            changed=entry.before.get(name) != entry.after.get(name),
        )
        for name in fields
    ]
