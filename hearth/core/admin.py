"""Django admin is a superuser's tool; staff work in the cockpit at /ops/."""

from django.contrib import admin
from django.http import HttpRequest

from hearth.core.models import BrandSettings


def _superusers_only(request: HttpRequest) -> bool:
    return bool(request.user.is_active and request.user.is_superuser)


admin.site.has_permission = _superusers_only  # type: ignore[method-assign]
admin.site.register(BrandSettings)
