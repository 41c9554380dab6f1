"""The report builder's sections on a hand-made community, worked by hand (builder_fixtures)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from hearth.analytics.models import AnomalyAlert
from hearth.analytics.store.engine import Engine
from hearth.analytics.store.sync import store_sync
from hearth.goals.models import Goal, GoalDay, GoalStatus, TargetKind
from hearth.growth.models import Channel, Spend
from hearth.moderation.models import Appeal, CommunityRule, Report, ReviewItem, Sanction
from hearth.reporting.builder import build_sections, kol
from hearth.reporting.periods import period_parse
from hearth.reporting.sections import Sections
from tests.reporting.builder_fixtures import TODAY, at, community


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _shanghai(settings: Any) -> None:
    settings.TIME_ZONE = "Asia/Shanghai"


@pytest.fixture
def people(db: None) -> dict[str, Any]:
    return community()


def week(engine: Engine, label: str = "2026-W02") -> Sections:
    store_sync(engine)
    return build_sections(period_parse("weekly", label), engine=engine, today=TODAY)


def test_the_period_and_what_it_is_compared_with(engine: Engine, people: dict[str, Any]) -> None:
    found = week(engine)
    assert (found["kind"], found["label"], found["has_data"]) == ("weekly", "2026-W02", True)
    assert (found["start"], found["end"]) == ("2026-01-05", "2026-01-11")
    assert (found["previous_start"], found["previous_end"]) == ("2025-12-29", "2026-01-04")
    assert found["language"] == "en"
    assert found["days"] == [f"2026-01-{d:02d}" for d in range(5, 12)]


def test_kpis_against_the_week_before_and_the_goal(engine: Engine, people: dict[str, Any]) -> None:
    goal = Goal.objects.create(
        name="DAU +30%",
        metric_key="dau",
        baseline=1.0,
        target_kind=TargetKind.RELATIVE,
        target_value=0.3,
        period_start=dt.date(2026, 1, 1),
        deadline=dt.date(2026, 3, 31),
        status=GoalStatus.ON_TRACK,
    )
    Goal.objects.create(  # a board's goal is not the community's KPI goal
        name="Photo DAU",
        metric_key="dau",
        filter_kind="board",
        filter_value=str(people["board"].pk),
        target_kind=TargetKind.ABSOLUTE,
        target_value=9,
        period_start=dt.date(2026, 1, 1),
        deadline=dt.date(2026, 3, 31),
    )
    kpis = {k["key"]: k for k in week(engine)["kpis"]}
    assert list(kpis) == [
        *("dau", "wau", "mau", "stickiness", "new_members"),
        *("reads", "topics", "replies", "likes", "shares"),
    ]
    # active members: 01-05 alice bob carol · 01-06 bob carol · 01-07 carol dan ·
    # 01-08 alice bob dan (a like received is not activity); W01: 12-29 alice, 12-30 alice erin
    dau = kpis["dau"]
    assert dau["spark"] == [3, 2, 2, 3, 0, 0, 0]
    assert dau["value"] == pytest.approx(10 / 7, abs=1e-4)
    assert dau["previous"] == pytest.approx(3 / 7, abs=1e-4)
    assert dau["change"] == pytest.approx(7 / 3, abs=1e-3)  # of the rounded means
    assert dau["label"] == "DAU"
    assert not dau["percent"]
    assert (dau["goal_id"], dau["goal_target"], dau["goal_status"]) == (
        goal.pk,
        pytest.approx(1.3),
        "on_track",
    )
    assert kpis["reads"]["value"] == 6
    assert kpis["reads"]["previous"] == 1
    assert kpis["reads"]["spark"] == [2, 1, 2, 1, 0, 0, 0]
    assert (kpis["topics"]["value"], kpis["topics"]["previous"]) == (2, 1)
    assert (kpis["replies"]["value"], kpis["replies"]["previous"]) == (4, 0)
    assert kpis["replies"]["change"] is None  # nothing the week before
    assert (kpis["likes"]["value"], kpis["shares"]["value"]) == (2, 0)
    assert (kpis["new_members"]["value"], kpis["new_members"]["previous"]) == (3, 2)
    assert kpis["stickiness"]["percent"]
    assert kpis["reads"]["goal_id"] is None
    assert week(engine)["daily"]["reads"] == [2, 1, 2, 1, 0, 0, 0]


def test_goals_with_status_changes(engine: Engine, people: dict[str, Any]) -> None:
    common: dict[str, Any] = {
        "target_kind": TargetKind.ABSOLUTE,
        "period_start": dt.date(2026, 1, 1),
        "owner": people["alice"],
    }
    moved = Goal.objects.create(
        name="DAU",
        metric_key="dau",
        target_value=5,
        deadline=dt.date(2026, 3, 31),
        status=GoalStatus.BEHIND,
        actual=1.4,
        expected=2.0,
        forecast=3.0,
        forecast_low=2.0,
        forecast_high=4.0,
        computed_on=dt.date(2026, 1, 11),
        **common,
    )
    GoalDay.objects.create(goal=moved, day=dt.date(2026, 1, 4), status=GoalStatus.ON_TRACK)
    steady = Goal.objects.create(
        name="Reads",
        metric_key="reads",
        target_value=100,
        deadline=dt.date(2026, 2, 28),
        status=GoalStatus.ON_TRACK,
        computed_on=dt.date(2026, 1, 11),
        **common,
    )
    GoalDay.objects.create(goal=steady, day=dt.date(2026, 1, 4), status=GoalStatus.ON_TRACK)
    Goal.objects.create(
        name="Gone",
        metric_key="dau",
        target_value=1,
        period_start=dt.date(2026, 1, 1),
        deadline=dt.date(2026, 2, 1),
        archived=True,
    )
    rows = week(engine)["goals"]
    assert [r["name"] for r in rows] == ["Reads", "DAU"]  # by deadline; archived left out
    reads, dau = rows
    assert (reads["metric"], reads["status_label"], reads["status_changed"]) == (
        "Reads",
        "On track",
        False,
    )
    assert dau["status"] == "behind"
    assert dau["status_changed"]
    assert (dau["owner"], dau["target"], dau["actual"], dau["forecast_high"]) == (
        "Alice",
        5,
        1.4,
        4.0,
    )
    assert dau["deadline"] == "2026-03-31"


def test_channels_with_prorated_spend(engine: Engine, people: dict[str, Any]) -> None:
    Spend.objects.create(
        channel=Channel.objects.get(key="wechat"),
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 1, 31),
        amount=Decimal("3100.00"),
    )
    rows = {r["key"]: r for r in week(engine)["channels"]}
    assert set(rows) == {"wechat", "seo"}
    wechat, seo = rows["wechat"], rows["seo"]
    assert (wechat["name"], wechat["signups"], wechat["previous_signups"]) == ("微信", 2, 0)
    assert wechat["spend"] == 700.0  # 7 of 31 days
    assert wechat["cost_per_member"] == 350.0
    assert wechat["d7"] == 0.0  # bob and carol did nothing on their 7th day
    assert wechat["d30"] is None  # not 30 days old by 2026-01-19
    # d7 is measured over the 4 weeks of sign-ups 7 days old by 2026-01-19 (12-16 … 01-12):
    # alice, erin and dan; only alice was active on her 7th day (01-05, she posted T1)
    assert seo["d7"] == 0.3333
    assert seo["d30"] is None  # nobody joined 2025-11-23 … 2025-12-20
    assert (seo["signups"], seo["previous_signups"], seo["spend"]) == (1, 2, None)
    assert [r["key"] for r in week(engine)["channels"]] == ["wechat", "seo"]


def test_cohorts_show_only_the_weeks_seen(engine: Engine, people: dict[str, Any]) -> None:
    rows = week(engine)["cohorts"]
    # W01: alice and erin active in their first week, alice (only) in the next one
    assert [(r["name"], r["size"], r["rates"]) for r in rows] == [
        ("2025-12-29", 2, [1.0, 0.5]),
        ("2026-01-05", 3, [1.0]),
    ]


def test_top_content_and_creators(engine: Engine, people: dict[str, Any]) -> None:
    found = week(engine)
    t1, t2 = people["t1"], people["t2"]
    assert [
        (r["topic_id"], r["title"], r["board"], r["author"], r["reads"], r["replies"], r["likes"])
        for r in found["top_content"]
    ] == [(t1.pk, "Lenses", "Photo", "Alice", 4, 3, 2), (t2.pk, "Tripods", "Photo", "Bob", 2, 1, 0)]
    assert found["top_content"][0]["url"] == t1.get_absolute_url()
    assert [
        (r["name"], r["topics"], r["replies"], r["likes_received"]) for r in found["top_creators"]
    ] == [("Alice", 1, 1, 2), ("Bob", 1, 1, 0), ("Carol", 0, 1, 0), ("Dan", 0, 1, 0)]


def test_rising_kol_candidates(
    engine: Engine, people: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # by default nobody this small is a candidate
    assert week(engine)["kol_candidates"] == []
    monkeypatch.setattr(kol, "MIN_SCORE", 4.0)
    monkeypatch.setattr(kol, "MIN_GROWTH", 1.0)
    rows = week(engine)["kol_candidates"]
    # alice: replies by carol, dan, bob on T1 (3 × 3) + 2 likes received (2 × 2) + 4 reads
    # by others of T1 (4 × 0.5) = 15; bob: alice's reply on T2 (3) + 2 reads (1) = 4
    assert [(r["name"], r["score"], r["previous"], r["growth"], r["followers"]) for r in rows] == [
        ("Alice", 15.0, 0.0, None, 2),
        ("Bob", 4.0, 0.0, None, 1),
    ]
    # the week before, erin's T0 was read once by alice (0.5): 0.5 → 0 is no growth
    assert people["erin"].pk not in {r["member_id"] for r in rows}
    people["bob"].is_staff = True  # staff are not KOL candidates
    people["bob"].save()
    assert [r["name"] for r in week(engine)["kol_candidates"]] == ["Alice"]


def test_moderation_figures(engine: Engine, people: dict[str, Any]) -> None:
    alice, bob, carol = people["alice"], people["bob"], people["carol"]
    t1 = people["t1"]
    ref = {"content_kind": "topic", "content_id": t1.pk}

    def item(origin: str, queued: str, hours: int | None, outcome: str = "") -> ReviewItem:
        decided = at(queued) + dt.timedelta(hours=hours) if hours is not None else None
        return ReviewItem.objects.create(
            author=alice,
            origin=origin,
            state="decided" if decided else "open",
            created_at=at(queued),
            decided_at=decided,
            decision_seconds=hours * 3600 if hours is not None else None,
            outcome=outcome,
            **ref,
        )

    rejected = item("reported", "2026-01-06", 2, "rejected")
    item("held", "2026-01-08", 4, "approved")
    item("held", "2026-01-10", None)
    item("held", "2026-01-03", 1, "approved")  # the week before
    for reporter, day in ((bob, "2026-01-06"), (carol, "2026-01-07")):
        Report.objects.create(reporter=reporter, reason="spam", created_at=at(day), **ref)
    Report.objects.create(
        reporter=people["dan"],
        reason="spam",
        created_at=at("2026-01-02"),
        content_kind="topic",
        content_id=people["t0"].pk,
    )
    rule = CommunityRule.objects.first() or CommunityRule.objects.create(code="r", title="r")
    sanction = Sanction.objects.create(
        member=alice, kind="warning", rule=rule, item=rejected, created_at=at("2026-01-07")
    )
    Appeal.objects.create(
        appellant=alice, sanction=sanction, text="no", created_at=at("2026-01-09")
    )
    assert week(engine)["moderation"] == {
        "reports": 2,
        "handled": 2,
        "median_hours": 3.0,
        "held": 2,
        "removed": 1,
        "sanctions": 1,
        "appeals": 1,
        "previous_reports": 1,
    }


def test_anomalies_with_their_explanation(engine: Engine, people: dict[str, Any]) -> None:
    explanation = [
        {
            "dimension": "channel",
            "value": "seo",
            "current": 2,
            "expected": 0.5,
            "gap": 1.5,
            "share": 0.75,
        },
        {
            "dimension": "board",
            "value": str(people["board"].pk),
            "current": 3,
            "expected": 1,
            "gap": 2,
            "share": None,
        },
    ]
    common = {"value": 3, "expected": 1, "low": 0.5, "high": 1.5, "score": 4}
    AnomalyAlert.objects.create(
        metric="dau", day=dt.date(2026, 1, 8), explanation=explanation, **common
    )
    AnomalyAlert.objects.create(metric="reads", day=dt.date(2026, 1, 12), **common)  # next week
    rows = week(engine)["anomalies"]
    assert len(rows) == 1
    row = rows[0]
    assert (row["metric"], row["label"], row["day"], row["value"], row["high"]) == (
        "dau",
        "DAU",
        "2026-01-08",
        3,
        1.5,
    )
    assert row["explanation"] == [
        "Channel seo: 2 against 0.5 expected (+1.5, 75% of the change).",
        "Board Photo: 3 against 1 expected (+2).",
    ]


def test_a_week_without_activity_says_so(engine: Engine, people: dict[str, Any]) -> None:
    found = week(engine, "2026-W10")
    assert found["has_data"] is False
    assert found["kpis"] == found["goals"] == found["top_content"] == found["anomalies"] == []
    assert found["moderation"]["reports"] == 0
    assert found["label"] == "2026-W10"
