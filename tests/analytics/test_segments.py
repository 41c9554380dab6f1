"""Segments on a log small enough to check by hand, on every engine.

Evaluated on 2026-11-30 ("the last 14 days" are 11-17…11-30). Members (joined
in the community's zone, Asia/Shanghai), their attributes and actions:

    p  seo     上海  joined 10-05   read 11-08, read 11-10
    q  seo     北京  joined 10-20   read 10-25, read 11-25 twice
    r  seo     上海  joined 09-28   reply 10-01
    s  wechat  北京  joined 10-10   topic 11-02, reply 11-03 (gender f)
    t  seo     上海  joined 10-31 23:00   a like *received* 11-25 (not active)
    u  seo     上海  joined 11-01 01:00   visit 11-08
    v  seo     北京  joined 10-15   course_enrolled 11-20, visit 11-21
    w  seo     北京  joined 10-12   visit 11-17 (the 14th day back)
    x  seo     上海  joined 10-13   visit 11-16 (the 15th day back)
"""

# ruff: noqa: F401, F811 (pytest fixtures imported from the analytics fixtures are parameters here)
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from hearth.accounts.models import User
from hearth.analytics.definitions import DEFAULT_ACTIVE
from hearth.analytics.models import Activity, Segment
from hearth.analytics.queries.params import Window
from hearth.analytics.segments.audience import (
    EmptySegmentError,
    segment_member_ids,
    segment_size,
)
from hearth.analytics.segments.compare import SegmentComparison
from hearth.analytics.segments.definition import (
    SegmentDefinition,
    SegmentError,
    definition_parse,
    events_check,
)
from hearth.analytics.segments.queries import SegmentCount, SegmentMembers, SegmentSample
from hearth.analytics.segments.selectors import BuilderChoicesQuery
from hearth.analytics.segments.services import (
    segment_count_refresh,
    segment_create,
    segment_delete,
    segment_update,
)
from hearth.analytics.store.engine import Engine
from hearth.analytics.store.sync import store_sync
from tests.analytics.conftest import act, at, member

D = dt.date.fromisoformat
TODAY = D("2026-11-30")
SEO_OCTOBER_INACTIVE = {
    "attributes": {"channel": ["seo"]},
    "joined": {"from": "2026-10-01", "to": "2026-10-31"},
    "behaviour": [{"kind": "did_not", "action": "active", "days": 14}],
}


@pytest.fixture
def people(member: Callable[..., User], act: Callable[..., Activity]) -> dict[str, User]:
    made = {
        "p": member("p", "2026-10-05", channel="seo", province="上海"),
        "q": member("q", "2026-10-20", channel="seo", province="北京"),
        "r": member("r", "2026-09-28", channel="seo", province="上海"),
        "s": member("s", "2026-10-10", channel="wechat", province="北京", gender="f"),
        "t": User.objects.create(
            username="t", date_joined=at("2026-10-31", 23), channel="seo", province="上海"
        ),
        "u": User.objects.create(
            username="u", date_joined=at("2026-11-01", 1), channel="seo", province="上海"
        ),
        "v": member("v", "2026-10-15", channel="seo", province="北京"),
        "w": member("w", "2026-10-12", channel="seo", province="北京"),
        "x": member("x", "2026-10-13", channel="seo", province="上海"),
    }
    p, q, r, s, t, u, v, w, x = made.values()
    act(p, "read", "2026-11-08")
    act(p, "read", "2026-11-10")
    act(q, "read", "2026-10-25")
    act(q, "read", "2026-11-25", hour=10)
    act(q, "read", "2026-11-25", hour=20)
    act(r, "reply", "2026-10-01")
    act(s, "topic", "2026-11-02")
    act(s, "reply", "2026-11-03")
    act(t, "like_received", "2026-11-25")
    act(u, "visit", "2026-11-08")
    act(v, "course_enrolled", "2026-11-20")
    act(v, "visit", "2026-11-21")
    act(w, "visit", "2026-11-17")
    act(x, "visit", "2026-11-16")
    return made


@pytest.fixture
def store(engine: Engine, people: dict[str, User]) -> Engine:
    store_sync(engine)
    return engine


def who(store: Engine, people: dict[str, User], definition: dict[str, Any]) -> set[str]:
    parsed = definition_parse(definition)
    ids = SegmentMembers(parsed, today=TODAY, active=DEFAULT_ACTIVE).calculate(store)
    count = SegmentCount(parsed, today=TODAY, active=DEFAULT_ACTIVE).calculate(store)
    assert count == len(ids)
    names = {u.pk: name for name, u in people.items()}
    return {names[i] for i in ids}


def test_joined_via_seo_in_october_inactive_for_14_days(
    store: Engine, people: dict[str, User]
) -> None:
    # q read on 11-25, v was active 11-20/21, w visited on 11-17 (the 14th day back);
    # t only *received* a like; u joined on 11-01 in the community's zone; r in September
    assert who(store, people, SEO_OCTOBER_INACTIVE) == {"p", "t", "x"}


