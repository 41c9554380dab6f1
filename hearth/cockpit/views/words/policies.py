"""Moderation policies: per board and member level, what each signal does. One form per row."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.cockpit.forms import apply_errors
from hearth.cockpit.permissions import can_moderate_content
from hearth.cockpit.views.base import acting_user, cockpit_view
from hearth.cockpit.views.words.common import words_page
from hearth.cockpit.words_forms import PolicyForm
from hearth.moderation.models import ModerationPolicy
from hearth.moderation.words import selectors
from hearth.moderation.words.permissions import can_manage_words
from hearth.moderation.words.policy_services import policy_delete, policy_save

NEW_PREFIX = "new"


def _prefix(policy: ModerationPolicy) -> str:
    return f"p{policy.pk}"


def _form(policy: ModerationPolicy, data: QueryDict | None = None) -> PolicyForm:
    form = PolicyForm.for_policy(policy, data=data, prefix=_prefix(policy))
    if policy.board_id is None and policy.max_level_position is None:
        form.lock_scope()
    return form


def _page(
    request: HttpRequest,
    *,
    bound: tuple[int | None, PolicyForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    rows = []
    for policy in selectors.policies_for_cockpit():
        form = bound[1] if bound and bound[0] == policy.pk else _form(policy)
        rows.append((policy, form))
    new_form = (
        bound[1]
        if bound and bound[0] is None
        else PolicyForm(
            prefix=NEW_PREFIX, initial=PolicyForm.for_policy(ModerationPolicy()).initial
        )
    )
    context = {"rows": rows, "new_form": new_form, "bound_pk": bound[0] if bound else None}
    return words_page(request, "policies.html", context, tab="policies", status=status)


@cockpit_view(can_moderate_content)
def moderation_policies(request: HttpRequest) -> HttpResponse:
    return _page(request)


def _save(request: HttpRequest, policy: ModerationPolicy | None) -> HttpResponse:
    form = _form(policy, request.POST) if policy else PolicyForm(request.POST, prefix=NEW_PREFIX)
    if form.is_valid():
        try:
            policy_save(actor=acting_user(request), policy=policy, values=form.values())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Policy saved."))
            return redirect("cockpit:moderation_policies")
    return _page(request, bound=(policy.pk if policy else None, form), status=400)


@require_POST
@cockpit_view(can_manage_words)
def policy_new(request: HttpRequest) -> HttpResponse:
    return _save(request, None)


@require_POST
@cockpit_view(can_manage_words)
def policy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _save(request, get_object_or_404(ModerationPolicy, pk=pk))


@require_POST
@cockpit_view(can_manage_words)
def policy_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    policy = get_object_or_404(ModerationPolicy, pk=pk)
    try:
        policy_delete(actor=acting_user(request), policy=policy)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Policy deleted."))
    return redirect("cockpit:moderation_policies")
