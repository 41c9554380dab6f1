"""Cockpit pages for event planners: the events, plan or edit one, its registrations (+ CSV)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.cockpit.event_forms import EventForm
from hearth.cockpit.exports import Column, Table, table_response
from hearth.cockpit.forms import apply_errors
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.events import selectors, services
from hearth.events.models import Event, Registration, RegistrationStatus
from hearth.events.permissions import can_manage_events


@cockpit_view(can_manage_events)
def event_list(request: HttpRequest) -> HttpResponse:
    return render_page(
        request,
        "cockpit/events/list.html",
        {"events": selectors.event_list_for_cockpit(), "now": timezone.now()},
        active="events",
    )


def _form_page(
    request: HttpRequest, form: EventForm, event: Event | None, status: int
) -> HttpResponse:
    return render_page(
        request,
        "cockpit/events/form.html",
        {"form": form, "event": event},
        active="events",
        status=status,
    )


@cockpit_view(can_manage_events)
def event_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, EventForm(initial={"status": "draft"}), None, 200)
    form = EventForm(request.POST)
    if form.is_valid():
        try:
            event = services.event_create(actor=acting_user(request), fields=form.event_fields())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Event “%(title)s” saved.") % {"title": event.title})
            return redirect("cockpit:events")
    return _form_page(request, form, None, 400)


@cockpit_view(can_manage_events)
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    if request.method != "POST":
        return _form_page(request, EventForm(initial=EventForm.initial_for(event)), event, 200)
    form = EventForm(request.POST)
    if form.is_valid():
        try:
            services.event_update(event=event, fields=form.event_fields())
        except ValidationError as error:
            event.refresh_from_db()
            apply_errors(form, error)
        else:
            messages.success(request, _("Event “%(title)s” saved.") % {"title": event.title})
            return redirect("cockpit:events")
    return _form_page(request, form, event, 400)


def _registrations_table(event: Event, rows: list[Registration]) -> Table:
    return Table(
        slug="registrations",
        title=event.title,
        columns=(
            Column(_("Username")),
            Column(_("Name")),
            Column(_("E-mail")),
            Column(_("Status")),
            Column(_("Invited at")),
            Column(_("Registered at")),
            Column(_("Last change")),
        ),
        rows=tuple(
            (
                r.member.username,
                r.member.name,
                r.member.email,
                r.get_status_display(),
                _local(r.invited_at),
                _local(r.created_at),
                _local(r.updated_at),
            )
            for r in rows
        ),
    )


def _local(value: dt.datetime | None) -> str:
    return "" if value is None else timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


@cockpit_view(can_manage_events)
def event_registrations(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(selectors.event_list_for_cockpit(), pk=pk)
    rows = list(selectors.registrations_for_event(event=event))
    if request.GET.get("export") == "csv":
        return table_response(
            _registrations_table(event, rows), "csv", stem=f"event-{event.pk}-registrations"
        )
    return render_page(
        request,
        "cockpit/events/registrations.html",
        {
            "event": event,
            "registrations": rows,
            "places_left": selectors.places_left(event),
            "statuses": RegistrationStatus,
        },
        active="events",
    )
