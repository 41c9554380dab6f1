"""Cockpit pages of onboarding: completion by channel and join week, the settings (welcome
message and thresholds, with a preview) and one member's checklist."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hearth.accounts.models import User
from hearth.cockpit.forms import apply_errors
from hearth.cockpit.permissions import can_manage_growth, can_view_growth
from hearth.cockpit.views.base import cockpit_view, render_page
from hearth.growth.onboarding.checklist import checklist_for
from hearth.growth.onboarding.config import (
    WELCOME_MAX,
    default_welcome_text,
    onboarding_settings_get,
    onboarding_settings_update,
    welcome_text_render,
)
from hearth.growth.onboarding.report import onboarding_report
from hearth.growth.onboarding.services import progress_get_or_build
from hearth.growth.onboarding.stall import onboarding_stall_step

DEFAULT_DAYS = 30


class PeriodForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("Joined from"), required=False)
    end = forms.DateField(label=gettext_lazy("to"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise ValidationError({"end": _("The end comes before the start.")})
        return data


class SettingsForm(forms.Form):
    welcome_enabled = forms.BooleanField(
        label=gettext_lazy("Send a welcome message"), required=False
    )
    welcome_text = forms.CharField(
        label=gettext_lazy("Welcome message"),
        required=False,
        max_length=WELCOME_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "{name} is replaced by the member's name. Empty for the default text."
        ),
    )
    boards_required = forms.IntegerField(
        label=gettext_lazy("Boards to follow"), min_value=1, max_value=20
    )
    reads_required = forms.IntegerField(
        label=gettext_lazy("Topics to read"), min_value=1, max_value=50
    )


def _period(form: PeriodForm) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) from the form's dates (the end day included); the last 30 days by default."""
    today = timezone.localdate()
    data = form.cleaned_data if form.is_valid() else {}
    end_day = data.get("end") or today
    start_day = data.get("start") or end_day - dt.timedelta(days=DEFAULT_DAYS - 1)
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(start_day, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(end_day + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return start, end


def _settings_form() -> SettingsForm:
    current = onboarding_settings_get()
    return SettingsForm(
        initial={
            "welcome_enabled": current.welcome_enabled,
            "welcome_text": current.welcome_text,
            "boards_required": current.boards_required,
            "reads_required": current.reads_required,
        }
    )


def _page(request: HttpRequest, settings_form: SettingsForm, *, status: int = 200) -> HttpResponse:
    period_form = PeriodForm(request.GET or None)
    start, end = _period(period_form)
    report = onboarding_report(start=start, end=end)
    context = {
        "report": report,
        "chart": report.chart(),
        "period_form": period_form,
        "start_day": start.date(),
        "end_day": (end - dt.timedelta(days=1)).date(),
        "settings_form": settings_form,
        "preview": welcome_text_render(
            str(settings_form["welcome_text"].value() or ""), name=_("Xiao Lin")
        ),
        "can_edit": can_manage_growth(request.user),
        "default_text": default_welcome_text(),
    }
    return render_page(
        request,
        "cockpit/growth/onboarding/report.html",
        context,
        active="onboarding",
        status=status,
    )


@cockpit_view(can_view_growth)
def onboarding_overview(request: HttpRequest) -> HttpResponse:
    return _page(request, _settings_form())


@cockpit_view(can_manage_growth)
@require_POST
def onboarding_settings_edit(request: HttpRequest) -> HttpResponse:
    form = SettingsForm(request.POST)
    if form.is_valid():
        try:
            onboarding_settings_update(**form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Onboarding settings saved."))
            return redirect("cockpit:growth_onboarding")
    return _page(request, form, status=400)


@cockpit_view(can_manage_growth)
@require_POST
def onboarding_welcome_preview(request: HttpRequest) -> HttpResponse:
    """The welcome message as a member named Xiao Lin would read it (htmx fragment)."""
    text = str(request.POST.get("welcome_text", ""))[: WELCOME_MAX * 2]
    preview = welcome_text_render(text, name=_("Xiao Lin"))
    return render(
        request,
        "cockpit/growth/onboarding/_preview.html",
        {"preview": preview, "too_long": len(text) > WELCOME_MAX},
    )


@cockpit_view(can_view_growth)
def onboarding_member(request: HttpRequest, username: str) -> HttpResponse:
    """One member's checklist as staff see it."""
    member = get_object_or_404(User, username=username)
    progress = progress_get_or_build(member_id=member.pk)
    context = {
        "member": member,
        "checklist": checklist_for(member=member, progress=progress),
        "stall_step": onboarding_stall_step(progress),
    }
    return render_page(
        request, "cockpit/growth/onboarding/member.html", context, active="onboarding"
    )


@cockpit_view(can_view_growth)
def onboarding_member_find(request: HttpRequest) -> HttpResponse:
    """The lookup box: an exact username opens that member's checklist."""
    query = str(request.GET.get("q", "")).strip().lstrip("@")
    member = User.objects.filter(username__iexact=query).first() if query else None
    if member is None:
        messages.error(request, _("No member is called “%(q)s”.") % {"q": query[:40]})
        return redirect("cockpit:growth_onboarding")
    return redirect("cockpit:growth_onboarding_member", username=member.username)
