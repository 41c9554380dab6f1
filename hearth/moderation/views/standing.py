"""Member pages: my standing (warnings, mutes, bans, rejected posts) and dismissing the banner."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from hearth.accounts.models import User
from hearth.core.standing import posting_restriction
from hearth.moderation.models import Sanction
from hearth.moderation.selectors.sanctions import (
    RejectedPost,
    rejections_for,
    sanction_history_for,
    sanction_is_active,
)
from hearth.moderation.services.appeals import item_appeal_refusal, sanction_appeal_refusal
from hearth.moderation.services.sanctions import sanction_sentence, sanctions_mark_seen


def _member(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


@dataclass(frozen=True)
class SanctionRow:
    sanction: Sanction
    sentence: str
    active: bool
    can_appeal: bool


@dataclass(frozen=True)
class RejectionRow:
    post: RejectedPost
    can_appeal: bool


@login_required
def my_standing(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    now = timezone.now()
    sanctions = [
        SanctionRow(
            sanction=s,
            sentence=sanction_sentence(s),
            active=sanction_is_active(s, now),
            can_appeal=sanction_appeal_refusal(member, s) is None,
        )
        for s in sanction_history_for(member)
    ]
    rejections = [
        RejectionRow(post=p, can_appeal=item_appeal_refusal(member, p.item) is None)
        for p in rejections_for(member)
    ]
    context = {
        "restriction": posting_restriction(member, None),
        "sanctions": sanctions,
        "rejections": rejections,
    }
    return render(request, "moderation/standing/standing.html", context)


@require_POST
@login_required
def standing_seen(request: HttpRequest) -> HttpResponse:
    """Dismiss the banner: every sanction shown to the member is marked seen."""
    sanctions_mark_seen(member=_member(request))
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("moderation:standing")
