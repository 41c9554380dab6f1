"""Cockpit: badges (勋章) — the list with holders, the editor, grants and revocations by hand."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.cockpit.badge_forms import AwardForm, BadgeForm
from hearth.cockpit.forms import apply_errors
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.gamification.badge_selectors import (
    badge_changes_recent,
    badge_list_for_cockpit,
    grant_active_for,
    rule_text,
)
from hearth.gamification.models import Badge
from hearth.gamification.permissions import can_manage_badges
from hearth.gamification.services import (
    badge_define,
    badge_grant,
    badge_revoke,
    badges_backfill_report,
)


def _list_page(request: HttpRequest, form: AwardForm, status: int = 200) -> HttpResponse:
    badges = list(badge_list_for_cockpit())
    context = {
        "badges": [(badge, rule_text(badge)) for badge in badges],
        "form": form,
        "changes": badge_changes_recent(limit=30),
        "holders_total": sum(getattr(b, "holders", 0) for b in badges),
        "active_count": sum(1 for b in badges if b.active),
    }
    return render_page(request, "cockpit/badges.html", context, active="badges", status=status)


@cockpit_view(can_manage_badges)
def badge_list(request: HttpRequest) -> HttpResponse:
    initial = {"username": request.GET.get("username", "")}
    return _list_page(request, AwardForm(initial=initial))


def _award(request: HttpRequest, form: AwardForm) -> str:
    """Grant or revoke as the form says; the success message (ValidationError otherwise)."""
    actor = acting_user(request)
    member, badge = form.cleaned_data["username"], form.cleaned_data["badge"]
    reason = form.cleaned_data["reason"]
    names = {"badge": f"{badge.icon} {badge.name}", "name": member.username}
    if form.cleaned_data["action"] == "grant":
        grant = badge_grant(badge=badge, member=member, actor=actor, reason=reason)
        if grant is None:
            return _("%(name)s already holds %(badge)s.") % names
        return _("%(badge)s granted to %(name)s.") % names
    held = grant_active_for(badge=badge, member=member)
    if held is None:
        raise ValidationError({"username": _("%(name)s does not hold %(badge)s.") % names})
    badge_revoke(grant=held, actor=actor, reason=reason)
    return _("%(badge)s taken back from %(name)s.") % names


@require_POST
@cockpit_view(can_manage_badges)
def badge_award(request: HttpRequest) -> HttpResponse:
    form = AwardForm(request.POST)
    if form.is_valid():
        try:
            done = _award(request, form)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("cockpit:badges")
    return _list_page(request, form, status=400)


def _form_page(
    request: HttpRequest, form: BadgeForm, badge: Badge | None, status: int = 200
) -> HttpResponse:
    return render_page(
        request,
        "cockpit/badge_form.html",
        {"form": form, "badge": badge},
        active="badges",
        status=status,
    )


def _save(request: HttpRequest, form: BadgeForm, badge: Badge | None) -> HttpResponse:
    if form.is_valid():
        try:
            saved = badge_define(actor=acting_user(request), badge=badge, **form.badge_fields())
        except ValidationError as error:
            if badge is not None:
                badge.refresh_from_db()
            apply_errors(form, error)
        else:
            messages.success(request, _("Badge “%(name)s” saved.") % {"name": saved.name})
            return redirect("cockpit:badges")
    return _form_page(request, form, badge, status=400)


@cockpit_view(can_manage_badges)
def badge_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, BadgeForm(initial={"active": True}), None)
    return _save(request, BadgeForm(request.POST), None)


@cockpit_view(can_manage_badges)
def badge_edit(request: HttpRequest, pk: int) -> HttpResponse:
    badge = get_object_or_404(Badge, pk=pk)
    if request.method != "POST":
        return _form_page(request, BadgeForm(initial=BadgeForm.initial_for(badge)), badge)
    return _save(request, BadgeForm(request.POST), badge)


@require_POST
@cockpit_view(can_manage_badges)
def badge_backfill(request: HttpRequest, pk: int) -> HttpResponse:
    """Grant the badge to every member who already qualifies (history before the badge)."""
    badge = get_object_or_404(Badge, pk=pk)
    results = badges_backfill_report(badge=badge)
    granted = sum(r.granted for r in results)
    revoked = sum(r.revoked for r in results)
    messages.success(
        request,
        _("“%(name)s” checked against every member: %(granted)d granted, %(revoked)d revoked.")
        % {"name": badge.name, "granted": granted, "revoked": revoked},
    )
    return redirect("cockpit:badge_edit", pk=badge.pk)
