"""Analytics fixtures: a hand-made activity log, and every engine the database allows."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection

from hearth.accounts.models import User
from hearth.analytics.models import Activity
from hearth.analytics.store.duck import DuckDBEngine
from hearth.analytics.store.engine import Engine
from hearth.analytics.store.sync import store_sync

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(day: str, hour: int = 12) -> dt.datetime:
    """Noon (by default) of ``day`` in the community's time zone."""
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=ZONE)


def engines() -> list[str]:
    return ["duckdb", "postgres"]


@pytest.fixture(params=engines())
def engine(request: pytest.FixtureRequest, db: None) -> Iterator[Engine]:
    """A fresh store in DuckDB (in memory) and, on the PostgreSQL pass, in PostgreSQL."""
    if request.param == "postgres":
        if connection.vendor != "postgresql":
            pytest.skip("the PostgreSQL engine runs on the PostgreSQL pass")
        from hearth.analytics.store.postgres import PostgresEngine

        store: Any = PostgresEngine()
        store.drop()
        yield store
        store.drop()
    else:
        store = DuckDBEngine()
        yield store
        store.close()


@pytest.fixture
def member(db: None) -> Callable[..., User]:
    def make(username: str, joined: str, **fields: Any) -> User:
        return User.objects.create(username=username, date_joined=at(joined, 9), **fields)

    return make


@pytest.fixture
def act(db: None) -> Callable[..., Activity]:
    def make(user: User, action: str, day: str, hour: int = 12, **fields: Any) -> Activity:
        return Activity.objects.create(
            member_id=user.pk, action=action, occurred_at=at(day, hour), **fields
        )

    return make


@pytest.fixture
def small_log(member: Callable[..., User], act: Callable[..., Activity]) -> dict[str, User]:
    """Three members, worked by hand in ``test_metrics.py``.

    a joined Mon 2026-01-05: reads 01-05, 01-06, 01-14, 01-27
    b joined Tue 2026-01-06: topic 01-06, a like *received* 01-13, a visit 01-20
    c joined Mon 2026-01-12: replies 01-12, 01-13
    """
    a = member("a", "2026-01-05", channel="seo", province="上海")
    b = member("b", "2026-01-06", channel="wechat", province="北京")
    c = member("c", "2026-01-12", channel="seo", province="上海")
    for day in ("2026-01-05", "2026-01-06", "2026-01-14", "2026-01-27"):
        act(a, "read", day)
    act(b, "topic", "2026-01-06")
    act(b, "like_received", "2026-01-13")
    act(b, "visit", "2026-01-20")
    act(c, "reply", "2026-01-12")
    act(c, "reply", "2026-01-13", hour=23)
    return {"a": a, "b": b, "c": c}


@pytest.fixture
def synced(engine: Engine, small_log: dict[str, User]) -> Engine:
    store_sync(engine)
    return engine


@pytest.fixture
def in_shanghai(settings: Any) -> None:
    """Days cut in Asia/Shanghai whatever HEARTH_TIME_ZONE says (the CLI tests' answers)."""
    settings.TIME_ZONE = "Asia/Shanghai"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Error messages are matched in English (the site's default language is Chinese)."""
    from django.utils import translation

    with translation.override("en"):
        yield
