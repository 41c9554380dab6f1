"""Funnels broken down by a member attribute, and the onboarding funnel's steps, on every engine.

The log, by hand (Asia/Shanghai):

    a (seo)     sign-up 01-05 10:00, profile 01-05 11:00, read 01-06 12:00
    b (seo)     sign-up 01-06 10:00, read 01-07 10:00 (never completes the profile)
    c (douyin)  sign-up 01-06 10:00, profile 01-06 12:00
    d (douyin)  sign-up 01-07 10:00, profile 01-20 10:00 (13 days later: outside 7 days)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from hearth.accounts.models import User
from hearth.analytics.definitions import DEFAULT_ACTIVE
from hearth.analytics.queries.funnel import ONBOARDING, Funnel, Step
from hearth.analytics.queries.params import QueryError, Window
from hearth.analytics.store.engine import Engine
from hearth.analytics.store.sync import store_sync
from tests.analytics.funnel_log import onboarding_log

STEPS = (Step("sign_up"), Step("profile_complete"), Step("read"))
WINDOW = Window(
    start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 31), actions=DEFAULT_ACTIVE, tz="Asia/Shanghai"
)


@pytest.fixture
def onboarding(engine: Engine, member: Callable[..., User], act: Callable[..., Any]) -> Engine:
    onboarding_log(member, act)
    store_sync(engine)
    return engine


def test_the_whole_funnel(onboarding: Engine) -> None:
    steps = Funnel(WINDOW, steps=STEPS, within_days=7).calculate(onboarding)
    assert [(s.members, s.of_first, s.of_previous) for s in steps] == [
        (4, 1.0, 1.0),
        (2, 0.5, 0.5),  # a, c (d too late)
        (1, 0.25, 0.5),  # a (b's read came without a completed profile)
    ]
    assert [s.median_hours for s in steps] == [None, 1.5, 25.0]  # (1 h + 2 h) / 2; a: 25 h
    assert {s.segment for s in steps} == {""}


def test_conversion_per_channel(onboarding: Engine) -> None:
    steps = Funnel(WINDOW, steps=STEPS, within_days=7, breakdown="channel").calculate(onboarding)
    rows = [(s.segment, s.action, s.members, s.of_first, s.median_hours) for s in steps]
    assert rows == [  # two members each: the names decide the order
        ("douyin", "sign_up", 2, 1.0, None),
        ("douyin", "profile_complete", 1, 0.5, 2.0),
        ("douyin", "read", 0, 0.0, None),
        ("seo", "sign_up", 2, 1.0, None),
        ("seo", "profile_complete", 1, 0.5, 1.0),
        ("seo", "read", 1, 0.5, 25.0),
    ]
    fortnight = Funnel(WINDOW, steps=STEPS, within_days=14, breakdown="channel")
    douyin = [s.members for s in fortnight.calculate(onboarding) if s.segment == "douyin"]
    assert douyin == [2, 2, 0]  # d's profile, 13 days on, is within 14


def test_the_biggest_segment_comes_first(onboarding: Engine, member: Any, act: Any) -> None:
    e = member("e", "2026-01-08", channel="douyin")
    act(e, "sign_up", "2026-01-08")
    store_sync(onboarding)
    steps = Funnel(WINDOW, steps=STEPS, breakdown="channel").calculate(onboarding)
    assert [(s.segment, s.members) for s in steps if s.action == "sign_up"] == [
        ("douyin", 3),
        ("seo", 2),
    ]


def test_onboarding_starts_with_sign_up_then_the_profile() -> None:
    assert [(s.action, s.times) for s in ONBOARDING[:3]] == [
        ("sign_up", 1),
        ("profile_complete", 1),
        ("follow", 3),
    ]


def test_bad_breakdown_is_refused() -> None:
    with pytest.raises(QueryError, match="Unknown breakdown: device"):
        Funnel(WINDOW, steps=STEPS, breakdown="device")