def test_attributes_combine_with_and_and_values_with_or(
    store: Engine, people: dict[str, User]
) -> None:
    shanghai = {"attributes": {"region": ["上海"]}}
    assert who(store, people, shanghai) == {"p", "r", "t", "u", "x"}
    assert who(store, people, {"attributes": {"channel": ["seo", "wechat"]}}) == set(people)
    assert who(store, people, {"attributes": {"gender": ["f"]}}) == {"s"}
    assert who(store, people, {"attributes": {"channel": ["wechat"], "region": ["上海"]}}) == set()
    quiet_shanghai = {
        **shanghai,
        "behaviour": [{"kind": "did_not", "action": "active", "days": 14}],
    }
    assert who(store, people, quiet_shanghai) == {"p", "r", "t", "u", "x"}


def test_joined_in_the_last_days_is_relative_to_today(
    store: Engine, people: dict[str, User]
) -> None:
    # the last 30 days end on 11-30: from 11-01, when u joined (at 01:00 in the community's
    # zone); t joined the evening before
    assert who(store, people, {"joined": {"within_days": 30}}) == {"u"}
    assert who(store, people, {"joined": {"within_days": 31}}) == {"t", "u"}


def test_a_sample_is_the_newest_members(store: Engine, people: dict[str, User]) -> None:
    seo = definition_parse({"attributes": {"channel": ["seo"]}})
    ids = SegmentSample(seo, today=TODAY, active=DEFAULT_ACTIVE, limit=3).calculate(store)
    assert ids == [people[n].pk for n in ("u", "t", "q")]  # joined 11-01, 10-31, 10-20


def test_counts_of_actions_and_of_active_days(store: Engine, people: dict[str, User]) -> None:
    reads = {"behaviour": [{"kind": "did", "action": "read", "times": 2, "days": 30}]}
    assert who(store, people, reads) == {"p", "q"}  # q's two reads were on one day
    active_days = {"behaviour": [{"kind": "did", "action": "active", "times": 2, "days": 30}]}
    assert who(store, people, active_days) == {"p", "v", "s"}  # q: one day; s: 11-02, 11-03
    once = {"behaviour": [{"kind": "did", "action": "read", "days": 30}]}
    assert who(store, people, once) == {"p", "q"}
    recent = {"behaviour": [{"kind": "did", "action": "visit", "days": 14}]}
    assert who(store, people, recent) == {"v", "w"}  # x's visit on 11-16 is 15 days back


def test_ever_and_never(store: Engine, people: dict[str, User]) -> None:
    enrolled = {"behaviour": [{"kind": "did", "action": "course_enrolled"}]}
    assert who(store, people, enrolled) == {"v"}
    never_replied = {"behaviour": [{"kind": "did_not", "action": "reply"}]}
    assert who(store, people, never_replied) == set(people) - {"r", "s"}
    both = {
        "attributes": {"channel": ["seo"]},
        "behaviour": [
            {"kind": "did", "action": "read"},
            {"kind": "did_not", "action": "read", "days": 14},
        ],
    }
    assert who(store, people, both) == {"p"}  # read once, not lately (q read on 11-25)


def test_comparison_of_two_segments(store: Engine, people: dict[str, User]) -> None:
    seo = definition_parse({"attributes": {"channel": ["seo"]}})
    wechat = definition_parse({"attributes": {"channel": ["wechat"]}})
    november = Window(start=D("2026-11-01"), end=TODAY, actions=DEFAULT_ACTIVE, tz="Asia/Shanghai")
    rows = SegmentComparison([("SEO", seo), ("WeChat", wechat)], november, today=TODAY)
    first, second = rows.calculate(store)
    assert (first.name, first.members, first.active_30d, first.active_days) == ("SEO", 8, 6, 8)
    # active: p (2 days), q, u, v (2 days), w, x; t received a like only; r nothing
    assert first.active_share == 0.75
    assert first.avg_dau == round(8 / 30, 2)
    assert first.actions == {"read": 4, "reply": 0, "topic": 0}
    assert first.per_member("read") == 0.5
    assert first.retention == {7: (1, 1), 30: (0, 0)}  # u joined 11-01 and visited 11-08
    assert first.retention_rate(7) == 1.0
    assert first.retention_rate(30) is None  # nobody joined early enough to be followed
    assert (second.members, second.active_30d, second.active_days) == (1, 1, 2)
    assert second.actions == {"read": 0, "reply": 1, "topic": 1}
    assert second.retention_rate(7) is None  # s joined in October


def test_an_empty_segment_cannot_be_compared(store: Engine, people: dict[str, User]) -> None:
    seo = definition_parse({"attributes": {"channel": ["seo"]}})
    nobody = definition_parse({"attributes": {"channel": ["douyin"]}})
    window = Window(start=D("2026-11-01"), end=TODAY, actions=DEFAULT_ACTIVE, tz="Asia/Shanghai")
    comparison = SegmentComparison([("SEO", seo), ("Douyin", nobody)], window, today=TODAY)
    with pytest.raises(SegmentError, match=r"no members.*Douyin"):
        comparison.calculate(store)
    with pytest.raises(SegmentError, match="two to 4 segments"):
        SegmentComparison([("SEO", seo)], window, today=TODAY)


