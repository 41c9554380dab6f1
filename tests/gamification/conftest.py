"""Fixtures for points tests: the default rules, restored before each test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

NOON = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def default_rules(db: None) -> None:
    from hearth.gamification.defaults import point_rules_restore_defaults

    point_rules_restore_defaults()


@pytest.fixture
def default_ladder(db: None) -> None:
    """The default ladder (a flush by a transactional test removes the migration's rows)."""
    from hearth.gamification.defaults import ladder_restore_defaults

    ladder_restore_defaults()


@pytest.fixture
def rule(default_rules: None) -> Callable[..., Any]:
    """Replace one rule: ``rule("topic_created", points=5, cycle="daily", cap=2)``."""
    from hearth.gamification.services import point_rule_set

    def make(action: str, **fields: Any) -> Any:
        fields.setdefault("points", 5)
        fields.setdefault("cycle", "unlimited")
        return point_rule_set(action=action, **fields)

    return make


@pytest.fixture
def balance() -> Callable[[Any], tuple[int, int]]:
    """(lifetime, spendable) of a member, asserting it equals the ledger sum."""
    from hearth.gamification.selectors import balance_for, ledger_sum_for

    def read(member: Any) -> tuple[int, int]:
        stored = balance_for(member_id=member.pk)
        assert stored == ledger_sum_for(member_id=member.pk)
        return stored.lifetime, stored.spendable

    return read
