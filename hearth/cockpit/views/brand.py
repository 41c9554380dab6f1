from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from hearth.cockpit.forms import BrandForm, apply_errors
from hearth.cockpit.permissions import can_edit_brand
from hearth.cockpit.services import BRAND_TEXT_FIELDS, brand_settings_update
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.core.brand import brand_get


@cockpit_view(can_edit_brand)
def brand_edit(request: HttpRequest) -> HttpResponse:
    brand = brand_get()
    if request.method == "POST":
        form = BrandForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                brand_settings_update(
                    actor=acting_user(request),
                    logo=form.cleaned_data["logo"],
                    remove_logo=form.cleaned_data["remove_logo"],
                    **form.text_fields(),
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Brand settings saved. Every page shows them now."))
                return redirect("cockpit:brand")
        status = 400
    else:
        form = BrandForm(initial={name: getattr(brand, name) for name in BRAND_TEXT_FIELDS})
        status = 200
    return render_page(
        request,
        "cockpit/brand.html",
        {"form": form, "current": brand},
        active="brand",
        status=status,
    )
