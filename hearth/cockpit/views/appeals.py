"""Cockpit: appeals (申诉) — pending first; a moderator other than the decider upholds or overturns."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.cockpit.forms import apply_errors
from hearth.cockpit.permissions import can_moderate_content
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.community.models import Status
from hearth.moderation.content import content_get
from hearth.moderation.models import Appeal
from hearth.moderation.selectors.appeals import appeal_counts, appeal_get, appeals_for_cockpit
from hearth.moderation.services.appeals import appeal_decide, appeal_review_refusal
from hearth.moderation.services.sanctions import sanction_sentence

PER_PAGE = 50
OVERTURN = "overturn"
UPHOLD = "uphold"


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[(OVERTURN, gettext_lazy("Overturn")), (UPHOLD, gettext_lazy("Uphold"))],
        error_messages={"required": gettext_lazy("Choose to uphold or overturn.")},
    )
    response = forms.CharField(
        label=gettext_lazy("Answer to the member"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Required to uphold; sent to the member with the outcome."),
    )


@cockpit_view(can_moderate_content)
def appeal_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    if state not in ("", *Appeal.State.values):
        state = ""
    counts = appeal_counts()
    page = Paginator(appeals_for_cockpit(state=state), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "appeals": list(page.object_list),
        "state": state,
        "states": Appeal.State.choices,
        "state_counts": [(key, label, counts[key]) for key, label in Appeal.State.choices],
        "query": f"state={state}" if state else "",
    }
    return render_page(request, "cockpit/order/appeals.html", context, active="appeals")


def _detail_page(
    request: HttpRequest, appeal: Appeal, form: DecisionForm, status: int = 200
) -> HttpResponse:
    item = appeal.item
    content = content_get(item.content_kind, item.content_id) if item else None
    context = {
        "appeal": appeal,
        "form": form,
        "refusal": appeal_review_refusal(request.user, appeal),
        "content": content,
        "content_status": Status(content.status).label if content else "",
        "sentence": sanction_sentence(appeal.sanction) if appeal.sanction else "",
    }
    return render_page(
        request, "cockpit/order/appeal.html", context, active="appeals", status=status
    )


@cockpit_view(can_moderate_content)
def appeal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = appeal_get(pk)
    if appeal is None:
        raise Http404
    if request.method != "POST":
        return _detail_page(request, appeal, DecisionForm())
    form = DecisionForm(request.POST)
    if form.is_valid():
        overturn = form.cleaned_data["decision"] == OVERTURN
        try:
            appeal_decide(
                actor=acting_user(request),
                appeal=appeal,
                overturn=overturn,
                response=form.cleaned_data["response"],
            )
        except (ValidationError, PermissionDenied) as error:
            if isinstance(error, PermissionDenied):
                error = ValidationError(str(error))
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Appeal overturned: the decision is undone and the member is told.")
                if overturn
                else _("Appeal answered: the decision stands and the member is told."),
            )
            return redirect("cockpit:appeals")
    fresh = appeal_get(pk)
    return _detail_page(request, fresh or appeal, form, status=400)
