"""The member's invite codes page (我的邀请码)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts import invites
from hearth.accounts.models import User


@login_required
def invite_codes(request: HttpRequest) -> HttpResponse:
    member = request.user
    assert isinstance(member, User)
    if request.method == "POST":
        try:
            code = invites.invite_code_issue(member=member)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("New invite code: %(code)s") % {"code": code.code})
        return redirect("accounts:invites")
    context = {
        "quota": invites.invite_quota_for(member=member),
        "codes": invites.invite_codes_for(member=member)[:100],
        "invite_base": request.build_absolute_uri("/") + "?invite=",
        "now": timezone.now(),
    }
    return render(request, "accounts/invites.html", context)
