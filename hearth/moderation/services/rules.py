"""The rules of order: the community rules (社区规则), the sanction ladder, the escalation settings.

A rule that a decision or a sanction cites cannot be deleted (the records
point at it); it can only be deactivated, which keeps it out of the public
list and out of new decisions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.moderation.models import (
    CommunityRule,
    ModerationSettings,
    ReviewItem,
    Sanction,
    SanctionKind,
    SanctionStep,
)
from hearth.moderation.services.audit import audit_record

LADDER_MAX = 10
HOURS_MAX = 24 * 3650
SETTINGS_BOUNDS: dict[str, tuple[float, float]] = {
    "warnings_to_escalate": (0, 20),
    "escalation_window_days": (1, 365),
    "reports_per_day": (1, 500),
    "hide_after_reports": (0, 50),
    "trusted_min_level": (0, 50),
    "trusted_min_accuracy": (0.0, 1.0),
}


def can_edit_rules(user: Any) -> bool:
    """The community rules, the ladder and the thresholds: managers who moderate and edit the brand."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_perm("community.moderate_content")
        and user.has_perm("core.edit_brand")
    )


def _require(actor: User) -> None:
    if not can_edit_rules(actor):
        raise PermissionDenied(_("You cannot change the rules of order."))


def rule_snapshot(rule: CommunityRule) -> dict[str, Any]:
    return {
        "code": rule.code,
        "title": rule.title,
        "body": rule.body,
        "position": rule.position,
        "active": rule.active,
    }


def rule_is_cited(rule: CommunityRule) -> bool:
    return (
        ReviewItem.objects.filter(rule_id=rule.pk).exists()
        or Sanction.objects.filter(rule_id=rule.pk).exists()
    )


@dataclass(frozen=True)
class RuleFields:
    title: str
    body: str = ""
    code: str = ""
    active: bool = True


def _clean_fields(fields: RuleFields, rule: CommunityRule | None) -> tuple[str, str, str]:
    title, body = fields.title.strip(), fields.body.strip()
    if not title:
        raise ValidationError({"title": _("Give the rule a title.")})
    if len(title) > 120:
        raise ValidationError({"title": _("The title is at most 120 characters.")})
    code = slugify(fields.code.strip() or (rule.code if rule else "") or title)[:40]
    if not code:
        code = f"rule-{(CommunityRule.objects.aggregate(n=Max('pk'))['n'] or 0) + 1}"
    taken = CommunityRule.objects.filter(code=code)
    if rule is not None:
        taken = taken.exclude(pk=rule.pk)
    if taken.exists():
        raise ValidationError(
            {"code": _("Another rule already has the code “%(code)s”.") % {"code": code}}
        )
    return code, title, body


@transaction.atomic
def rule_save(*, actor: User, rule: CommunityRule | None, fields: RuleFields) -> CommunityRule:
    """Add a rule (at the end of the list) or change one."""
    _require(actor)
    code, title, body = _clean_fields(fields, rule)
    before = rule_snapshot(rule) if rule is not None else {}
    if rule is None:
        last = CommunityRule.objects.aggregate(n=Max("position"))["n"] or 0
        rule = CommunityRule(position=last + 1)
    rule.code, rule.title, rule.body, rule.active = code, title, body, fields.active
    rule.save()
    audit_record(
        actor=actor,
        action="rule.add" if not before else "rule.edit",
        target_kind="rule",
        target_id=rule.pk,
        before=before,
        after=rule_snapshot(rule),
    )
    return rule


