"""Member pages of onboarding: the checklist (with boards to follow) and the card's dismissal."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.accounts.models import User
from hearth.accounts.services import profile_update
from hearth.growth.onboarding.checklist import checklist_for
from hearth.growth.onboarding.forms import InterestsForm
from hearth.growth.onboarding.recommendations import board_recommendations, interest_choices
from hearth.growth.onboarding.services import onboarding_dismiss, progress_get_or_build


def _member(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@login_required
def welcome(request: HttpRequest) -> HttpResponse:
    """The checklist; a POST saves the interests ticked and re-ranks the boards."""
    member = _member(request)
    current = [str(i) for i in (member.interests or [])]
    form = InterestsForm(
        request.POST or None, choices=interest_choices(member=member), current=current, prefix="onb"
    )
    if request.method == "POST" and form.is_valid():
        try:
            profile_update(member=member, interests=form.cleaned_data["interests"])
        except ValidationError as exc:
            form.add_error(None, exc.messages[0] if exc.messages else _("Please check your input."))
        else:
            return redirect(f"{request.path}#boards")
    progress = progress_get_or_build(member_id=member.pk)
    context = {
        "checklist": checklist_for(member=member, progress=progress),
        "recommendations": board_recommendations(member=member),
        "form": form,
    }
    return render(request, "growth/onboarding/welcome.html", context)


@login_required
@require_POST
def dismiss(request: HttpRequest) -> HttpResponse:
    """Hide the home page card (htmx swaps it out; without htmx, back home)."""
    onboarding_dismiss(member=_member(request))
    if request.headers.get("HX-Request"):
        return HttpResponse("")
    return redirect("community:home")
