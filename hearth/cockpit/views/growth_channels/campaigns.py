"""Campaigns in the cockpit: the list, create and edit."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from hearth.cockpit.forms import apply_errors
from hearth.cockpit.forms_growth_channels import CampaignForm
from hearth.cockpit.permissions import can_manage_growth, can_view_growth
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.growth.links.selectors import campaigns_with_links
from hearth.growth.links.services import campaign_save
from hearth.growth.models import Campaign

ACTIVE = "channels"


@cockpit_view(can_view_growth)
def campaign_list(request: HttpRequest) -> HttpResponse:
    return render_page(
        request,
        "cockpit/growth/channels/campaigns.html",
        {"campaigns": campaigns_with_links(), "can_manage": can_manage_growth(request.user)},
        active=ACTIVE,
    )


def _form_page(
    request: HttpRequest, form: CampaignForm, campaign: Campaign | None, status: int
) -> HttpResponse:
    return render_page(
        request,
        "cockpit/growth/channels/campaign_form.html",
        {"form": form, "campaign": campaign},
        active=ACTIVE,
        status=status,
    )


def _save(request: HttpRequest, campaign: Campaign | None) -> HttpResponse:
    form = CampaignForm(request.POST)
    if form.is_valid():
        try:
            saved = campaign_save(
                actor=acting_user(request), campaign=campaign, **form.cleaned_data
            )
        except ValidationError as error:
            if campaign is not None:
                campaign.refresh_from_db()
            apply_errors(form, error)
        else:
            messages.success(request, _("Campaign “%(name)s” saved.") % {"name": saved.name})
            return redirect("cockpit:growth_campaigns")
    return _form_page(request, form, campaign, 400)


@cockpit_view(can_manage_growth)
def campaign_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        initial = {"channel": request.GET.get("channel", "")}
        return _form_page(request, CampaignForm(initial=initial), None, 200)
    return _save(request, None)


@cockpit_view(can_manage_growth)
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    if request.method != "POST":
        return _form_page(
            request, CampaignForm(initial=CampaignForm.initial_for(campaign)), campaign, 200
        )
    return _save(request, campaign)
