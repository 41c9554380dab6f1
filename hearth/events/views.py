"""The members' event pages: the list, one event, register and cancel."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.accounts.models import User
from hearth.core.brand import brand_get
from hearth.core.markdown import excerpt as markdown_excerpt
from hearth.core.markdown import render as markdown_render
from hearth.events import selectors, services
from hearth.events.models import Event, EventStatus
from hearth.events.seo import event_structured_data


def event_list(request: HttpRequest) -> HttpResponse:
    events = selectors.event_list_public(now=timezone.now())
    invitations = (
        selectors.event_invitations_open(member=request.user, now=timezone.now())
        if isinstance(request.user, User)
        else []
    )
    return render(
        request,
        "events/list.html",
        {"upcoming": events.upcoming, "past": events.past, "invitations": invitations},
    )


def _event_or_404(request: HttpRequest, pk: int) -> Event:
    event = selectors.event_get_visible(pk=pk, user=request.user)
    if event is None:
        raise Http404(_("No such event."))
    return event


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    now = timezone.now()
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "description_html": markdown_render(event.description),
            "event_summary": markdown_excerpt(event.description, 150) or event.title,
            "event_ld": event_structured_data(request, event, organiser=brand_get().community_name),
            "registration": selectors.registration_for(event=event, user=request.user),
            "places_left": selectors.places_left(event),
            "is_over": event.ends_at <= now,
            "is_open": event.status == EventStatus.PUBLISHED and event.ends_at > now,
        },
    )


@require_POST
def event_register(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    if not isinstance(request.user, User):  # visitors log in, then come back to the event
        return redirect_to_login(reverse("events:detail", args=[event.pk]))
    try:
        services.event_register(event=event, member=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You're registered. See you there!"))
    return redirect("events:detail", pk=event.pk)


@require_POST
def event_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    if not isinstance(request.user, User):
        return redirect_to_login(reverse("events:detail", args=[event.pk]))
    if services.registration_cancel(event=event, member=request.user) is not None:
        messages.info(request, _("Your registration is cancelled."))
    return redirect("events:detail", pk=event.pk)
