"""Page-number pagination: ``?page=&page_size=`` (at most 100), with the total."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.db.models import Model, QuerySet
from django.utils.translation import gettext_noop
from ninja import Field, Schema

PAGE_SIZE_DEFAULT = 20
PAGE_SIZE_MAX = 100

M = TypeVar("M", bound=Model)


class PageParams(Schema):
    page: int = Field(1, ge=1, description=gettext_noop("Page number, from 1."))
    page_size: int = Field(
        PAGE_SIZE_DEFAULT,
        ge=1,
        le=PAGE_SIZE_MAX,
        description=gettext_noop("Items per page, 1 to 100."),
    )


class PageMeta(Schema):
    """Fields every list response carries beside its ``items``."""

    total: int = Field(description=gettext_noop("Items over all pages."))
    page: int
    page_size: int
    pages: int = Field(description=gettext_noop("Number of pages (0 when there are no items)."))


@dataclass(frozen=True)
class Page(Generic[M]):
    items: list[M]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return math.ceil(self.total / self.page_size)

    def meta(self) -> dict[str, int]:
        return {
            "total": self.total,
            "page": self.page,
            "page_size": self.page_size,
            "pages": self.pages,
        }


def paginate(queryset: QuerySet[M], params: PageParams) -> Page[M]:
    """One page of ``queryset``; a page past the end is empty, not an error."""
    total = queryset.count()
    start = (params.page - 1) * params.page_size
    items = list(queryset[start : start + params.page_size]) if start < total else []
    return Page(items=items, total=total, page=params.page, page_size=params.page_size)
