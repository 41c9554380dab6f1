from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from hearth.core.brand import brand_get


def brand(request: HttpRequest) -> dict[str, Any]:
    return {"brand": brand_get()}
