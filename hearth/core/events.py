"""Domain events: an explicit, in-process publish/subscribe.

Apps announce what happened ("a topic was created") with :func:`publish`;
other apps react (award points, moderate, notify, record analytics) by
registering handlers with :func:`subscribe`, usually in their
``AppConfig.ready``. The dependency points one way: the publisher never
imports its subscribers. These are not Django model signals: they carry
domain facts, not row saves.

Handlers run synchronously, inside the publisher's transaction, in the order
they subscribed, unless subscribed with ``on_commit=True``: then they run
once the transaction commits, and not at all if it rolls back.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone


@dataclass(frozen=True, kw_only=True)
class DomainEvent:
    """Base of every event. Subclasses are frozen dataclasses of plain ids and values."""

    occurred_at: dt.datetime = field(default_factory=timezone.now)


E = TypeVar("E", bound=DomainEvent)
Handler = Callable[[Any], None]

_handlers: dict[type[DomainEvent], list[tuple[Handler, bool]]] = defaultdict(list)
_recorded: list[DomainEvent] | None = None


def subscribe(
    event_type: type[E], *, on_commit: bool = False
) -> Callable[[Callable[[E], None]], Callable[[E], None]]:
    """Register the decorated function as a handler of ``event_type``."""

    def register(handler: Callable[[E], None]) -> Callable[[E], None]:
        entry = (handler, on_commit)
        if entry not in _handlers[event_type]:
            _handlers[event_type].append(entry)
        return handler

    return register


def unsubscribe(event_type: type[DomainEvent], handler: Handler) -> None:
    _handlers[event_type] = [(h, c) for h, c in _handlers[event_type] if h is not handler]


def publish(event: DomainEvent) -> None:
    """Deliver ``event`` to the handlers of its type and of its base types."""
    if _recorded is not None:
        _recorded.append(event)
    for event_type in type(event).__mro__:
        for handler, on_commit in list(_handlers.get(event_type, ())):
            if on_commit:
                transaction.on_commit(functools.partial(handler, event))
            else:
                handler(event)


@contextmanager
def recording() -> Iterator[list[DomainEvent]]:
    """Collect every event published inside the block (for tests)."""
    global _recorded
    previous, _recorded = _recorded, []
    try:
        yield _recorded
    finally:
        _recorded = previous
