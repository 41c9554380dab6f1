"""Cockpit: the moderation audit log — every action, newest first; read only, by design."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.accounts.models import User
from hearth.cockpit.permissions import can_moderate_content
from hearth.cockpit.views.base import cockpit_view, render_page
from hearth.cockpit.views.sanctions import member_from_username
from hearth.moderation.models import AuditEntry
from hearth.moderation.selectors.audit import (
    AuditFilter,
    audit_actions,
    audit_changes,
    audit_entries,
    audit_target_kinds,
)

PER_PAGE = 50
SYSTEM = "system"

# Labels of the action codes the moderation services record; unknown codes show as they are.
ACTION_LABELS: dict[str, Any] = {
    "sanction.issue": gettext_lazy("Sanction issued"),
    "sanction.lift": gettext_lazy("Sanction lifted"),
    "appeal.file": gettext_lazy("Appeal filed"),
    "appeal.uphold": gettext_lazy("Appeal upheld"),
    "appeal.overturn": gettext_lazy("Decision overturned on appeal"),
    "dispute.open": gettext_lazy("Dispute opened"),
    "dispute.link": gettext_lazy("Dispute: members or posts added"),
    "dispute.note": gettext_lazy("Dispute: staff note"),
    "dispute.message": gettext_lazy("Dispute: message to a member"),
    "dispute.assign": gettext_lazy("Dispute assigned"),
    "dispute.state": gettext_lazy("Dispute state changed"),
    "dispute.resolve": gettext_lazy("Dispute resolved"),
    "rule.add": gettext_lazy("Rule added"),
    "rule.edit": gettext_lazy("Rule edited"),
    "rule.move": gettext_lazy("Rule moved"),
    "rule.activate": gettext_lazy("Rule activated"),
    "rule.deactivate": gettext_lazy("Rule deactivated"),
    "rule.delete": gettext_lazy("Rule deleted"),
    "ladder.save": gettext_lazy("Sanction ladder changed"),
    "settings.save": gettext_lazy("Moderation thresholds changed"),
    "item.approve": gettext_lazy("Post approved"),
    "item.reject": gettext_lazy("Post rejected"),
    "item.edit_approve": gettext_lazy("Post edited and approved"),
    "item.escalate": gettext_lazy("Review escalated"),
    "item.claim": gettext_lazy("Review claimed"),
    "item.release": gettext_lazy("Review released"),
    "report.create": gettext_lazy("Report filed"),
    "content.hide": gettext_lazy("Content hidden by reports"),
    "pipeline.hold": gettext_lazy("Held by the pipeline"),
    "pipeline.flag": gettext_lazy("Flagged by the pipeline"),
    "pipeline.censor": gettext_lazy("Words replaced by the pipeline"),
    "pipeline.block": gettext_lazy("Blocked by the pipeline"),
    "word_list.import": gettext_lazy("Word list imported"),
    "word_list.create": gettext_lazy("Word list created"),
    "word_list.enable": gettext_lazy("Word list enabled"),
    "word_list.disable": gettext_lazy("Word list disabled"),
    "word_list.delete": gettext_lazy("Word list deleted"),
    "word.add": gettext_lazy("Watched word added"),
    "word.edit": gettext_lazy("Watched word edited"),
    "word.delete": gettext_lazy("Watched word deleted"),
    "variant.add": gettext_lazy("Variant added"),
    "variant.edit": gettext_lazy("Variant edited"),
    "variant.delete": gettext_lazy("Variant deleted"),
    "policy.add": gettext_lazy("Moderation policy added"),
    "policy.edit": gettext_lazy("Moderation policy edited"),
    "policy.delete": gettext_lazy("Moderation policy deleted"),
}


def action_label(code: str) -> str:
    label = ACTION_LABELS.get(code)
    return str(label) if label is not None else code


class AuditFilterForm(forms.Form):
    actor = forms.CharField(
        label=gettext_lazy("Actor"),
        max_length=150,
        required=False,
        help_text=gettext_lazy("A username, or “system”."),
    )
    action = forms.ChoiceField(label=gettext_lazy("Action"), required=False)
    member = forms.CharField(label=gettext_lazy("Member concerned"), max_length=150, required=False)
    target_kind = forms.ChoiceField(label=gettext_lazy("Target"), required=False)
    target_id = forms.IntegerField(label=gettext_lazy("Target id"), min_value=1, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        actions = audit_actions()
        prefixes = sorted({code.split(".", 1)[0] + "." for code in actions if "." in code})
        action_field = self.fields["action"]
        kind_field = self.fields["target_kind"]
        if isinstance(action_field, forms.ChoiceField):
            action_field.choices = [
                ("", _("Any action")),
                *[(p, _("All of %(group)s") % {"group": p.rstrip(".")}) for p in prefixes],
                *[(code, action_label(code)) for code in actions],
            ]
        if isinstance(kind_field, forms.ChoiceField):
            kind_field.choices = [("", _("Any target")), *[(k, k) for k in audit_target_kinds()]]

    def clean_actor(self) -> User | str | None:
        value = self.cleaned_data["actor"].strip()
        if value.lower() == SYSTEM:
            return SYSTEM
        return member_from_username(value)

    def clean_member(self) -> User | None:
        return member_from_username(self.cleaned_data["member"])

    def selection(self) -> AuditFilter:
        if not self.is_valid():
            return AuditFilter()
        data = self.cleaned_data
        actor = data["actor"]
        return AuditFilter(
            actor=actor if isinstance(actor, User) else None,
            system_only=actor == SYSTEM,
            action=data["action"],
            member=data["member"],
            target_kind=data["target_kind"],
            target_id=data["target_id"],
        )


_TARGET_URLS = {
    "sanction": None,
    "appeal": "cockpit:appeal",
    "dispute": "cockpit:dispute",
    "rule": "cockpit:rule_edit",
    "topic": "community:topic",
}


def target_url(entry: AuditEntry) -> str | None:
    name = _TARGET_URLS.get(entry.target_kind)
    if name is None or entry.target_id is None:
        return None
    try:
        return reverse(name, args=[entry.target_id])
    except NoReverseMatch:
        return None


@cockpit_view(can_moderate_content)
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    page = Paginator(audit_entries(form.selection()), PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    rows = [
        {
            "entry": entry,
            "label": action_label(entry.action),
            "changes": audit_changes(entry),
            "url": target_url(entry),
        }
        for entry in page.object_list
    ]
    context = {"filter_form": form, "page": page, "rows": rows, "query": query.urlencode()}
    return render_page(request, "cockpit/order/audit.html", context, active="audit")
