"""Outreach pages: compose (with a preview), the list, one outreach with its lift, send the rest."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.accounts.models import User
from hearth.cockpit.forms import apply_errors
from hearth.cockpit.forms_growth_rescue import OutreachForm
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.cockpit.views.growth_rescue.audience import ResolvedAudience, audience_resolve
from hearth.growth.models import (
    Outreach,
    OutreachKind,
    OutreachRecipient,
    RecipientGroup,
    SkipReason,
)
from hearth.growth.outreach.lift import Lift, outreach_lift, outreach_returns_update
from hearth.growth.outreach.mail import message_render, outreach_body
from hearth.growth.outreach.permissions import can_rescue_members
from hearth.growth.outreach.services import outreach_create, outreach_pending_count, outreach_send


def _site(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _preview(
    request: HttpRequest, data: dict[str, Any], resolved: ResolvedAudience
) -> dict[str, str]:
    sample = User.objects.filter(pk__in=resolved.audience.member_ids[:1]).first()
    if sample is None:
        return {}
    draft = Outreach(subject=data["subject"], body=data["body"], event=data.get("event"))
    if data.get("kind") != OutreachKind.EVENT_INVITE:
        draft.event = None
    return {
        "member": sample.name,
        "subject": message_render(draft.subject, sample),
        "body": outreach_body(draft, sample, _site(request)),
    }


def _compose(
    request: HttpRequest, form: OutreachForm, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render_page(
        request,
        "cockpit/growth/rescue/compose.html",
        {"form": form, **context},
        active="outreach",
        status=status,
    )


@cockpit_view(can_rescue_members)
def outreach_new(request: HttpRequest) -> HttpResponse:
    """GET/“start” POST: the form for an audience; POST: preview, or create and send."""
    source = request.POST if request.method == "POST" else request.GET
    if request.method != "POST" or "start" in source:
        members = ",".join(source.getlist("member")) or source.get("members", "")
        kind = source.get("kind", OutreachKind.MESSAGE)
        initial = {
            "members": members,
            "queue": source.get("queue", ""),
            "kind": kind,
            "segment": source.get("segment") or None,
        }
        form = OutreachForm(initial=initial)
        resolved = None
        probe = OutreachForm(
            {
                **initial,
                "kind": kind,
                "name": "-",
                "subject": "-",
                "body": "-",
                "holdout_percent": 10,
                "return_days": 7,
            }
        )
        if probe.is_valid():
            try:
                resolved = audience_resolve(probe.cleaned_data)
            except ValidationError:
                resolved = None
        return _compose(request, form, {"resolved": resolved})
    form = OutreachForm(request.POST)
    resolved = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            resolved = audience_resolve(data)
            if "preview" in request.POST:
                return _compose(
                    request,
                    form,
                    {"resolved": resolved, "preview": _preview(request, data, resolved)},
                )
            outreach = outreach_create(
                name=data["name"],
                subject=data["subject"],
                body=data["body"],
                member_ids=resolved.audience.member_ids,
                audience=resolved.label,
                in_site=data["in_site"],
                email=data["email"],
                kind=data["kind"],
                event=data.get("event"),
                segment_id=resolved.segment_id,
                holdout_share=data["holdout_percent"] / 100,
                return_days=data["return_days"],
                created_by=acting_user(request),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            report = outreach_send(outreach=outreach, site_url=_site(request))
            messages.success(
                request,
                _("Sent: %(site)s in-site, %(mail)s e-mail, %(skipped)s skipped.")
                % {"site": report.notified, "mail": report.emailed, "skipped": report.skipped},
            )
            return redirect("cockpit:growth_outreach_detail", pk=outreach.pk)
    return _compose(request, form, {"resolved": resolved}, status=400)


@cockpit_view(can_rescue_members)
def outreach_list(request: HttpRequest) -> HttpResponse:
    rows = Outreach.objects.select_related("created_by", "event")[:100]
    return render_page(
        request, "cockpit/growth/rescue/outreach_list.html", {"outreaches": rows}, active="outreach"
    )


@cockpit_view(can_rescue_members)
def outreach_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One outreach: who got what, and the lift (returns brought up to date on view)."""
    outreach = get_object_or_404(Outreach.objects.select_related("event", "created_by"), pk=pk)
    outreach_returns_update(outreach)
    recipients = OutreachRecipient.objects.filter(outreach=outreach)
    treated = recipients.filter(group=RecipientGroup.TREATED)
    skips = _skips(treated)
    labels = dict(SkipReason.choices)
    counts = {
        "treated": treated.count(),
        "holdout": recipients.filter(group=RecipientGroup.HOLDOUT).count(),
        "notified": treated.filter(notified_at__isnull=False).count(),
        "emailed": treated.filter(emailed_at__isnull=False).count(),
        "skipped_total": sum(n for _s, n in skips),
        "skipped_labels": [(labels.get(s, s), n) for s, n in skips],
        "pending": outreach_pending_count(outreach),
    }
    lift = outreach_lift(outreach)
    return render_page(
        request,
        "cockpit/growth/rescue/outreach_detail.html",
        {
            "outreach": outreach,
            "counts": counts,
            "lift": lift,
            "lift_view": _lift_view(lift, outreach),
            "sample": recipients.select_related("member").order_by("group", "member_id")[:50],
        },
        active="outreach",
    )


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _points(value: float) -> str:
    return _("%(n)s points") % {"n": f"{value * 100:+.1f}"}


def _lift_view(lift: Lift, outreach: Outreach) -> dict[str, str]:
    """The lift's numbers as the page shows them (percent, and percentage points)."""
    interval = "—"
    if lift.low is not None and lift.high is not None:
        interval = f"{_points(lift.low)} … {_points(lift.high)}"
    return {
        "treated": _percent(lift.treated.value),
        "holdout": _percent(lift.holdout.value),
        "difference": "—" if lift.difference is None else _points(lift.difference),
        "interval": interval,
        "holdout_share": f"{round(outreach.holdout_share * 100)}%",
    }


def _skips(treated: Any) -> list[tuple[str, int]]:
    rows = treated.exclude(skipped="").values("skipped").annotate(n=Count("pk")).order_by("skipped")
    return [(r["skipped"], r["n"]) for r in rows]


@require_POST
@cockpit_view(can_rescue_members)
def outreach_send_rest(request: HttpRequest, pk: int) -> HttpResponse:
    outreach = get_object_or_404(Outreach, pk=pk)
    report = outreach_send(outreach=outreach, site_url=_site(request))
    messages.success(
        request,
        _("Sent: %(site)s in-site, %(mail)s e-mail, %(skipped)s skipped.")
        % {"site": report.notified, "mail": report.emailed, "skipped": report.skipped},
    )
    return redirect("cockpit:growth_outreach_detail", pk=outreach.pk)
