"""Moderation metrics: known answers from rows with chosen times, and fixed query counts."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.moderation.models import (
    Appeal,
    Report,
    ReportReason,
    ReviewItem,
    WatchedWord,
    WordList,
)
from hearth.moderation.selectors.metrics import (
    AppealSummary,
    DecisionSummary,
    ModeratorWorkload,
    Period,
    QueueSnapshot,
    RepeatOffenders,
    ReportsByReason,
    WatchedWordHits,
    moderation_metrics,
    period_parse,
)
from tests.moderation.insight_fixtures import NOW, ago, item, sanction

pytestmark = pytest.mark.django_db
REJECTED = ReviewItem.Outcome.REJECTED


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def people(make_member: Callable[..., Any]) -> dict[str, Any]:
    names = ("mod_a", "mod_b", "writer", "x", "y", "z", "w", "v", "u", "t")
    return {
        name: make_member(name if len(name) > 1 else f"member_{name}", display_name=name.upper())
        for name in names
    }


def _queries(run: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as context:
        run()
    return len(context.captured_queries)


def test_queue_size_and_age(people: dict[str, Any]) -> None:
    writer = people["writer"]
    item(writer, queued=ago(hours=1))
    item(writer, queued=ago(hours=3), origin=ReviewItem.Origin.REPORTED)
    item(writer, queued=ago(hours=10), claimed_by=people["mod_a"], claimed_at=ago(hours=2))
    item(
        writer,
        queued=ago(hours=30),
        origin=ReviewItem.Origin.FLAGGED,
        state=ReviewItem.State.ESCALATED,
    )
    item(writer, queued=ago(hours=80), decided_by=people["mod_a"], seconds=60)  # decided: gone

    snapshot = QueueSnapshot(now=NOW)
    assert _queries(snapshot.run) == 2
    stats = snapshot.run()
    assert (stats.open, stats.escalated, stats.claimed) == (4, 1, 1)
    assert (stats.held, stats.reported, stats.flagged) == (2, 1, 1)
    assert stats.oldest_hours == 30.0
    assert stats.median_hours == statistics.median([1, 3, 10, 30])  # 6.5


def test_empty_queue_and_period_answer_nothing(db: None) -> None:
    stats = QueueSnapshot(now=NOW).run()
    assert (stats.open, stats.oldest_hours, stats.median_hours) == (0, None, None)
    decisions = DecisionSummary(Period(30, NOW)).run()
    assert (decisions.decided, decisions.median_seconds, decisions.p90_seconds) == (0, None, None)
    assert decisions.overturn_rate is None


def test_time_to_decision_outcomes_and_overturn_rate(people: dict[str, Any]) -> None:
    a, b, writer = people["mod_a"], people["mod_b"], people["writer"]
    seconds = [45, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 86_400]
    for n, s in enumerate(seconds):
        outcome = REJECTED if n % 3 == 0 else ReviewItem.Outcome.APPROVED
        item(
            writer, queued=ago(days=n + 1), decided_by=a if n % 2 else b, seconds=s, outcome=outcome
        )
    edited = item(
        writer, queued=ago(days=2), decided_by=a, seconds=None, outcome=ReviewItem.Outcome.EDITED
    )
    item(writer, queued=ago(days=50), decided_by=a, seconds=999_999, outcome=REJECTED)  # too old
    item(writer, queued=ago(hours=5))  # queued in the period, still open
    flagged = ReviewItem.objects.filter(outcome=REJECTED, created_at__gte=ago(days=30))
    flagged = flagged.order_by("created_at")
    first, second = flagged[0], flagged[1]
    ReviewItem.objects.filter(pk=first.pk).update(overturned=True)
    Appeal.objects.create(
        appellant=writer, item=second, text="我没有打广告", state=Appeal.State.OVERTURNED
    )
    assert edited.decision_seconds is None

    summary = DecisionSummary(Period(30, NOW))
    assert _queries(summary.run) == 3
    stats = summary.run()
    assert stats.decided == 11
    assert stats.queued == 12  # ten decided + the edited one + the open one
    assert (stats.approved, stats.edited, stats.rejected) == (6, 1, 4)
    assert stats.overturned == 2
    assert stats.overturn_rate == pytest.approx(2 / 11)
    assert stats.median_seconds == statistics.median(seconds)
    p90 = statistics.quantiles(seconds, n=10, method="inclusive")[8]
    assert stats.p90_seconds == pytest.approx(p90)
    longer = DecisionSummary(Period(90, NOW)).run()
    assert longer.decided == 12
    assert longer.p90_seconds == pytest.approx(
        statistics.quantiles([*seconds, 999_999], n=10, method="inclusive")[8]
    )


def test_decisions_per_moderator(people: dict[str, Any]) -> None:
    a, b, writer = people["mod_a"], people["mod_b"], people["writer"]
    for s in (60, 120, 180):
        item(writer, queued=ago(days=1), decided_by=a, seconds=s)
    item(writer, queued=ago(days=2), decided_by=a, seconds=600, outcome=REJECTED, overturned=True)
    item(writer, queued=ago(days=3), decided_by=b, seconds=30, outcome=REJECTED)
    item(writer, queued=ago(days=60), decided_by=b, seconds=30)  # outside 30 days

    workload = ModeratorWorkload(Period(30, NOW))
    assert _queries(workload.run) == 1
    rows = workload.run()
    assert [(r.username, r.decisions, r.approved, r.rejected, r.overturned) for r in rows] == [
        ("mod_a", 4, 3, 1, 1),
        ("mod_b", 1, 0, 1, 0),
    ]
    assert rows[0].name == "MOD_A"
    assert rows[0].avg_seconds == pytest.approx((60 + 120 + 180 + 600) / 4)


def test_appeals_filed_in_the_period_by_state(people: dict[str, Any]) -> None:
    writer = people["writer"]
    states = (Appeal.State.PENDING, Appeal.State.PENDING, Appeal.State.UPHELD)
    for state in (*states, Appeal.State.OVERTURNED):
        decided = item(writer, queued=ago(days=5), decided_by=people["mod_a"], outcome=REJECTED)
        Appeal.objects.create(
            appellant=writer, item=decided, text="请复核", state=state, created_at=ago(days=4)
        )
    old = item(writer, queued=ago(days=50), decided_by=people["mod_a"], outcome=REJECTED)
    Appeal.objects.create(appellant=writer, item=old, text="旧申诉", created_at=ago(days=45))
    stats = AppealSummary(Period(30, NOW)).run()
    assert (stats.filed, stats.pending, stats.upheld, stats.overturned) == (4, 2, 1, 1)
    assert AppealSummary(Period(90, NOW)).run().filed == 5


def test_reports_per_category(people: dict[str, Any]) -> None:
    reporters = [people[k] for k in ("x", "y", "z", "w")]
    outcome = Report.Outcome
    planted = [
        (ReportReason.SPAM, outcome.UPHELD),
        (ReportReason.SPAM, outcome.UPHELD),
        (ReportReason.SPAM, outcome.PENDING),
        (ReportReason.ABUSE, outcome.DISMISSED),
        (ReportReason.ABUSE, outcome.PENDING),
        (ReportReason.VULGAR, outcome.UPHELD),
    ]
    for n, (reason, result) in enumerate(planted):
        Report.objects.create(
            reporter=reporters[n % 4],
            content_kind="reply",
            content_id=500 + n,
            reason=reason,
            outcome=result,
            created_at=ago(days=n + 1),
        )
    Report.objects.create(
        reporter=reporters[0],
        content_kind="reply",
        content_id=999,
        reason=ReportReason.OTHER,
        created_at=ago(days=40),
    )
    report = ReportsByReason(Period(30, NOW))
    assert _queries(report.run) == 1
    rows = report.run()
    assert [r.reason for r in rows][:3] == ["spam", "abuse", "vulgar"]
    assert {r.reason for r in rows} == set(ReportReason.values)  # every reason, zero or not
    by = {r.reason: (r.reports, r.upheld, r.dismissed, r.pending) for r in rows}
    assert by["spam"] == (3, 2, 0, 1)
    assert by["abuse"] == (2, 0, 1, 1)
    assert by["vulgar"] == (1, 1, 0, 0)
    assert by["other"] == (0, 0, 0, 0)
    assert next(r for r in rows if r.reason == "spam").label == "Spam or advertising"
    assert {r.reason: r.reports for r in ReportsByReason(Period(90, NOW)).run()}["other"] == 1


def test_repeat_offenders(people: dict[str, Any]) -> None:
    mod, p = people["mod_a"], people
    sanction(p["x"], at=ago(days=20))
    sanction(p["x"], at=ago(days=2), kind="mute", ends_at=NOW + dt.timedelta(days=5))
    for days in (3, 9):
        item(p["y"], queued=ago(days=days), decided_by=mod, outcome=REJECTED)
    sanction(p["z"], at=ago(days=4))  # one of each: not repeated
    item(p["z"], queued=ago(days=4), decided_by=mod, outcome=REJECTED)
    sanction(p["w"], at=ago(days=3))
    sanction(p["w"], at=ago(days=45))  # outside the window
    item(p["v"], queued=ago(days=3), decided_by=mod, outcome=REJECTED)
    item(p["v"], queued=ago(days=6), decided_by=mod, outcome=REJECTED, overturned=True)
    sanction(p["u"], at=ago(days=3))
    lifted = sanction(p["u"], at=ago(days=5), kind="mute", ends_at=NOW + dt.timedelta(days=1))
    Appeal.objects.create(
        appellant=p["u"], sanction=lifted, text="误判", state=Appeal.State.OVERTURNED
    )
    sanction(p["t"], at=ago(days=2))
    restored = item(p["t"], queued=ago(days=4), decided_by=mod, outcome=REJECTED, overturned=True)
    sanction(p["t"], at=ago(days=4), item=restored)  # its post was restored on appeal
    for days in (1, 2, 3):  # three warnings, a lifted mute and an expired ban: not restricted
        sanction(p["writer"], at=ago(days=days))
    sanction(p["writer"], at=ago(days=10), kind="mute", ends_at=NOW, lifted_at=ago(days=9))
    sanction(p["writer"], at=ago(days=12), kind="ban", ends_at=ago(days=11))

    offenders = RepeatOffenders(now=NOW)
    assert _queries(offenders.run) == 3
    rows = offenders.run()
    assert [(r.member.username, r.sanctions, r.rejected, r.restricted_now) for r in rows] == [
        ("writer", 5, 0, False),
        ("member_x", 2, 0, True),
        ("member_y", 0, 2, False),
    ]


def test_hits_per_watched_word(db: None) -> None:
    words = WordList.objects.create(name="广告词", format=WordList.Format.MANUAL, enabled=True)
    for term, hits in (("加微信", 40), ("刷单", 12), ("代开发票", 12), ("兼职", 0)):
        WatchedWord.objects.create(
            word_list=words, term=term, category="advertising", action="hold", hit_count=hits
        )
    assert [w.term for w in WatchedWordHits().run()] == ["加微信", "代开发票", "刷单"]
    assert [w.term for w in WatchedWordHits(limit=1).run()] == ["加微信"]
    hits = WatchedWordHits()
    assert _queries(hits.run) == 1
    assert hits.run()[0].word_list.name == "广告词"


def test_all_metrics_cost_the_same_queries_whatever_the_data(people: dict[str, Any]) -> None:
    writer, mod = people["writer"], people["mod_a"]

    def plant(n: int) -> None:
        item(writer, queued=ago(hours=n + 1))
        decided = item(
            writer, queued=ago(days=n + 1), decided_by=mod, seconds=60 * n, outcome=REJECTED
        )
        sanction(people["x"], at=ago(days=n + 1))
        Appeal.objects.create(appellant=writer, item=decided, text="请复核", created_at=ago(days=n))

    plant(0)
    plant(1)
    few = _queries(lambda: moderation_metrics(days=30, now=NOW))
    for n in range(2, 12):
        plant(n)
    many = _queries(lambda: moderation_metrics(days=30, now=NOW))
    assert many == few <= 12
    found = moderation_metrics(days=30, now=NOW)
    assert found.queue.open == 12
    assert found.decisions.decided == 12
    assert found.appeals.pending == 12
    assert [row.member.username for row in found.offenders] == ["writer", "member_x"]  # tie: pk


@pytest.mark.parametrize(
    ("raw", "days"), [(None, 30), ("7", 7), ("90", 90), ("14", 30), ("abc", 30), ("-7", 30)]
)
def test_period_parse(raw: str | None, days: int) -> None:
    assert period_parse(raw) == days
