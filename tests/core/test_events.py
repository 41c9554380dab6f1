from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.db import transaction

from hearth.core.events import DomainEvent, publish, recording, subscribe, unsubscribe


@dataclass(frozen=True, kw_only=True)
class Pinged(DomainEvent):
    value: int


def test_handlers_receive_events_in_subscription_order() -> None:
    seen: list[tuple[str, int]] = []

    def first(event: Pinged) -> None:
        seen.append(("first", event.value))

    def second(event: Pinged) -> None:
        seen.append(("second", event.value))

    subscribe(Pinged)(first)
    subscribe(Pinged)(second)
    try:
        publish(Pinged(value=3))
    finally:
        unsubscribe(Pinged, first)
        unsubscribe(Pinged, second)
    assert seen == [("first", 3), ("second", 3)]


@pytest.mark.django_db(transaction=True)
def test_on_commit_handlers_do_not_run_when_the_transaction_rolls_back() -> None:
    seen: list[int] = []

    def handler(event: Pinged) -> None:
        seen.append(event.value)

    subscribe(Pinged, on_commit=True)(handler)
    try:
        with pytest.raises(RuntimeError, match="roll back"):
            _publish_then_fail()
        with transaction.atomic():
            publish(Pinged(value=2))
    finally:
        unsubscribe(Pinged, handler)
    assert seen == [2]


def _publish_then_fail() -> None:
    with transaction.atomic():
        publish(Pinged(value=1))
        raise RuntimeError("roll back")


def test_recording_collects_published_events() -> None:
    with recording() as events:
        publish(Pinged(value=7))
    assert events == [Pinged(value=7, occurred_at=events[0].occurred_at)]
