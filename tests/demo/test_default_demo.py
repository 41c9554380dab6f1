"""The default demo community (3,000 members): planted effects, consistent counters, staff."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from hearth.accounts.regions import PROVINCES
from hearth.community.models import BoardFollow, Like, Read, Reply, Topic
from hearth.demo import effects
from hearth.growth.models import OutreachRecipient, RecipientGroup
from tests.demo import measure
from tests.demo.conftest import DEFAULT_MEMBERS, DemoWorld

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]  # one build a module


def _members() -> Any:
    return get_user_model().objects.filter(is_staff=False, groups__isnull=True)


def test_default_demo_has_thousands_of_members_joining_over_180_days(
    demo_world: DemoWorld,
) -> None:
    members = _members()
    assert members.count() == DEFAULT_MEMBERS
    dates = [timezone.localdate(d) for d in members.values_list("date_joined", flat=True)]
    assert min(dates) >= demo_world.today - dt.timedelta(days=effects.WINDOW_DAYS - 1)
    assert max(dates) <= demo_world.today
    first = sum(d < demo_world.today - dt.timedelta(days=120) for d in dates)
    last = sum(d > demo_world.today - dt.timedelta(days=60) for d in dates)
    assert last > 1.8 * first  # sign-ups grow over time
    assert Topic.objects.count() >= 2000
    assert Reply.objects.count() >= 10000
    assert Read.objects.count() >= 50000


def test_weekends_are_busier_and_evenings_peak(demo_world: DemoWorld) -> None:
    ratio = measure.weekend_ratio(demo_world.actions)
    assert effects.WEEKEND_RATIO - 0.2 <= ratio <= effects.WEEKEND_RATIO + 0.2
    shares = measure.hour_shares(demo_world.actions)
    assert max(shares, key=shares.__getitem__) in effects.EVENING_HOURS
    evening = sum(shares[h] for h in effects.EVENING_HOURS)
    assert abs(evening - effects.EVENING_SHARE) < 0.04
    assert shares[4] < 0.01  # the small hours are quiet


def test_a_tenth_of_members_write_most_posts(demo_world: DemoWorld) -> None:
    assert measure.top_decile_post_share() >= effects.TOP_DECILE_POST_SHARE_MIN


def test_channels_retain_as_planted(demo_world: DemoWorld) -> None:
    measured = measure.retention_by_channel(demo_world.actions, demo_world.today)
    assert set(measured) == set(effects.CHANNEL_KEYS)
    for channel in effects.CHANNELS:
        count, rate = measured[channel.key]
        assert count >= 80, channel.key
        assert abs(rate - channel.active_8_30) < 0.15, (channel.key, rate)
    best = min(measured[c][1] for c in effects.BEST_RETAINING)
    worst = max(measured[c][1] for c in effects.WORST_RETAINING)
    assert best - worst >= 0.2


def test_one_board_declines_among_one_age_band(demo_world: DemoWorld) -> None:
    decline = effects.DECLINES["tech"]
    counts = measure.reads_by_band(decline.board_slug, demo_world.today)

    def growth(on_board: bool, in_band: bool) -> float:
        def total(period: str) -> int:
            return sum(
                n
                for (board, band, p), n in counts.items()
                if board == on_board and (band == decline.band) == in_band and p == period
            )

        return total("recent") / total("before")

    relative = growth(True, True) / growth(True, False)
    # Planted: 0.5. A few heavy readers move it by about ±0.15 at 3,000 members.
    assert 0.3 < relative < 0.75
    control = growth(False, True) / growth(False, False)
    assert 0.8 < control < 1.25


def test_first_week_drop_off_is_concentrated_in_the_follow_step(demo_world: DemoWorld) -> None:
    follows = measure.board_follow_counts()
    offsets, channel = measure.active_offsets(demo_world.actions)
    signed_up: Counter[bool] = Counter()
    completed: Counter[bool] = Counter()
    churned: Counter[bool] = Counter()
    # Effect 9's outreach brought some stalled members back after their first week.
    rescued = set(
        OutreachRecipient.objects.filter(group=RecipientGroup.TREATED).values_list(
            "member_id", flat=True
        )
    )
    assert rescued
    for pk, joined in _members().values_list("id", "date_joined"):
        done = follows.get(pk, 0) >= effects.FOLLOW_BOARDS_REQUIRED
        later = any(o > effects.FIRST_WEEK_LAST_OFFSET for o in offsets.get(pk, ()))
        if not done and pk not in rescued:
            assert not later, "members who never follow boards churn in week 1"
        drop_channel = channel[pk] == effects.ONBOARDING_DROP_CHANNEL
        signed_up[drop_channel] += 1
        completed[drop_channel] += done
        age = (demo_world.today - timezone.localdate(joined)).days
        if age > effects.RETENTION_WINDOW[1] and not later:
            churned[done] += 1
    assert completed[True] / signed_up[True] < 0.3
    assert completed[False] / signed_up[False] > 0.5
    assert churned[False] / (churned[False] + churned[True]) >= effects.WEEK1_STUCK_SHARE_MIN


def test_onboarding_steps_happen_in_order_and_the_follow_step_loses_most(
    demo_world: DemoWorld,
) -> None:
    firsts: dict[str, dict[int, dt.datetime]] = {}
    third_follow: dict[int, list[dt.datetime]] = {}
    for member, created in BoardFollow.objects.order_by("created_at").values_list(
        "member_id", "created_at"
    ):
        third_follow.setdefault(member, []).append(created)
    for step, qs, field in (
        ("first_read", Read.objects, "member_id"),
        ("first_like", Like.objects, "member_id"),
        ("first_reply", Reply.objects, "author_id"),
        ("first_topic", Topic.objects.filter(kind="ugc"), "author_id"),
    ):
        firsts[step] = {}
        for member, created in qs.order_by("-created_at").values_list(field, "created_at"):
            firsts[step][member] = created
    members = _members()
    complete = set(members.exclude(bio="").exclude(avatar="").values_list("id", flat=True))
    reached: Counter[str] = Counter()
    steps = effects.ONBOARDING_STEPS
    for pk in members.values_list("id", flat=True):
        if pk not in complete:
            continue
        reached[steps[0]] += 1
        follows = third_follow.get(pk, [])
        if len(follows) < effects.FOLLOW_BOARDS_REQUIRED:
            continue
        reached[steps[1]] += 1
        previous = follows[effects.FOLLOW_BOARDS_REQUIRED - 1]
        for step in steps[2:]:
            at = firsts[step].get(pk)
            if at is None:
                break
            assert at > previous, (pk, step)
            reached[step] += 1
            previous = at
    rates = {
        step: reached[step] / (reached[steps[k - 1]] if k else _members().count())
        for k, step in enumerate(steps)
    }
    follow_rate = rates.pop("boards_followed")
    assert follow_rate < min(rates.values()) - 0.08
    for step, rate in rates.items():
        assert abs(rate - effects.STEP_RATES[step]) < 0.08, step


def test_members_have_real_regions_age_and_channels(demo_world: DemoWorld) -> None:
    provinces = {zh for zh, _en in PROVINCES}
    rows = list(_members().values_list("province", "city", "birth_year", "channel", "utm_source"))
    assert all(p in provinces and c for p, c, *_rest in rows)
    by_province = Counter(p for p, *_rest in rows)
    assert by_province.most_common(1)[0][0] == "广东"  # the most populous province
    assert by_province["广东"] > 5 * by_province.get("宁夏", 0)
    assert all(year and channel == source for _p, _c, year, channel, source in rows)


def test_counters_match_the_rows(demo_world: DemoWorld) -> None:
    from django.db.models import Count, Max, Q

    from hearth.accounts.models import MemberFollow
    from hearth.community.models import Board, Share
    from hearth.community.services import text

    # Counters follow published posts only (held and rejected ones wait for review).
    published_replies = Reply.objects.filter(status="published")
    for board in Board.objects.annotate(
        topics_n=Count("topics", filter=Q(topics__status="published"), distinct=True),
        follows_n=Count("follows", distinct=True),
    ):
        assert board.topic_count == board.topics_n
        assert board.follower_count == board.follows_n
        assert board.reply_count == published_replies.filter(topic__board=board).count()
    replies = dict(published_replies.values_list("topic_id").annotate(n=Count("id")))
    last_reply = dict(published_replies.values_list("topic_id").annotate(m=Max("created_at")))
    likes = dict(Like.objects.filter(reply=None).values_list("topic_id").annotate(n=Count("id")))
    shares = dict(Share.objects.values_list("topic_id").annotate(n=Count("id")))
    reads = dict(Read.objects.values_list("topic_id").annotate(n=Count("id")))
    for topic in Topic.objects.all():
        assert topic.reply_count == replies.get(topic.pk, 0)
        assert topic.like_count == likes.get(topic.pk, 0)
        assert topic.share_count == shares.get(topic.pk, 0)
        assert topic.read_count == reads.get(topic.pk, 0)
        assert topic.last_activity_at == max(
            topic.created_at, last_reply.get(topic.pk, topic.created_at)
        )
        assert topic.hot_score == text.hot_score(topic)
    reply_likes = dict(
        Like.objects.exclude(reply=None).values_list("reply_id").annotate(n=Count("id"))
    )
    for pk, like_count in Reply.objects.values_list("id", "like_count"):
        assert like_count == reply_likes.get(pk, 0)
    topics_by = dict(
        Topic.objects.filter(status="published").values_list("author_id").annotate(n=Count("id"))
    )
    replies_by = dict(published_replies.values_list("author_id").annotate(n=Count("id")))
    followers = dict(MemberFollow.objects.values_list("followed_id").annotate(n=Count("id")))
    received = Counter(
        dict(
            Like.objects.filter(reply=None).values_list("topic__author_id").annotate(n=Count("id"))
        )
    )
    received.update(
        dict(
            Like.objects.exclude(reply=None).values_list("reply__author_id").annotate(n=Count("id"))
        )
    )
    for user in get_user_model().objects.all():
        assert user.topic_count == topics_by.get(user.pk, 0)
        assert user.reply_count == replies_by.get(user.pk, 0)
        assert user.follower_count == followers.get(user.pk, 0)
        assert user.likes_received == received.get(user.pk, 0)
    assert not Like.objects.filter(
        Q(topic__author=models_f("member")) | Q(reply__author=models_f("member"))
    ).exists()
    assert not MemberFollow.objects.filter(follower=models_f("followed")).exists()


def models_f(name: str) -> Any:
    from django.db.models import F

    return F(name)


def test_text_is_rendered_like_the_services_do(demo_world: DemoWorld) -> None:
    from hearth.community.services import text
    from hearth.core import markdown

    for topic in Topic.objects.order_by("?")[:200]:
        assert topic.body_html == text.render(
            topic.body, text.mentions(topic.body, exclude=topic.author_id)
        )
        assert topic.excerpt == markdown.excerpt(topic.body)
        assert sum("\u4e00" <= ch <= "\u9fff" for ch in topic.title) >= 4
    for reply in Reply.objects.order_by("?")[:400]:
        assert reply.body_html == text.render(
            reply.body, text.mentions(reply.body, exclude=reply.author_id)
        )
    mentioning = Reply.objects.filter(body__startswith="@")[:50]
    assert len(mentioning) == 50
    assert all("<a " in reply.body_html for reply in mentioning)
    assert Reply.objects.exclude(quote=None).filter(quote__topic=models_f("topic")).count() > 100
    assert not Reply.objects.exclude(quote=None).exclude(quote__topic=models_f("topic")).exists()


def test_everything_happened_in_the_past_within_the_window(demo_world: DemoWorld) -> None:
    from hearth.community.models import Bookmark, Share

    start = timezone.make_aware(
        dt.datetime.combine(demo_world.today - dt.timedelta(days=effects.WINDOW_DAYS), dt.time())
    )
    for model in (Topic, Reply, Like, Read, Share, Bookmark, BoardFollow):
        oldest = model.objects.order_by("created_at").values_list("created_at", flat=True).first()
        newest = model.objects.order_by("-created_at").values_list("created_at", flat=True).first()
        assert oldest is not None
        assert newest is not None
        assert oldest.tzinfo is not None
        assert start <= oldest <= newest <= demo_world.now, model.__name__
    for read in Read.objects.order_by("?")[:500]:
        assert read.day == timezone.localdate(read.created_at)
        assert 0 < read.dwell_seconds <= 4 * 3600


def test_staff_admin_brand_and_notifications(demo_world: DemoWorld) -> None:
    from hearth.core import roles
    from hearth.core.brand import brand_get
    from hearth.demo.build import DEMO_PASSWORD, DEMO_USERNAME
    from hearth.notifications.models import Notification

    User = get_user_model()
    admin = User.objects.get(username=DEMO_USERNAME)
    assert admin.is_superuser
    assert admin.check_password(DEMO_PASSWORD)
    assert admin.groups.filter(name=roles.ADMIN).exists()
    for role in roles.ROLE_PERMISSIONS:
        staff = User.objects.filter(groups__name=role)
        assert staff.count() == 1, role
        assert "\u4e00" <= staff.get().display_name[0] <= "\u9fff"
    member = _members().order_by("?").first()
    assert member.check_password(DEMO_PASSWORD)  # one shared demo password
    brand = brand_get()
    assert brand.community_name.startswith("极客社区")
    assert brand.icp_number == "京ICP备2026000000号-1"
    assert "社区规则" in brand.rules_markdown
    assert brand.culture_markdown
    unread = Notification.objects.filter(recipient=admin, read_at=None)
    assert unread.filter(verb="system").exists()
    assert unread.filter(verb="reply", reply__topic__author=admin).exists()


def test_featured_pinned_and_staff_topics(demo_world: DemoWorld) -> None:
    featured = Topic.objects.filter(featured_level__gt=0)
    assert featured.count() >= 20
    assert set(featured.values_list("featured_level", flat=True)) == {1, 2, 3}
    pinned = Topic.objects.get(pin_scope="global")
    assert pinned.pinned_until > demo_world.now
    assert pinned.author.username == "admin"
    assert Topic.objects.filter(pin_scope="board").count() == 1
    pgc = Topic.objects.filter(kind="pgc")
    assert 100 <= pgc.count() < Topic.objects.count() // 5
    assert not pgc.filter(author__groups__isnull=True).exists()
    assert Topic.objects.filter(tags__isnull=False).distinct().count() > 1000
