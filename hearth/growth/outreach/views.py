"""Member-facing pages of outreach: unsubscribe by signed link, and one's own message choices."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from hearth.accounts.models import User
from hearth.growth.outreach.preferences import message_preference_for, message_preference_set
from hearth.growth.outreach.tokens import UnsubscribeTokenError, unsubscribe_member_id

TEMPLATE = "growth/outreach/unsubscribe.html"


def _member_of(token: str) -> User | None:
    try:
        member_id = unsubscribe_member_id(token)
    except UnsubscribeTokenError:
        return None
    return User.objects.filter(pk=member_id, is_active=True).first()


@csrf_exempt  # the signed token is the proof; mail clients post here for one-click unsubscribe
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks; POST unsubscribes from e-mail (and from in-site messages when ticked).

    A changed or foreign link gets a clear error page and changes nothing.
    """
    member = _member_of(token)
    if member is None:
        return render(request, TEMPLATE, {"invalid": True}, status=400)
    if request.method == "POST":
        in_site_off = request.POST.get("in_site") == "off"
        pref = message_preference_set(
            member=member, email=False, in_site=False if in_site_off else None
        )
        return render(request, TEMPLATE, {"done": True, "member": member, "pref": pref})
    pref = message_preference_for(member)
    return render(request, TEMPLATE, {"member": member, "pref": pref, "token": token})


@login_required
def message_preferences(request: HttpRequest) -> HttpResponse:
    """The member's own choices: outreach e-mail and in-site messages, on or off."""
    member = request.user
    assert isinstance(member, User)
    if request.method == "POST":
        message_preference_set(
            member=member,
            email=request.POST.get("email") == "on",
            in_site=request.POST.get("in_site") == "on",
        )
        messages.success(request, _("Your message choices are saved."))
        return redirect("outreach:preferences")
    return render(
        request, "growth/outreach/preferences.html", {"pref": message_preference_for(member)}
    )
