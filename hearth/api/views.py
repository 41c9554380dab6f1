"""Plain Django views around the API: the docs page and JSON 404s."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.api.docs import endpoint_groups
from hearth.api.errors import error_body
from hearth.api.main import api


def docs(request: HttpRequest) -> HttpResponse:
    """The API reference, rendered on the server from the OpenAPI document."""
    schema: dict[str, Any] = api.get_openapi_schema()
    return render(
        request,
        "api/docs.html",
        {
            "schema": schema,
            "groups": endpoint_groups(schema),
            "description": schema.get("info", {}).get("description", ""),
        },
    )


def index(request: HttpRequest) -> JsonResponse:
    """``/api/v1/``: where the description of this API version lives."""
    return JsonResponse(
        {
            "version": api.version,
            "openapi": request.build_absolute_uri(reverse("api-v1:openapi-json")),
            "docs": request.build_absolute_uri(reverse("api-v1:docs")),
        }
    )


def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    return JsonResponse(error_body("not_found", _("There is no API endpoint here.")), status=404)
