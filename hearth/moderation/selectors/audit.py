"""Reads of the audit log: newest first, filtered by actor, action, member and target."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

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


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _shown(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, str) and _ISO.match(value):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return ", ".join(str(v) for v in value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def audit_changes(entry: AuditEntry) -> list[Change]:
    """What an entry changed, for reading: the changed fields with before and after.

    A creation (nothing before) lists what was set, a removal what was there;
    empty values are left out of both, and unchanged fields out of an edit.
    """
    before, after = entry.before, entry.after
    names = list(dict.fromkeys([*before.keys(), *after.keys()]))
    if not before:
        return [Change(n, "", _shown(after[n])) for n in names if not _empty(after.get(n))]
    if not after:
        return [Change(n, _shown(before[n]), "") for n in names if not _empty(before.get(n))]
    return [
        Change(
            n,
            _shown(before.get(n)) if n in before else "",
            _shown(after.get(n)) if n in after else "",
        )
        for n in names
        if before.get(n) != after.get(n)
    ]
