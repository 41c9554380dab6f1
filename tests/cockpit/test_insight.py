"""Insight pages: candidates for featuring with one-click actions, and the moderation metrics."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hearth.community.models import Status, Topic
from hearth.community.services import like_give, read_record, reply_create, topic_set_status
from hearth.core import roles
from hearth.moderation.models import Report, ReviewItem, WatchedWord, WordList

pytestmark = pytest.mark.django_db

CURATES = {  # may open the candidates page (feature or pin topics)
    roles.ADMIN: True,
    roles.COMMUNITY_MANAGER: True,
    roles.CONTENT_EDITOR: True,
    roles.MODERATOR: True,
    roles.EVENT_PLANNER: False,
    roles.MEMBER_OPERATIONS: False,
    roles.ANALYST: False,
}
MODERATES = {  # may open the moderation metrics
    roles.ADMIN: True,
    roles.COMMUNITY_MANAGER: True,
    roles.MODERATOR: True,
    roles.CONTENT_EDITOR: False,
    roles.EVENT_PLANNER: False,
    roles.MEMBER_OPERATIONS: False,
    roles.ANALYST: False,
}


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def readers(make_member: Callable[..., Any]) -> list[Any]:
    return [make_member(f"reader{n}") for n in range(10)]


@pytest.fixture
def good_topic(make_topic: Callable[..., Any], readers: list[Any], no_posting_limit: None) -> Topic:
    """A topic read by ten members for two minutes each, liked and answered by four."""
    topic: Topic = make_topic(title="一篇认真写的测评")
    if topic.status != Status.PUBLISHED:
        topic_set_status(actor=None, topic=topic, status=Status.PUBLISHED)
    for member in readers:
        read_record(member=member, topic=topic, dwell_seconds=120)
    for member in readers[:4]:
        like_give(member=member, target=topic)
        reply = reply_create(author=member, topic=topic, body="写得很清楚，收藏了。")
        if reply.status != Status.PUBLISHED:
            from hearth.community.services import reply_set_status

            reply_set_status(actor=None, reply=reply, status=Status.PUBLISHED)
    topic.refresh_from_db()
    return topic


@pytest.mark.parametrize(("role", "allowed"), sorted(CURATES.items()))
def test_who_opens_the_candidates(
    make_staff: Callable[..., Any], login: Any, role: str, allowed: bool
) -> None:
    response = login(make_staff(role)).get(reverse("cockpit:candidates"))
    assert response.status_code == (200 if allowed else 403)


@pytest.mark.parametrize(("role", "allowed"), sorted(MODERATES.items()))
def test_who_opens_the_moderation_metrics(
    make_staff: Callable[..., Any], login: Any, role: str, allowed: bool
) -> None:
    response = login(make_staff(role)).get(reverse("cockpit:moderation_metrics"))
    assert response.status_code == (200 if allowed else 403)


def test_members_and_visitors_are_kept_out(make_member: Callable[..., Any], login: Any) -> None:
    member = login(make_member("plain"))
    visitor = login(None)
    for name in ("cockpit:candidates", "cockpit:moderation_metrics"):
        assert member.get(reverse(name)).status_code == 403
        response = visitor.get(reverse(name))
        assert response.status_code == 302
        assert "/login" in response["Location"]


def test_candidates_show_the_signals_and_feature_in_one_click(
    make_staff: Callable[..., Any], good_topic: Topic, login: Any
) -> None:
    editor = login(make_staff(roles.CONTENT_EDITOR))
    page = reverse("cockpit:candidates")
    html = editor.get(page).content.decode()
    row = html.split(f'id="candidate-{good_topic.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "一篇认真写的测评" in row
    assert ">10<" in row  # reads
    assert "0.80" in row  # (4 likes + 4 replies) / 10 reads
    assert "120 s" in row  # average reading time
    assert reverse("cockpit:topic_feature", args=[good_topic.pk]) in row

    response = editor.post(
        reverse("cockpit:topic_feature", args=[good_topic.pk]), {"level": "2", "next": page}
    )
    assert response.status_code == 302
    assert response["Location"] == page
    good_topic.refresh_from_db()
    assert good_topic.featured_level == 2
    after = editor.get(page).content.decode()
    assert "is featured at level 2" in after
    assert f'id="candidate-{good_topic.pk}"' not in after  # featured topics leave the list


def test_candidates_recommend_for_a_week_in_one_click(
    make_staff: Callable[..., Any], good_topic: Topic, login: Any
) -> None:
    editor = login(make_staff(roles.CONTENT_EDITOR))
    page = reverse("cockpit:candidates") + "?days=7"
    html = editor.get(page).content.decode()
    form = html.split(reverse("cockpit:topic_recommend", args=[good_topic.pk]), 1)[1]
    until = form.split('name="until" value="', 1)[1].split('"', 1)[0]
    response = editor.post(
        reverse("cockpit:topic_recommend", args=[good_topic.pk]), {"until": until, "next": page}
    )
    assert response["Location"] == page
    good_topic.refresh_from_db()
    assert good_topic.recommended_until is not None
    week = timezone.now() + dt.timedelta(days=7)
    assert abs(good_topic.recommended_until - week) < dt.timedelta(minutes=2)
    after = editor.get(page).content.decode()
    assert 'data-testid="recommended-chip"' in after  # still a candidate for 精华


def test_a_moderator_sees_candidates_without_the_buttons(
    make_staff: Callable[..., Any], good_topic: Topic, login: Any
) -> None:
    html = login(make_staff(roles.MODERATOR)).get(reverse("cockpit:candidates")).content.decode()
    assert "一篇认真写的测评" in html
    assert reverse("cockpit:topic_feature", args=[good_topic.pk]) not in html
    assert reverse("cockpit:topic_recommend", args=[good_topic.pk]) not in html


def test_candidates_page_query_count_does_not_grow(
    make_staff: Callable[..., Any],
    make_topic: Callable[..., Any],
    readers: list[Any],
    good_topic: Topic,
    login: Any,
) -> None:
    client = login(make_staff(roles.CONTENT_EDITOR))

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("cockpit:candidates")).status_code == 200
        return len(context.captured_queries)

    queries()
    before = queries()
    for n in range(5):
        topic = make_topic(title=f"又一个不错的话题 {n}")
        if topic.status != Status.PUBLISHED:
            topic_set_status(actor=None, topic=topic, status=Status.PUBLISHED)
        for member in readers:
            read_record(member=member, topic=topic, dwell_seconds=30)
    html = client.get(reverse("cockpit:candidates")).content.decode()
    assert html.count('id="candidate-') == 6
    assert queries() == before


@pytest.mark.parametrize("raw", ["7", "30", "abc", "-1"])
def test_candidates_window_in_the_query_string(
    make_staff: Callable[..., Any], login: Any, raw: str
) -> None:
    response = login(make_staff(roles.CONTENT_EDITOR)).get(
        reverse("cockpit:candidates"), {"days": raw}
    )
    assert response.status_code == 200
    shown = raw if raw in ("7", "30") else "14"
    assert f'href="?days={shown}" aria-current="true"' in response.content.decode()


def _moderation_rows(make_member: Callable[..., Any]) -> None:
    author, moderator = make_member("spammer"), make_member("helper")
    now = timezone.now()
    ReviewItem.objects.create(
        content_kind="topic", content_id=1, author=author, origin="held", created_at=now
    )
    ReviewItem.objects.create(
        content_kind="topic",
        content_id=2,
        author=author,
        origin="held",
        state="decided",
        created_at=now - dt.timedelta(hours=2),
        decided_at=now - dt.timedelta(hours=1),
        decision_seconds=3600,
        decided_by=moderator,
        outcome="approved",
    )
    Report.objects.create(
        reporter=moderator, content_kind="reply", content_id=3, reason="abuse", created_at=now
    )
    words = WordList.objects.create(name="演示", format="manual", enabled=True)
    WatchedWord.objects.create(
        word_list=words, term="加微信", category="advertising", action="hold", hit_count=7
    )


def test_metrics_page_shows_each_metric(
    make_staff: Callable[..., Any], make_member: Callable[..., Any], login: Any
) -> None:
    _moderation_rows(make_member)
    client = login(make_staff(roles.MODERATOR))
    html = client.get(reverse("cockpit:moderation_metrics"), {"days": "7"}).content.decode()
    assert 'href="?days=7" aria-current="true"' in html
    assert 'data-kpi="open"' in html
    assert "60 min" in html  # time to decision
    assert 'data-moderator="helper"' in html
    reports = html.split('data-testid="reports-table"', 1)[1].split("</table>", 1)[0]
    assert reports.index("Abuse or harassment") < reports.index("Spam or advertising")
    assert 'data-term="加微信"' in html
    assert "No repeat offender." in html


def test_metrics_page_query_count_is_fixed(
    make_staff: Callable[..., Any], make_member: Callable[..., Any], login: Any
) -> None:
    client = login(make_staff(roles.MODERATOR))
    _moderation_rows(make_member)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("cockpit:moderation_metrics")).status_code == 200
        return len(context.captured_queries)

    queries()
    before = queries()
    other = make_member("another")
    for n in range(6):
        ReviewItem.objects.create(
            content_kind="reply", content_id=100 + n, author=other, origin="reported"
        )
    assert queries() == before
