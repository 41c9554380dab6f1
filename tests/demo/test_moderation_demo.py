"""The default demo's moderation history: the planted numbers, measured back from the rows."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from hearth.accounts.models import User
from hearth.community.models import Board, Reply, Status, Topic, TopicKind
from hearth.community.selectors.featuring import topic_list_recommended
from hearth.demo.moderation import effects, moderation_plant
from hearth.moderation.models import (
    Appeal,
    AuditEntry,
    Dispute,
    Report,
    ReviewItem,
    Sanction,
    ScreeningRecord,
    WordList,
)
from hearth.moderation.selectors.metrics import (
    QueueSnapshot,
    RepeatOffenders,
    WatchedWordHits,
    moderation_metrics,
)
from tests.demo.conftest import SEED, DemoWorld

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]  # one build a module
OUTCOME = ReviewItem.Outcome


def test_an_enabled_word_list_with_hit_counts(demo_world: DemoWorld) -> None:
    words = WordList.objects.get(name=effects.WORD_LIST)
    assert words.enabled
    assert words.format == WordList.Format.MANUAL
    planted = {term: (category, action, hits) for term, category, action, _s, hits in effects.WORDS}
    stored = {w.term: (w.category, w.action, w.hit_count) for w in words.words.all()}
    assert stored == planted
    assert {action for _c, action, _h in planted.values()} == {"block", "hold", "replace", "flag"}
    top = WatchedWordHits(limit=50).run()
    assert top[0].term == effects.TOP_WORD
    assert len(top) == effects.WORDS_WITH_HITS


def test_the_queue_holds_new_members_posts_and_reported_replies(demo_world: DemoWorld) -> None:
    now = demo_world.now
    stats = QueueSnapshot(now=now).run()
    assert stats.open == effects.OPEN_ITEMS
    assert stats.held == effects.HELD_TOPICS + effects.HELD_REPLIES
    assert stats.reported == len(effects.REPORTED_OPEN)
    assert stats.claimed == 1
    assert stats.oldest_hours is not None
    assert stats.oldest_hours <= 4 * 24
    held = ReviewItem.objects.filter(state="open", origin="held").select_related("author")
    joined_since = now - dt.timedelta(days=effects.NEW_MEMBER_DAYS)
    for item in held:
        assert item.author.date_joined >= joined_since
        codes = {r["code"] for r in item.reasons}
        assert "contact" in codes, item.reasons
        model = Topic if item.content_kind == "topic" else Reply
        assert model.objects.get(pk=item.content_id).status == Status.HELD
        record = ScreeningRecord.objects.get(
            content_kind=item.content_kind, content_id=item.content_id
        )
        assert record.decision == "hold"
        assert record.reasons == item.reasons
    assert held.filter(content_kind="topic").count() == effects.HELD_TOPICS
    reported = ReviewItem.objects.filter(state="open", origin="reported")
    counts = sorted(item.reports.count() for item in reported)
    assert counts == sorted(n for _reason, n in effects.REPORTED_OPEN)
    for item in reported:
        assert Reply.objects.get(pk=item.content_id).status == Status.PUBLISHED
        assert item.report_count == item.reports.count()


def test_decisions_over_the_past_weeks(demo_world: DemoWorld) -> None:
    decided = ReviewItem.objects.filter(state="decided")
    assert decided.count() == effects.DECIDED_ITEMS
    outcomes = Counter(decided.values_list("outcome", flat=True))
    assert outcomes == {
        OUTCOME.APPROVED: effects.APPROVED_ITEMS - effects.EDITED_ITEMS + 1,
        OUTCOME.EDITED: effects.EDITED_ITEMS,
        OUTCOME.REJECTED: effects.REJECTED_ITEMS,
    }
    by = Counter(decided.values_list("decided_by__username", flat=True))
    assert set(by) == set(effects.MODERATOR_SHARES)
    assert by.most_common(1)[0][0] == "moderator"
    seconds = list(decided.values_list("decision_seconds", flat=True))
    assert 8 * 60 < statistics.median(seconds) < 45 * 60
    assert all(s > 0 for s in seconds)
    for item in decided:
        queued_to_decided = item.decided_at - item.created_at
        assert abs(queued_to_decided.total_seconds() - item.decision_seconds) < 1
        assert item.decided_at <= demo_world.now
    rejected = decided.filter(outcome=OUTCOME.REJECTED)
    assert not rejected.filter(rule=None).exists()  # every rejection cites a rule
    statuses = Counter(
        (Topic if i.content_kind == "topic" else Reply).objects.get(pk=i.content_id).status
        for i in rejected
    )
    assert statuses == {Status.REJECTED: effects.REJECTED_ITEMS - 1, Status.PUBLISHED: 1}
    oldest = decided.order_by("decided_at").first()
    assert oldest is not None
    assert oldest.decided_at < demo_world.now - dt.timedelta(days=45)  # the banned member's


def test_sanctions_a_muted_member_an_expired_ban_and_repeat_offenders(
    demo_world: DemoWorld,
) -> None:
    now = demo_world.now
    assert Sanction.objects.count() == effects.SANCTIONS
    running = Sanction.objects.filter(
        kind__in=("mute", "ban"), lifted_at=None, starts_at__lte=now
    ).filter(Q(ends_at=None) | Q(ends_at__gt=now))
    assert running.count() == 1
    muted = running.get()
    assert muted.kind == "mute"
    assert muted.seen_at is None  # the member has not seen it yet
    bans = Sanction.objects.filter(kind="ban")
    assert bans.count() == 1
    ban = bans.get()
    assert ban.ends_at is not None
    assert ban.ends_at < now
    offenders = RepeatOffenders(now=now).run()
    assert len(offenders) == len(effects.REPEAT_OFFENDERS)
    first, second = offenders
    assert (first.member.pk, first.sanctions, first.rejected, first.restricted_now) == (
        muted.member_id,
        3,
        3,
        True,
    )
    assert (second.sanctions, second.rejected, second.restricted_now) == (2, 2, False)
    assert Sanction.objects.exclude(lifted_at=None).count() == 1  # the overturned warning


def test_appeals_pending_upheld_and_overturned(demo_world: DemoWorld) -> None:
    states = Counter(Appeal.objects.values_list("state", flat=True))
    assert states == {"pending": 1, "upheld": 1, "overturned": 1}
    for appeal in Appeal.objects.exclude(state="pending").select_related("item"):
        assert appeal.item is not None
        assert appeal.reviewed_by_id not in (None, appeal.item.decided_by_id)
        assert appeal.decided_at is not None
        assert appeal.created_at < appeal.decided_at <= demo_world.now
    overturned = Appeal.objects.select_related("item").get(state="overturned")
    item = overturned.item
    assert item is not None
    assert item.overturned
    assert Reply.objects.get(pk=item.content_id).status == Status.PUBLISHED
    assert set(item.reports.values_list("outcome", flat=True)) == {"dismissed"}
    warning = item.sanctions.get()
    assert warning.lifted_at == overturned.decided_at
    assert warning.lifted_by_id == overturned.reviewed_by_id


def test_reports_per_reason_and_from_distinct_members(demo_world: DemoWorld) -> None:
    assert Report.objects.count() == effects.REPORTS
    expected: Counter[str] = Counter()
    for reason, n in effects.REPORTED_OPEN:
        expected[reason] += n
    for case in effects.CASES:
        for reason, n in case.reports:
            expected[reason] += n
    expected["spam"] += effects.OVERTURNED_REPORTS
    expected["abuse"] += effects.DISMISSED_REPORTS
    assert Counter(Report.objects.values_list("reason", flat=True)) == expected
    for report in Report.objects.select_related("item"):
        assert report.item is not None
        assert report.reporter_id != report.item.author_id
        assert report.created_at <= demo_world.now


def test_a_dispute_in_progress_with_a_timeline(demo_world: DemoWorld) -> None:
    dispute = Dispute.objects.get(title=effects.DISPUTE_TITLE)
    assert dispute.state == Dispute.State.IN_PROGRESS
    assert dispute.assignee is not None
    assert dispute.assignee.username == "moderator"
    parties = set(dispute.parties.values_list("pk", flat=True))
    assert len(parties) == 2
    entries = list(dispute.entries.all())
    assert len(entries) == effects.DISPUTE_ENTRIES
    assert [e.created_at for e in entries] == sorted(e.created_at for e in entries)
    assert {e.recipient_id for e in entries if e.kind == "message"} == parties
    contents = dict(dispute.contents.values_list("content_kind", "content_id"))
    reply = Reply.objects.select_related("topic").get(pk=contents["reply"])
    assert reply.topic_id == contents["topic"]
    assert {reply.author_id, reply.topic.author_id} == parties


def test_every_action_is_in_the_audit_log(demo_world: DemoWorld) -> None:
    entries = AuditEntry.objects.all()
    actions = Counter(entries.values_list("action", flat=True))
    decided = ReviewItem.objects.filter(state="decided")
    assert actions["item.approve"] == decided.filter(outcome=OUTCOME.APPROVED).count()
    assert actions["item.edit_approve"] == effects.EDITED_ITEMS
    assert actions["item.reject"] == effects.REJECTED_ITEMS
    assert actions["sanction.issue"] == effects.SANCTIONS
    assert actions["sanction.lift"] == 1
    assert actions["report.create"] == effects.REPORTS
    assert actions["appeal.file"] == 3
    assert actions["appeal.overturn"] == actions["appeal.uphold"] == 1
    assert actions["pipeline.hold"] == ReviewItem.objects.filter(origin="held").count()
    assert actions["word_list.enable"] == 1
    assert actions["dispute.open"] == 1
    assert actions["item.claim"] == 1
    for item in decided:
        entry = entries.get(
            target_kind=item.content_kind,
            target_id=item.content_id,
            action__in=("item.approve", "item.edit_approve", "item.reject"),
        )
        assert entry.actor_id == item.decided_by_id
        assert entry.after["item"] == item.pk
        assert entry.created_at == item.decided_at
    assert not entries.filter(created_at__gt=demo_world.now).exists()


def test_new_posts_fall_on_their_authors_active_days(demo_world: DemoWorld) -> None:
    """Held and rejected posts leave the activity and onboarding effects of the demo as they were."""
    planted = [
        *Topic.objects.filter(status__in=(Status.HELD, Status.REJECTED)),
        *Reply.objects.filter(status__in=(Status.HELD, Status.REJECTED)),
    ]
    assert len(planted) == effects.HELD_TOPICS + effects.HELD_REPLIES + len(effects.CASES)
    for post in planted:
        assert post.created_at <= demo_world.now
        day = timezone.localdate(post.created_at)
        model = type(post)
        earlier = model.objects.filter(author_id=post.author_id, created_at__lt=post.created_at)
        if model is Topic:
            earlier = earlier.filter(kind=TopicKind.UGC)
        assert earlier.exists(), post  # their first topic (or reply) comes before
        own = [
            *Topic.objects.filter(author_id=post.author_id, status=Status.PUBLISHED),
            *Reply.objects.filter(author_id=post.author_id, status=Status.PUBLISHED),
        ]
        assert any(
            timezone.localdate(o.created_at) == day and o.created_at < post.created_at for o in own
        ), post


def test_counters_follow_published_posts_only(demo_world: DemoWorld) -> None:
    published = Q(topics__status=Status.PUBLISHED)
    for board in Board.objects.annotate(n=Count("topics", filter=published)):
        assert board.topic_count == board.n
        assert (
            board.reply_count
            == Reply.objects.filter(topic__board=board, status=Status.PUBLISHED).count()
        )
    authors = {p.author_id for p in Topic.objects.exclude(status=Status.PUBLISHED)}
    authors |= {p.author_id for p in Reply.objects.exclude(status=Status.PUBLISHED)}
    for user in User.objects.filter(pk__in=authors):
        assert user.topic_count == Topic.objects.filter(author=user, status="published").count()
        assert user.reply_count == Reply.objects.filter(author=user, status="published").count()


def test_recommended_topics_on_the_home_page(demo_world: DemoWorld) -> None:
    shown = topic_list_recommended(user=AnonymousUser(), now=demo_world.now)
    assert len(shown) == effects.RECOMMENDED
    assert all(t.featured_level == 0 and t.status == Status.PUBLISHED for t in shown)


def test_the_metrics_read_the_planted_history(demo_world: DemoWorld) -> None:
    with CaptureQueriesContext(connection) as context:
        found = moderation_metrics(days=90, now=demo_world.now)
    assert len(context.captured_queries) <= 12
    assert found.queue.open == effects.OPEN_ITEMS
    assert found.decisions.decided == effects.DECIDED_ITEMS
    assert found.decisions.overturned == 1
    assert found.appeals.filed == 3
    assert sum(row.reports for row in found.reports) == effects.REPORTS
    assert found.moderators[0].username == "moderator"
    assert found.words[0].term == effects.TOP_WORD


def test_cockpit_pages_show_the_demo(demo_world: DemoWorld) -> None:
    client = Client(headers={"accept-language": "en"})
    client.force_login(User.objects.get(username="admin"))
    with freeze_time(demo_world.now):
        metrics = client.get(reverse("cockpit:moderation_metrics"), {"days": "90"})
        candidates = client.get(reverse("cockpit:candidates"))
    assert metrics.status_code == 200
    html = metrics.content.decode()
    assert f'data-term="{effects.TOP_WORD}"' in html
    assert html.count('data-member="') == len(effects.REPEAT_OFFENDERS)
    assert candidates.status_code == 200
    assert candidates.content.decode().count('id="candidate-') > 10


def test_planting_again_plants_the_same_numbers(demo_world: DemoWorld) -> None:
    """Planting is repeatable (rolled back here); its time is part of the demo build figure."""
    with transaction.atomic():
        counts = moderation_plant(seed=SEED + 1, now=demo_world.now)
        transaction.set_rollback(True)
    assert counts["items"] == effects.OPEN_ITEMS + effects.DECIDED_ITEMS
