"""Fairness: like-ring alerts for review, detection on demand, and the fairness policy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from hearth.accounts.models import User
from hearth.cockpit.fairness_forms import FairnessPolicyForm, RingReviewForm
from hearth.cockpit.forms import apply_errors
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.gamification import selectors
from hearth.gamification.models import AlertStatus, LikeRingAlert
from hearth.gamification.permissions import can_edit_fairness_policy, can_review_like_rings
from hearth.gamification.services import (
    fairness_policy_set,
    like_ring_confirm,
    like_ring_dismiss,
    like_rings_detect,
)


@dataclass(frozen=True)
class AlertRow:
    """One alert as the table draws it, with how many times chance its likes are."""

    alert: LikeRingAlert
    members: list[User]
    times_chance: float | None


def _rows(alerts: list[LikeRingAlert]) -> list[AlertRow]:
    return [
        AlertRow(
            alert=alert,
            members=list(alert.members.all()),
            times_chance=alert.likes / alert.expected if alert.expected else None,
        )
        for alert in alerts
    ]


def _page(
    request: HttpRequest,
    *,
    policy_form: FairnessPolicyForm | None = None,
    review: tuple[int, RingReviewForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    policy = selectors.fairness_policy()
    context: dict[str, Any] = {
        "open_rows": _rows(selectors.like_ring_alerts_open()),
        "reviewed_rows": _rows(selectors.like_ring_alerts_reviewed()),
        "counts": selectors.like_ring_alert_counts(),
        "policy": policy,
        "policy_form": policy_form or FairnessPolicyForm.for_policy(policy),
        "can_edit_policy": can_edit_fairness_policy(request.user),
        "review_pk": review[0] if review else None,
        "review_form": review[1] if review else RingReviewForm(),
    }
    return render_page(
        request, "cockpit/like_rings.html", context, active="like_rings", status=status
    )


@cockpit_view(can_review_like_rings)
def like_rings(request: HttpRequest) -> HttpResponse:
    return _page(request)


@require_POST
@cockpit_view(can_review_like_rings)
def like_rings_run(request: HttpRequest) -> HttpResponse:
    raised = like_rings_detect()
    if raised:
        messages.success(
            request,
            ngettext(
                "Detection raised %(n)d new alert.",
                "Detection raised %(n)d new alerts.",
                len(raised),
            )
            % {"n": len(raised)},
        )
    else:
        messages.success(request, _("Detection found no new like ring."))
    return redirect("cockpit:like_rings")


@require_POST
@cockpit_view(can_review_like_rings)
def like_ring_review(request: HttpRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(LikeRingAlert, pk=pk)
    form = RingReviewForm(request.POST)
    if form.is_valid():
        review = (
            like_ring_confirm
            if form.cleaned_data["decision"] == form.CONFIRM
            else like_ring_dismiss
        )
        try:
            done = review(actor=acting_user(request), alert=alert, note=form.cleaned_data["note"])
        except ValidationError as error:
            if "status" in getattr(error, "error_dict", {}):  # reviewed meanwhile: its row is gone
                messages.error(request, " ".join(error.messages))
                return redirect("cockpit:like_rings")
            apply_errors(form, error)
        else:
            messages.success(request, _confirmation(done))
            return redirect("cockpit:like_rings")
    return _page(request, review=(alert.pk, form), status=400)


def _confirmation(alert: LikeRingAlert) -> str:
    if alert.status == AlertStatus.CONFIRMED:
        return _("Alert confirmed: the points earned by likes within the group are withdrawn.")
    return _("Alert dismissed: nothing changes for these members.")


@require_POST
@cockpit_view(can_edit_fairness_policy)
def fairness_policy_edit(request: HttpRequest) -> HttpResponse:
    form = FairnessPolicyForm(request.POST)
    if form.is_valid():
        try:
            fairness_policy_set(actor=acting_user(request), **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The fairness policy is saved."))
            return redirect("cockpit:like_rings")
    return _page(request, policy_form=form, status=400)
