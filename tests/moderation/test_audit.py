"""The audit log: immutable, and read newest first with filters."""

from __future__ import annotations

from typing import Any

import pytest

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


def test_changes_are_shown_field_by_field(moderator: Any) -> None:
    entry = audit_record(
        actor=moderator,
        action="rule.edit",
        target_kind="rule",
        target_id=1,
        before={"title": "Old", "active": True},
        after={"title": "New", "active": True, "steps": [1, 2]},
    )
    rows = {c.field: c for c in audit_changes(entry)}
    assert (rows["title"].before, rows["title"].after, rows["title"].changed) == (
        "Old",
        "New",
        True,
    )
    assert rows["active"].changed is False
    assert rows["active"].after == "✓"
    assert (rows["steps"].before, rows["steps"].after) == ("", "[1, 2]")
