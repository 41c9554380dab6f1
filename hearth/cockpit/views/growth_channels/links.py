"""Tracked links in the cockpit: create and edit a channel's links, and the printable poster."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from hearth.cockpit.forms import apply_errors
from hearth.cockpit.forms_growth_channels import LinkForm
from hearth.cockpit.permissions import can_manage_growth, can_view_growth
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.core.brand import brand_get
from hearth.growth.links.codes import link_landing_url
from hearth.growth.links.qr import qr_svg_inline
from hearth.growth.links.selectors import links_for_channel
from hearth.growth.links.services import link_create, link_update
from hearth.growth.models import Channel, TrackedLink
from hearth.growth.views import short_url

ACTIVE = "channels"


@dataclass(frozen=True)
class LinkRow:
    """A link with the addresses its row offers to copy or download."""

    link: TrackedLink
    short_url: str
    full_url: str
    qr_png: str
    qr_svg: str


def link_row(request: HttpRequest, link: TrackedLink) -> LinkRow:
    return LinkRow(
        link=link,
        short_url=short_url(request, link.code),
        full_url=request.build_absolute_uri(link_landing_url(link)),
        qr_png=reverse("growth:link_qr_png", args=[link.code]) + "?scale=12&download=1",
        qr_svg=reverse("growth:link_qr_svg", args=[link.code]) + "?download=1",
    )


def link_rows(request: HttpRequest, *, channel: Channel) -> list[LinkRow]:
    return [link_row(request, link) for link in links_for_channel(channel=channel)]


def _form_page(
    request: HttpRequest,
    form: LinkForm,
    channel: Channel,
    link: TrackedLink | None,
    status: int,
) -> HttpResponse:
    return render_page(
        request,
        "cockpit/growth/channels/link_form.html",
        {"form": form, "channel": channel, "link": link},
        active=ACTIVE,
        status=status,
    )


@cockpit_view(can_manage_growth)
def link_new(request: HttpRequest, pk: int) -> HttpResponse:
    channel = get_object_or_404(Channel, pk=pk)
    if request.method != "POST":
        return _form_page(request, LinkForm(), channel, None, 200)
    form = LinkForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            link = link_create(
                actor=acting_user(request),
                channel=channel,
                label=data["label"],
                destination=data["destination"],
                campaign=data["campaign"],
                code=data["code"],
                incentive=data["incentive"],
                **form.utm(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Tracked link “%(label)s” created: %(url)s")
                % {"label": link.label, "url": short_url(request, link.code)},
            )
            return redirect(reverse("cockpit:growth_channel", args=[channel.pk]) + "#links")
    return _form_page(request, form, channel, None, 400)


@cockpit_view(can_manage_growth)
def link_edit(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(TrackedLink.objects.select_related("channel"), pk=pk)
    if request.method != "POST":
        initial = {
            "label": link.label,
            "destination": link.destination,
            "campaign": link.campaign_id,
            "incentive": link.incentive,
            "active": link.active,
            **{name: getattr(link, name) for name in LinkForm.UTM_NAMES},
        }
        return _form_page(request, LinkForm(initial=initial, editing=True), link.channel, link, 200)
    form = LinkForm(request.POST, editing=True)
    if form.is_valid():
        data = form.cleaned_data
        try:
            link_update(
                actor=acting_user(request),
                link=link,
                label=data["label"],
                destination=data["destination"],
                campaign=data["campaign"],
                incentive=data["incentive"],
                active=data["active"],
                **form.utm(),
            )
        except ValidationError as error:
            link.refresh_from_db()
            apply_errors(form, error)
        else:
            messages.success(request, _("Tracked link “%(label)s” saved.") % {"label": link.label})
            return redirect(reverse("cockpit:growth_channel", args=[link.channel_id]) + "#links")
    return _form_page(request, form, link.channel, link, 400)


@cockpit_view(can_view_growth)
def link_poster(request: HttpRequest, pk: int) -> HttpResponse:
    """An A4 poster for an offline booth: headline, incentive, a large QR code, the short URL.

    A page of its own (no cockpit navigation), so that printing it prints only the poster.
    """
    link = get_object_or_404(TrackedLink.objects.select_related("channel"), pk=pk)
    url = short_url(request, link.code)
    return render(
        request,
        "cockpit/growth/channels/poster.html",
        {
            "link": link,
            "brand": brand_get(),
            "short_url": url,
            "short_url_text": url.split("://", 1)[-1].rstrip("/"),
            "qr_svg": mark_safe(qr_svg_inline(url, scale=10)),  # noqa: S308 - segno's own markup
        },
    )
