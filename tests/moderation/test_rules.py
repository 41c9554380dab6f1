"""Community rules, the ladder and the thresholds: who may change them, and what is refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hearth.moderation.models import (
    AuditEntry,
    CommunityRule,
    ModerationSettings,
    SanctionStep,
)
from hearth.moderation.services.rules import (
    RuleFields,
    StepFields,
    can_edit_rules,
    ladder_save,
    moderation_settings_save,
    rule_delete,
    rule_move,
    rule_save,
    rule_set_active,
)
from hearth.moderation.services.sanctions import sanction_issue

pytest_plugins = ["tests.moderation.order_fixtures"]
pytestmark = pytest.mark.usefixtures("order_defaults")


def _codes() -> list[str]:
    return list(CommunityRule.objects.order_by("position", "pk").values_list("code", flat=True))


def test_only_managers_edit_the_rules(manager: Any, moderator: Any, member: Any) -> None:
    assert can_edit_rules(manager)
    assert not can_edit_rules(moderator)
    assert not can_edit_rules(member)
    with pytest.raises(PermissionDenied):
        rule_save(actor=moderator, rule=None, fields=RuleFields(title="No bots"))


def test_a_new_rule_goes_last_with_a_code_from_its_title(manager: Any) -> None:
    rule = rule_save(actor=manager, rule=None, fields=RuleFields(title="No bots", body="Humans."))
    assert rule.code == "no-bots"
    assert _codes()[-1] == "no-bots"
    entry = AuditEntry.objects.get(action="rule.add")
    assert entry.after["title"] == "No bots"
    assert entry.before == {}


def test_a_chinese_title_gets_a_numbered_code(manager: Any) -> None:
    rule = rule_save(actor=manager, rule=None, fields=RuleFields(title="禁止刷屏"))
    assert rule.code.startswith("rule-")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (RuleFields(title="  "), "Give the rule a title."),
        (RuleFields(title="x" * 121), "at most 120"),
        (RuleFields(title="Ads", code="no-ads"), "already has the code"),
    ],
)
def test_bad_rules_are_refused(manager: Any, fields: RuleFields, message: str) -> None:
    before = _codes()
    with pytest.raises(ValidationError, match=message):
        rule_save(actor=manager, rule=None, fields=fields)
    assert _codes() == before


def test_editing_keeps_the_code_and_records_before_and_after(manager: Any) -> None:
    rule = CommunityRule.objects.get(code="on-topic")
    before = rule.title  # written in the site's language by the data migration
    rule_save(actor=manager, rule=rule, fields=RuleFields(title="Stay on topic, please"))
    rule.refresh_from_db()
    assert rule.code == "on-topic"
    entry = AuditEntry.objects.get(action="rule.edit")
    assert entry.before["title"] == before != "Stay on topic, please"
    assert entry.after["title"] == "Stay on topic, please"


def test_moving_swaps_neighbours_and_stops_at_the_ends(manager: Any) -> None:
    codes = _codes()
    second = CommunityRule.objects.get(code=codes[1])
    rule_move(actor=manager, rule=second, up=True)
    assert _codes()[:2] == [codes[1], codes[0]]
    rule_move(actor=manager, rule=second, up=True)  # already first
    assert _codes()[:2] == [codes[1], codes[0]]
    assert list(CommunityRule.objects.order_by("position").values_list("position", flat=True)) == [
        *range(1, len(codes) + 1)
    ]


def test_a_cited_rule_can_only_be_deactivated(
    manager: Any, moderator: Any, member: Any, rule: CommunityRule
) -> None:
    sanction_issue(actor=moderator, member=member, rule=rule)
    with pytest.raises(ValidationError, match="deactivate it instead"):
        rule_delete(actor=manager, rule=rule)
    rule_set_active(actor=manager, rule=rule, active=False)
    rule.refresh_from_db()
    assert rule.active is False
    assert AuditEntry.objects.filter(action="rule.deactivate").exists()
    unused = CommunityRule.objects.get(code="on-topic")
    rule_delete(actor=manager, rule=unused)
    assert not CommunityRule.objects.filter(code="on-topic").exists()
    assert AuditEntry.objects.get(action="rule.delete").before["code"] == "on-topic"


def test_the_ladder_is_replaced_as_a_whole(manager: Any) -> None:
    ladder_save(
        actor=manager,
        steps=[StepFields("warning", None), StepFields("mute", 12), StepFields("ban", None)],
    )
    assert list(SanctionStep.objects.values_list("position", "kind", "duration_hours")) == [
        (1, "warning", None),
        (2, "mute", 12),
        (3, "ban", None),
    ]
    entry = AuditEntry.objects.get(action="ladder.save")
    assert len(entry.before["steps"]) == 5
    assert entry.after["steps"] == [["warning", None], ["mute", 12], ["ban", None]]


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        ([], "at least one step"),
        ([StepFields("slap", None)], "Step 1: unknown kind"),
        ([StepFields("warning", 5)], "Step 1: a warning has no duration"),
        ([StepFields("warning", None), StepFields("mute", None)], "Step 2: give the mute"),
        ([StepFields("ban", 0)], "between 1 and"),
        ([StepFields("warning", None)] * 11, "at most 10 steps"),
    ],
)
def test_a_bad_ladder_is_refused_and_the_old_one_kept(
    manager: Any, steps: list[StepFields], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        ladder_save(actor=manager, steps=steps)
    assert SanctionStep.objects.count() == 5


def test_the_settings_are_bounded_and_audited(manager: Any) -> None:
    moderation_settings_save(
        actor=manager, values={"warnings_to_escalate": 2, "trusted_min_accuracy": 0.75}
    )
    current = ModerationSettings.current()
    assert (current.warnings_to_escalate, current.trusted_min_accuracy) == (2, 0.75)
    entry = AuditEntry.objects.get(action="settings.save")
    assert entry.before["warnings_to_escalate"] == 3
    assert entry.after["warnings_to_escalate"] == 2
    with pytest.raises(ValidationError, match="from 1 to 365"):
        moderation_settings_save(actor=manager, values={"escalation_window_days": 0})
    with pytest.raises(ValidationError, match="Unknown setting"):
        moderation_settings_save(actor=manager, values={"colour": 1})
    assert ModerationSettings.current().escalation_window_days == 30


def test_moderators_cannot_change_the_ladder_or_settings(moderator: Any) -> None:
    with pytest.raises(PermissionDenied):
        ladder_save(actor=moderator, steps=[StepFields("warning", None)])
    with pytest.raises(PermissionDenied):
        moderation_settings_save(actor=moderator, values={"reports_per_day": 3})
