"""Fixtures for the event tests: events made through the real service, clients in English."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.utils import timezone


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def make_event(db: None) -> Callable[..., Any]:
    """A published event starting in ``days`` days (negative: already over), 2 hours long."""
    from hearth.events.services import EventFields, event_create

    def make(
        *,
        title: str = "读书分享会",
        days: float = 7,
        capacity: int | None = None,
        status: str = "published",
        **fields: Any,
    ) -> Any:
        starts = timezone.now() + dt.timedelta(days=days)
        values: dict[str, Any] = {
            "title": title,
            "description": "",
            "starts_at": starts,
            "ends_at": starts + dt.timedelta(hours=2),
            "location": "上海市徐汇区某咖啡馆",
            "online_url": "",
            "capacity": capacity,
            "status": status,
        }
        values.update(fields)
        return event_create(actor=None, fields=EventFields(**values))

    return make
