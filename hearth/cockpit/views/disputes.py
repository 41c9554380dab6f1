"""Cockpit: disputes (纠纷) — the list by state, opening a case, its timeline and actions."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hearth.accounts.models import User
from hearth.cockpit.forms import apply_errors
from hearth.cockpit.permissions import can_moderate_content
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.moderation.models import Dispute
from hearth.moderation.selectors.disputes import dispute_case, dispute_counts, disputes_for_cockpit
from hearth.moderation.services.disputes import (
    CONTENTS_MAX,
    PARTIES_MAX,
    TEXT_MAX,
    TITLE_MAX,
    PostRef,
    content_ref_parse,
    dispute_assign,
    dispute_link,
    dispute_message,
    dispute_note,
    dispute_open,
    dispute_resolve,
    dispute_set_state,
)

PER_PAGE = 50
_SEPARATORS = re.compile(r"[\s,，、;；]+")
NOTE = "note"


def _members(text: str) -> list[User]:
    names = list(
        dict.fromkeys(n.lstrip("@") for n in _SEPARATORS.split(text or "") if n.strip("@"))
    )
    if len(names) > PARTIES_MAX:
        raise ValidationError(_("At most %(n)d members.") % {"n": PARTIES_MAX})
    match = Q()
    for name in names:
        match |= Q(username__iexact=name)
    found = {u.username.lower(): u for u in User.objects.filter(match)} if names else {}
    unknown = [n for n in names if n.lower() not in found]
    if unknown:
        raise ValidationError(
            _("No member with the username: %(names)s") % {"names": ", ".join(unknown)}
        )
    return [found[n.lower()] for n in names]


def _refs(text: str) -> list[PostRef]:
    lines = [line for line in (text or "").splitlines() if line.strip()]
    if len(lines) > CONTENTS_MAX:
        raise ValidationError(_("Link at most %(n)d posts.") % {"n": CONTENTS_MAX})
    errors, refs = [], []
    for number, line in enumerate(lines, start=1):
        try:
            refs.append(content_ref_parse(line))
        except ValidationError as error:
            errors.append(_("Line %(n)d: %(error)s") % {"n": number, "error": error.messages[0]})
    if errors:
        raise ValidationError(errors)
    return refs


_PARTIES_HELP = gettext_lazy("Usernames, separated by commas or spaces.")
_CONTENTS_HELP = gettext_lazy(
    "One per line: a topic or reply address (…/t/12/#reply-34), or topic:12 / reply:34."
)


class DisputeForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=TITLE_MAX)
    parties = forms.CharField(label=gettext_lazy("Members involved"), help_text=_PARTIES_HELP)
    contents = forms.CharField(
        label=gettext_lazy("Posts concerned"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_CONTENTS_HELP,
    )
    note = forms.CharField(
        label=gettext_lazy("First note"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("For staff only."),
    )

    def clean_parties(self) -> list[User]:
        return _members(self.cleaned_data["parties"])

    def clean_contents(self) -> list[PostRef]:
        return _refs(self.cleaned_data["contents"])


class LinkForm(forms.Form):
    parties = forms.CharField(
        label=gettext_lazy("Add members"), required=False, help_text=_PARTIES_HELP
    )
    contents = forms.CharField(
        label=gettext_lazy("Add posts"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_CONTENTS_HELP,
    )

    def clean_parties(self) -> list[User]:
        return _members(self.cleaned_data["parties"])

    def clean_contents(self) -> list[PostRef]:
        return _refs(self.cleaned_data["contents"])


def _moderators() -> QuerySet[User]:
    perm = Permission.objects.filter(
        codename="moderate_content", content_type__app_label="community"
    ).first()
    if perm is None:
        return User.objects.filter(is_superuser=True, is_active=True).order_by("username")
    return (
        User.objects.filter(
            Q(groups__permissions=perm) | Q(user_permissions=perm) | Q(is_superuser=True),
            is_active=True,
        )
        .distinct()
        .order_by("username")
    )


class EntryForm(forms.Form):
    recipient = forms.ChoiceField(label=gettext_lazy("To"))
    text = forms.CharField(
        label=gettext_lazy("Text"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, dispute: Dispute, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parties = [(str(u.pk), f"@{u.username}") for u in dispute.parties.order_by("username")]
        field = self.fields["recipient"]
        if isinstance(field, forms.ChoiceField):
            field.choices = [(NOTE, _("Staff note (not sent)")), *parties]


if TYPE_CHECKING:
    _UserChoiceField = forms.ModelChoiceField[User]
else:
    _UserChoiceField = forms.ModelChoiceField


class StaffChoiceField(_UserChoiceField):
    """Moderators by username and name (the name alone may be a nickname)."""

    def label_from_instance(self, obj: Any) -> str:
        return f"@{obj.username} · {obj.name}"


class AssignForm(forms.Form):
    assignee = StaffChoiceField(
        label=gettext_lazy("Assignee"),
        queryset=User.objects.none(),
        required=False,
        empty_label=gettext_lazy("Nobody"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = _moderators()


class StateForm(forms.Form):
    state = forms.ChoiceField(
        label=gettext_lazy("State"),
        choices=[
            (Dispute.State.OPEN, Dispute.State.OPEN.label),
            (Dispute.State.IN_PROGRESS, Dispute.State.IN_PROGRESS.label),
            (Dispute.State.CLOSED, Dispute.State.CLOSED.label),
        ],
    )


class ResolveForm(forms.Form):
    outcome = forms.CharField(
        label=gettext_lazy("Outcome"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("What was decided and done (sanctions, credits, apologies)."),
    )


@cockpit_view(can_moderate_content)
def dispute_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    if state not in ("", *Dispute.State.values):
        state = ""
    counts = dispute_counts()
    page = Paginator(disputes_for_cockpit(state=state), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "disputes": list(page.object_list),
        "state": state,
        "states": Dispute.State.choices,
        "state_counts": [(key, label, counts[key]) for key, label in Dispute.State.choices],
        "query": f"state={state}" if state else "",
    }
    return render_page(request, "cockpit/order/disputes.html", context, active="disputes")


def _new_page(request: HttpRequest, form: DisputeForm, status: int = 200) -> HttpResponse:
    return render_page(
        request, "cockpit/order/dispute_form.html", {"form": form}, active="disputes", status=status
    )


@cockpit_view(can_moderate_content)
def dispute_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _new_page(request, DisputeForm(initial={"parties": request.GET.get("members", "")}))
    form = DisputeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            dispute = dispute_open(
                actor=acting_user(request),
                title=data["title"],
                parties=data["parties"],
                contents=data["contents"],
                note=data["note"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Dispute opened."))
            return redirect("cockpit:dispute", pk=dispute.pk)
    return _new_page(request, form, status=400)


def _detail_page(
    request: HttpRequest,
    dispute: Dispute,
    *,
    forms_given: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    given = forms_given or {}
    context: dict[str, Any] = {
        "case": dispute_case(dispute),
        "entry_form": given.get("entry") or EntryForm(dispute=dispute),
        "assign_form": given.get("assign") or AssignForm(initial={"assignee": dispute.assignee_id}),
        "state_form": given.get("state") or StateForm(initial={"state": dispute.state}),
        "resolve_form": given.get("resolve") or ResolveForm(),
        "link_form": given.get("link") or LinkForm(),
        "failed": next(iter(given), ""),
    }
    return render_page(
        request, "cockpit/order/dispute.html", context, active="disputes", status=status
    )


@cockpit_view(can_moderate_content)
def dispute_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = get_object_or_404(Dispute.objects.select_related("assignee", "opened_by"), pk=pk)
    return _detail_page(request, dispute)


Action = Callable[[User, Dispute, dict[str, Any]], str]


def _act(request: HttpRequest, pk: int, key: str, form: forms.Form, action: Action) -> HttpResponse:
    """Validate ``form``, run ``action`` (its success message), or redraw the case with errors."""
    dispute = get_object_or_404(Dispute.objects.select_related("assignee", "opened_by"), pk=pk)
    if form.is_valid():
        try:
            done = action(acting_user(request), dispute, form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            if isinstance(error, PermissionDenied):
                error = ValidationError(str(error))
            apply_errors(form, error)
            dispute.refresh_from_db()
        else:
            messages.success(request, done)
            return redirect("cockpit:dispute", pk=dispute.pk)
    return _detail_page(request, dispute, forms_given={key: form}, status=400)


def _entry(actor: User, dispute: Dispute, data: dict[str, Any]) -> str:
    if data["recipient"] == NOTE:
        dispute_note(actor=actor, dispute=dispute, text=data["text"])
        return _("Note added.")
    recipient = dispute.parties.filter(pk=int(data["recipient"])).first()
    if recipient is None:
        raise ValidationError({"recipient": _("Send messages to members involved in the dispute.")})
    dispute_message(actor=actor, dispute=dispute, recipient=recipient, text=data["text"])
    return _("Message sent to @%(name)s.") % {"name": recipient.username}


@require_POST
@cockpit_view(can_moderate_content)
def dispute_entry(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = get_object_or_404(Dispute, pk=pk)
    return _act(request, pk, "entry", EntryForm(request.POST, dispute=dispute), _entry)


@require_POST
@cockpit_view(can_moderate_content)
def dispute_assign_view(request: HttpRequest, pk: int) -> HttpResponse:
    def run(actor: User, dispute: Dispute, data: dict[str, Any]) -> str:
        dispute_assign(actor=actor, dispute=dispute, assignee=data["assignee"])
        return _("Assignee saved.")

    return _act(request, pk, "assign", AssignForm(request.POST), run)


@require_POST
@cockpit_view(can_moderate_content)
def dispute_state_view(request: HttpRequest, pk: int) -> HttpResponse:
    def run(actor: User, dispute: Dispute, data: dict[str, Any]) -> str:
        dispute_set_state(actor=actor, dispute=dispute, state=data["state"])
        return _("State saved.")

    return _act(request, pk, "state", StateForm(request.POST), run)


@require_POST
@cockpit_view(can_moderate_content)
def dispute_resolve_view(request: HttpRequest, pk: int) -> HttpResponse:
    def run(actor: User, dispute: Dispute, data: dict[str, Any]) -> str:
        dispute_resolve(actor=actor, dispute=dispute, outcome=data["outcome"])
        return _("Dispute resolved.")

    return _act(request, pk, "resolve", ResolveForm(request.POST), run)


@require_POST
@cockpit_view(can_moderate_content)
def dispute_link_view(request: HttpRequest, pk: int) -> HttpResponse:
    def run(actor: User, dispute: Dispute, data: dict[str, Any]) -> str:
        dispute_link(
            actor=actor, dispute=dispute, parties=data["parties"], contents=data["contents"]
        )
        return _("Added to the dispute.")

    return _act(request, pk, "link", LinkForm(request.POST), run)
