from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.accounts.models import User
from hearth.cockpit import selectors
from hearth.cockpit.forms import RoleForm, apply_errors
from hearth.cockpit.permissions import can_manage_staff
from hearth.cockpit.services import staff_role_assign, staff_role_remove
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.core.roles import role_label


def _page(request: HttpRequest, form: RoleForm, status: int = 200) -> HttpResponse:
    return render_page(
        request,
        "cockpit/staff.html",
        {
            "form": form,
            "staff": selectors.staff_list(),
            "changes": selectors.staff_role_changes_recent(limit=20),
        },
        active="staff",
        status=status,
    )


@cockpit_view(can_manage_staff)
def staff(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request, RoleForm(initial={"username": request.GET.get("username", "")}))
    form = RoleForm(request.POST)
    if form.is_valid():
        member, role = form.cleaned_data["username"], form.cleaned_data["role"]
        try:
            added = staff_role_assign(actor=acting_user(request), member=member, role=role)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            text = (
                _("%(name)s is now %(role)s.")
                if added
                else _("%(name)s already had the role %(role)s.")
            )
            messages.success(request, text % {"name": member.username, "role": role_label(role)})
            return redirect("cockpit:staff")
    return _page(request, form, status=400)


@require_POST
@cockpit_view(can_manage_staff)
def staff_remove(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(User, pk=pk)
    role = request.POST.get("role", "")
    try:
        staff_role_remove(actor=acting_user(request), member=member, role=role)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s no longer has the role %(role)s.")
            % {"name": member.username, "role": role_label(role)},
        )
    return redirect("cockpit:staff")
