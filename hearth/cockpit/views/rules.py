"""Cockpit: the rules of order — community rules (社区规则), the sanction ladder, the thresholds.

Moderators see all three; community managers (who also edit the brand) change them.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hearth.cockpit.forms import apply_errors
from hearth.cockpit.permissions import can_moderate_content
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.moderation.models import (
    CommunityRule,
    ModerationSettings,
    ReviewItem,
    Sanction,
    SanctionKind,
)
from hearth.moderation.selectors.sanctions import ladder_steps
from hearth.moderation.services.rules import (
    HOURS_MAX,
    LADDER_MAX,
    SETTINGS_BOUNDS,
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


class RuleForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=120)
    code = forms.SlugField(
        label=gettext_lazy("Code"),
        max_length=40,
        required=False,
        help_text=gettext_lazy("Letters, digits and hyphens; the anchor on the rules page."),
    )
    body = forms.CharField(
        label=gettext_lazy("Explanation"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    active = forms.BooleanField(
        label=gettext_lazy("Active (published and citable)"), required=False
    )

    def fields_value(self) -> RuleFields:
        data = self.cleaned_data
        return RuleFields(
            title=data["title"], body=data["body"], code=data["code"], active=data["active"]
        )


def _cited_counts() -> dict[int, int]:
    counts: dict[int, int] = {}
    for model in (ReviewItem, Sanction):
        rows = model.objects.filter(rule__isnull=False).values("rule_id").annotate(n=Count("pk"))
        for row in rows:
            counts[row["rule_id"]] = counts.get(row["rule_id"], 0) + row["n"]
    return counts


@cockpit_view(can_moderate_content)
def rule_list(request: HttpRequest) -> HttpResponse:
    cited = _cited_counts()
    rules = list(CommunityRule.objects.order_by("position", "pk"))
    context = {
        "rows": [{"rule": r, "cited": cited.get(r.pk, 0)} for r in rules],
        "can_edit": can_edit_rules(request.user),
    }
    return render_page(request, "cockpit/order/rules.html", context, active="rules")


def _form_page(
    request: HttpRequest, form: RuleForm, rule: CommunityRule | None, status: int = 200
) -> HttpResponse:
    return render_page(
        request,
        "cockpit/order/rule_form.html",
        {"form": form, "rule": rule},
        active="rules",
        status=status,
    )


def _save(request: HttpRequest, form: RuleForm, rule: CommunityRule | None) -> HttpResponse:
    if form.is_valid():
        try:
            saved = rule_save(actor=acting_user(request), rule=rule, fields=form.fields_value())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Rule “%(title)s” saved.") % {"title": saved.title})
            return redirect("cockpit:rules")
    return _form_page(request, form, rule, status=400)


@cockpit_view(can_edit_rules)
def rule_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, RuleForm(initial={"active": True}), None)
    return _save(request, RuleForm(request.POST), None)


@cockpit_view(can_edit_rules)
def rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(CommunityRule, pk=pk)
    if request.method != "POST":
        initial = {"title": rule.title, "code": rule.code, "body": rule.body, "active": rule.active}
        return _form_page(request, RuleForm(initial=initial), rule)
    return _save(request, RuleForm(request.POST), rule)


@require_POST
@cockpit_view(can_edit_rules)
def rule_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(CommunityRule, pk=pk)
    rule_move(actor=acting_user(request), rule=rule, up=request.POST.get("direction") != "down")
    return redirect("cockpit:rules")


@require_POST
@cockpit_view(can_edit_rules)
def rule_active_view(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(CommunityRule, pk=pk)
    active = request.POST.get("active") == "1"
    rule_set_active(actor=acting_user(request), rule=rule, active=active)
    text = _("“%(title)s” is published again.") if active else _("“%(title)s” is deactivated.")
    messages.success(request, text % {"title": rule.title})
    return redirect("cockpit:rules")


@require_POST
@cockpit_view(can_edit_rules)
def rule_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(CommunityRule, pk=pk)
    try:
        rule_delete(actor=acting_user(request), rule=rule)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Rule “%(title)s” deleted.") % {"title": rule.title})
    return redirect("cockpit:rules")


# The ladder and the thresholds -------------------------------------------------------------


class StepForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[("", gettext_lazy("(no step)")), *SanctionKind.choices],
        required=False,
    )
    duration_hours = forms.IntegerField(
        label=gettext_lazy("Hours"), min_value=1, max_value=HOURS_MAX, required=False
    )


StepFormSet = forms.formset_factory(StepForm, extra=0, max_num=LADDER_MAX, absolute_max=LADDER_MAX)


def _bounded(label: Any, name: str, help_text: Any = "") -> forms.Field:
    least, most = SETTINGS_BOUNDS[name]
    if isinstance(least, float) or isinstance(most, float):
        return forms.FloatField(label=label, min_value=least, max_value=most, help_text=help_text)
    return forms.IntegerField(
        label=label, min_value=int(least), max_value=int(most), help_text=help_text
    )


class SettingsForm(forms.Form):
    warnings_to_escalate = _bounded(
        gettext_lazy("Warnings that escalate"),
        "warnings_to_escalate",
        gettext_lazy("0 turns escalation off."),
    )
    escalation_window_days = _bounded(
        gettext_lazy("Escalation window (days)"),
        "escalation_window_days",
        gettext_lazy("Warnings and sanctions older than this no longer count for the ladder."),
    )
    reports_per_day = _bounded(gettext_lazy("Reports per member per day"), "reports_per_day")
    hide_after_reports = _bounded(
        gettext_lazy("Trusted reports that hide content"),
        "hide_after_reports",
        gettext_lazy("0: reports never hide content before review."),
    )
    trusted_min_level = _bounded(
        gettext_lazy("Trusted reporters' minimum level"), "trusted_min_level"
    )
    trusted_min_accuracy = _bounded(
        gettext_lazy("Trusted reporters' minimum accuracy"),
        "trusted_min_accuracy",
        gettext_lazy("Share of their reports that were upheld, from 0 to 1."),
    )


def _ladder_initial() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {"kind": s.kind, "duration_hours": s.duration_hours} for s in ladder_steps()
    ]
    return rows + [{"kind": "", "duration_hours": None}] * (LADDER_MAX - len(rows))


def _settings_form() -> SettingsForm:
    current = ModerationSettings.current()
    return SettingsForm(initial={name: getattr(current, name) for name in SETTINGS_BOUNDS})


def _ladder_page(
    request: HttpRequest,
    *,
    steps: Any = None,
    settings_form: SettingsForm | None = None,
    ladder_error: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "steps": steps or StepFormSet(initial=_ladder_initial(), prefix="step"),
        "ladder": ladder_steps(),
        "settings_form": settings_form or _settings_form(),
        "current": ModerationSettings.current(),
        "ladder_error": ladder_error,
        "can_edit": can_edit_rules(request.user),
    }
    return render_page(
        request, "cockpit/order/ladder.html", context, active="sanctions", status=status
    )


@cockpit_view(can_moderate_content)
def ladder_view(request: HttpRequest) -> HttpResponse:
    return _ladder_page(request)


@require_POST
@cockpit_view(can_edit_rules)
def ladder_edit(request: HttpRequest) -> HttpResponse:
    steps = StepFormSet(request.POST, prefix="step")
    if not steps.is_valid():
        errors = [str(e) for e in steps.non_form_errors()]
        for number, form in enumerate(steps.forms, start=1):
            for message in (m for messages_ in form.errors.values() for m in messages_):
                errors.append(_("Step %(n)d: %(error)s") % {"n": number, "error": message})
        return _ladder_page(request, steps=steps, ladder_error=" ".join(errors), status=400)
    wanted = [
        StepFields(kind=f.cleaned_data["kind"], duration_hours=f.cleaned_data["duration_hours"])
        for f in steps.forms
        if f.cleaned_data.get("kind")
    ]
    try:
        ladder_save(actor=acting_user(request), steps=wanted)
    except ValidationError as error:
        return _ladder_page(request, steps=steps, ladder_error=" ".join(error.messages), status=400)
    messages.success(request, _("The sanction ladder is saved."))
    return redirect("cockpit:sanction_ladder")


@require_POST
@cockpit_view(can_edit_rules)
def settings_edit(request: HttpRequest) -> HttpResponse:
    form = SettingsForm(request.POST)
    if form.is_valid():
        try:
            moderation_settings_save(actor=acting_user(request), values=form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The thresholds are saved."))
            return redirect("cockpit:sanction_ladder")
    return _ladder_page(request, settings_form=form, status=400)
