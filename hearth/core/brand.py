"""The brand settings: one cached row, read by every page."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db import transaction

from hearth.core.models import BrandSettings

_CACHE_KEY = "hearth:brand:v1"


def brand_get() -> BrandSettings:
    brand: BrandSettings | None = cache.get(_CACHE_KEY)
    if brand is None:
        brand, _created = BrandSettings.objects.get_or_create(pk=1)
        cache.set(_CACHE_KEY, brand, 300)
    return brand


def brand_update(**fields: Any) -> BrandSettings:
    """Save the given brand fields (already validated by the form) and refresh the cache."""
    with transaction.atomic():
        brand, _created = BrandSettings.objects.select_for_update().get_or_create(pk=1)
        for name, value in fields.items():
            setattr(brand, name, value)
        brand.full_clean()
        brand.save()
    transaction.on_commit(lambda: cache.delete(_CACHE_KEY))
    cache.delete(_CACHE_KEY)
    return brand