@pytest.mark.parametrize(
    ("definition", "message"),
    [
        ({}, "at least one condition"),
        ({"attributes": {"channel": []}, "behaviour": []}, "at least one condition"),
        ({"behaviour": [{"kind": "did", "action": "Read!"}]}, "Unknown action.*Read!"),
        ({"behaviour": [{"kind": "did", "action": "read", "days": -3}]}, "number of days"),
        ({"behaviour": [{"kind": "did", "action": "read", "times": 0}]}, "number of times"),
        ({"behaviour": [{"kind": "maybe", "action": "read"}]}, "Unknown behaviour condition"),
        ({"joined": {"from": "2026-10-31", "to": "2026-10-01"}}, "is after the end date"),
        ({"joined": {"from": "October"}}, r"joined.from: not a date"),
        ({"joined": {"within_days": 0}}, "Joined: the number of days"),
        ({"attributes": {"age_band": ["ancient"]}}, "age_band: unknown value"),
        ({"attributes": {"shoe_size": ["42"]}}, "Unknown attribute: shoe_size"),
        ({"attributes": {"level": ["high"]}}, "level: a whole number"),
        ([], "JSON object"),
    ],
)
def test_bad_definitions_are_refused_with_the_reason(definition: Any, message: str) -> None:
    with pytest.raises(SegmentError, match=message):
        definition_parse(definition)


def test_custom_events_never_recorded_are_refused(store: Engine) -> None:
    recorded = BuilderChoicesQuery().calculate(store).custom_events
    events_check(
        definition_parse({"behaviour": [{"kind": "did", "action": "course_enrolled"}]}),
        recorded=recorded,
    )
    typo = definition_parse({"behaviour": [{"kind": "did", "action": "course_enroled"}]})
    with pytest.raises(SegmentError, match="Unknown action: course_enroled"):
        events_check(typo, recorded=recorded)


def test_definitions_round_trip_through_json() -> None:
    parsed = definition_parse(
        {
            "attributes": {"channel": ["seo", "seo", "wechat"], "level": ["2"]},
            "joined": {"from": "2026-10-01", "within_days": "90"},
            "behaviour": [
                {"kind": "did", "action": "read", "times": "3", "days": "30"},
                {"kind": "did_not", "action": "active", "days": 14, "times": 5},
            ],
        }
    )
    assert parsed.channel == ("seo", "wechat")  # duplicates dropped
    assert parsed.as_json() == {
        "attributes": {
            "channel": ["seo", "wechat"],
            "region": [],
            "age_band": [],
            "gender": [],
            "level": [2],
        },
        "joined": {"from": "2026-10-01", "within_days": 90},
        "behaviour": [
            {"kind": "did", "action": "read", "times": 3, "days": 30},
            {"kind": "did_not", "action": "active", "days": 14},
        ],
    }
    assert definition_parse(parsed.as_json()) == parsed


def test_saved_segments_count_and_serve_as_audience(store: Engine, people: dict[str, User]) -> None:
    author = people["p"]
    beijing = definition_parse({"attributes": {"region": ["北京"]}})
    segment = segment_create(name="北京会员", definition=beijing, created_by=author, engine=store)
    assert (segment.member_count, segment.created_by) == (4, author)  # q, s, v, w
    assert segment.counted_at is not None
    assert segment_size(segment=segment, engine=store) == 4
    assert segment_member_ids(segment=segment, engine=store) == sorted(people[n].pk for n in "qsvw")
    with pytest.raises(SegmentError, match="already exists"):
        segment_create(name=" 北京会员 ", definition=beijing, engine=store)

    nobody = definition_parse({"attributes": {"channel": ["douyin"]}})
    segment_update(segment=segment, name="抖音", definition=nobody, engine=store)
    segment.refresh_from_db()
    assert (segment.name, segment.member_count) == ("抖音", 0)  # counting nobody is fine
    with pytest.raises(EmptySegmentError, match="no members"):
        segment_member_ids(segment=segment, engine=store)

    Activity.objects.create(member_id=people["p"].pk, action="visit", occurred_at=at("2026-11-30"))
    User.objects.filter(pk=people["p"].pk).update(channel="douyin")
    store_sync(store)  # a new row: the store's version changes, cached answers expire
    assert segment_count_refresh(segment=segment, engine=store).member_count == 1
    segment_delete(segment=segment)
    assert not Segment.objects.exists()


def test_builder_choices_list_what_members_have(store: Engine) -> None:
    choices = BuilderChoicesQuery().calculate(store)
    assert choices.channels == ["seo", "wechat"]
    assert choices.regions == sorted(["上海", "北京"])
    assert choices.custom_events == ["course_enrolled"]
