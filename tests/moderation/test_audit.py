"""The audit log: immutable, and read newest first with filters."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from hearth.moderation.models import AuditEntry, AuditLogImmutable, CommunityRule
from hearth.moderation.selectors.audit import AuditFilter, audit_changes, audit_entries
from hearth.moderation.services.audit import audit_record
from hearth.moderation.services.sanctions import sanction_issue, sanction_lift

pytest_plugins = ["tests.moderation.order_fixtures"]
pytestmark = pytest.mark.usefixtures("order_defaults")


def test_an_entry_can_be_neither_changed_nor_deleted(moderator: Any) -> None:
    entry = audit_record(actor=moderator, action="item.approve", target_kind="topic", target_id=1)
    entry.note = "rewritten"
    with pytest.raises(AuditLogImmutable):
        entry.save()
    with pytest.raises(AuditLogImmutable):
        entry.delete()
    with pytest.raises(AuditLogImmutable):
        AuditEntry.objects.filter(pk=entry.pk).update(note="rewritten")
    with pytest.raises(AuditLogImmutable):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.note == ""


def test_filters_by_actor_action_member_and_target(
    moderator: Any, second_moderator: Any, member: Any, rule: CommunityRule
) -> None:
    mute = sanction_issue(actor=moderator, member=member, rule=rule, kind="mute")
    sanction_lift(actor=second_moderator, sanction=mute, reason="Mistake")
    sanction_issue(actor=None, member=member, rule=rule, kind="warning")
    everything = list(audit_entries(AuditFilter()))
    assert [e.action for e in everything] == ["sanction.issue", "sanction.lift", "sanction.issue"]
    by_actor = audit_entries(AuditFilter(actor=second_moderator))
    assert [e.action for e in by_actor] == ["sanction.lift"]
    assert audit_entries(AuditFilter(system_only=True)).count() == 1
    assert audit_entries(AuditFilter(action="sanction.")).count() == 3
    assert audit_entries(AuditFilter(action="sanction.lift")).count() == 1
    assert audit_entries(AuditFilter(member=member)).count() == 3
    assert audit_entries(AuditFilter(member=moderator)).count() == 0
    target = audit_entries(AuditFilter(target_kind="sanction", target_id=mute.pk))
    assert [e.action for e in target] == ["sanction.lift", "sanction.issue"]


def test_an_edit_shows_only_what_changed(moderator: Any) -> None:
    entry = audit_record(
        actor=moderator,
        action="rule.edit",
        target_kind="rule",
        target_id=1,
        before={"title": "Old", "active": True, "at": None},
        after={"title": "New", "active": True, "at": "2026-12-01T12:00:00+00:00"},
    )
    rows = {c.field: (c.before, c.after) for c in audit_changes(entry)}
    local = timezone.localtime(dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC))
    assert rows == {"title": ("Old", "New"), "at": ("—", local.strftime("%Y-%m-%d %H:%M"))}


def test_a_creation_lists_what_was_set_and_a_removal_what_was_there(moderator: Any) -> None:
    created = audit_record(
        actor=moderator,
        action="sanction.issue",
        target_kind="sanction",
        target_id=1,
        after={"kind": "mute", "reason": "", "escalated": False, "steps": ["a", 2]},
    )
    assert [(c.field, c.before, c.after) for c in audit_changes(created)] == [
        ("kind", "", "mute"),
        ("escalated", "", "✗"),
        ("steps", "", "a, 2"),
    ]
    removed = audit_record(
        actor=moderator, action="rule.delete", target_kind="rule", target_id=2, before={"code": "x"}
    )
    assert [(c.field, c.before, c.after) for c in audit_changes(removed)] == [("code", "x", "")]