@transaction.atomic
def rule_move(*, actor: User, rule: CommunityRule, up: bool) -> CommunityRule:
    """Swap the rule with its neighbour above (``up``) or below; numbers the list 1…n."""
    _require(actor)
    rules = list(CommunityRule.objects.select_for_update().order_by("position", "pk"))
    index = next(i for i, r in enumerate(rules) if r.pk == rule.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(rules):
        rules[index], rules[other] = rules[other], rules[index]
    before = {r.code: r.position for r in rules}
    for position, each in enumerate(rules, start=1):
        if each.position != position:
            each.position = position
            each.save(update_fields=["position"])
    moved = next(r for r in rules if r.pk == rule.pk)
    audit_record(
        actor=actor,
        action="rule.move",
        target_kind="rule",
        target_id=rule.pk,
        before={"position": before[moved.code]},
        after={"position": moved.position},
    )
    return moved


@transaction.atomic
def rule_set_active(*, actor: User, rule: CommunityRule, active: bool) -> CommunityRule:
    _require(actor)
    before = rule_snapshot(rule)
    rule.active = active
    rule.save(update_fields=["active"])
    audit_record(
        actor=actor,
        action="rule.activate" if active else "rule.deactivate",
        target_kind="rule",
        target_id=rule.pk,
        before=before,
        after=rule_snapshot(rule),
    )
    return rule


@transaction.atomic
def rule_delete(*, actor: User, rule: CommunityRule) -> None:
    """Delete a rule no decision cites; a cited rule can only be deactivated."""
    _require(actor)
    if rule_is_cited(rule):
        raise ValidationError(
            _("Decisions or sanctions cite “%(title)s”: deactivate it instead of deleting it.")
            % {"title": rule.title}
        )
    before, pk = rule_snapshot(rule), rule.pk
    rule.delete()
    audit_record(actor=actor, action="rule.delete", target_kind="rule", target_id=pk, before=before)


@dataclass(frozen=True)
class StepFields:
    kind: str
    duration_hours: int | None


def _check_ladder(steps: list[StepFields]) -> None:
    if not steps:
        raise ValidationError(_("The ladder needs at least one step."))
    if len(steps) > LADDER_MAX:
        raise ValidationError(_("The ladder has at most %(n)d steps.") % {"n": LADDER_MAX})
    for number, step in enumerate(steps, start=1):
        names = {"n": number}
        if step.kind not in SanctionKind.values:
            raise ValidationError(_("Step %(n)d: unknown kind of sanction.") % names)
        hours = step.duration_hours
        if step.kind == SanctionKind.WARNING and hours is not None:
            raise ValidationError(_("Step %(n)d: a warning has no duration.") % names)
        if step.kind == SanctionKind.MUTE and hours is None:
            raise ValidationError(_("Step %(n)d: give the mute a duration in hours.") % names)
        if hours is not None and not 1 <= hours <= HOURS_MAX:
            raise ValidationError(
                _("Step %(n)d: the duration is between 1 and %(max)d hours.")
                % {"n": number, "max": HOURS_MAX}
            )


@transaction.atomic
def ladder_save(*, actor: User, steps: list[StepFields]) -> list[SanctionStep]:
    """Replace the ladder with ``steps`` (in order). Sanctions already issued keep their step."""
    _require(actor)
    _check_ladder(steps)
    old = list(SanctionStep.objects.select_for_update().order_by("position"))
    before = {"steps": [[s.kind, s.duration_hours] for s in old]}
    SanctionStep.objects.all().delete()
    saved = [
        SanctionStep.objects.create(position=n, kind=s.kind, duration_hours=s.duration_hours)
        for n, s in enumerate(steps, start=1)
    ]
    audit_record(
        actor=actor,
        action="ladder.save",
        target_kind="ladder",
        target_id=None,
        before=before,
        after={"steps": [[s.kind, s.duration_hours] for s in saved]},
    )
    return saved


def settings_snapshot(settings: ModerationSettings) -> dict[str, Any]:
    return {name: getattr(settings, name) for name in SETTINGS_BOUNDS}


@transaction.atomic
def moderation_settings_save(*, actor: User, values: dict[str, Any]) -> ModerationSettings:
    """Set the escalation and report thresholds; every value within its bounds."""
    _require(actor)
    settings = ModerationSettings.objects.select_for_update().filter(pk=1).first()
    settings = settings or ModerationSettings.current()
    before = settings_snapshot(settings)
    for name, value in values.items():
        if name not in SETTINGS_BOUNDS:
            raise ValidationError(_("Unknown setting “%(name)s”.") % {"name": name})
        least, most = SETTINGS_BOUNDS[name]
        if value is None or not least <= value <= most:
            raise ValidationError(
                {
                    name: _("Enter a value from %(least)s to %(most)s.")
                    % {"least": least, "most": most}
                }
            )
        setattr(settings, name, value)
    settings.save()
    audit_record(
        actor=actor,
        action="settings.save",
        target_kind="settings",
        target_id=settings.pk,
        before=before,
        after=settings_snapshot(settings),
    )
    return settings
