"""Saving the current analytics view under a name, and deleting a saved one."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.cockpit.analytics_forms import SavedViewForm
from hearth.cockpit.permissions import can_view_analytics
from hearth.cockpit.saved_views import (
    PAGE_FORMS,
    saved_view_delete,
    saved_view_query_clean,
    saved_view_save,
)
from hearth.cockpit.views.analytics.common import PAGE_URLS
from hearth.cockpit.views.base import acting_user, cockpit_view


@require_POST
@cockpit_view(can_view_analytics)
def saved_view_create(request: HttpRequest, page: str) -> HttpResponse:
    if page not in PAGE_FORMS:
        raise Http404
    form = SavedViewForm(request.POST)
    url = reverse(PAGE_URLS[page])
    if not form.is_valid():
        messages.error(request, _("Give the view a name (at most 80 characters)."))
        query = saved_view_query_clean(page=page, query=str(request.POST.get("query", "")))
        return redirect(f"{url}?{query}" if query else url)
    view = saved_view_save(
        owner=acting_user(request),
        page=page,
        name=form.cleaned_data["name"],
        query=form.cleaned_data["query"],
    )
    messages.success(request, _("Saved the view “%(name)s”.") % {"name": view.name})
    return redirect(f"{url}?{view.query}" if view.query else url)


@require_POST
@cockpit_view(can_view_analytics)
def saved_view_remove(request: HttpRequest, pk: int) -> HttpResponse:
    page = saved_view_delete(owner=acting_user(request), pk=pk)
    if page is None:
        raise Http404
    messages.success(request, _("The saved view is deleted."))
    return redirect(PAGE_URLS[page])
