"""Notifications: created by replies, mentions, likes, features and follows; listed; read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from hearth.accounts.services import profile_update
from hearth.community.services import like_give, reply_create, topic_feature
from hearth.notifications import presentation
from hearth.notifications.models import Notification, Verb
from hearth.notifications.services import notification_create


@pytest.fixture
def pair(make_member: Callable[..., Any], post_topic: Callable[..., Any]) -> dict[str, Any]:
    author, replier = make_member("author"), make_member("replier")
    return {"author": author, "replier": replier, "topic": post_topic(author, title="Desk setups")}


def verbs_of(member: Any) -> list[str]:
    return list(
        Notification.objects.filter(recipient=member).order_by("pk").values_list("verb", flat=True)
    )


def test_a_reply_notifies_the_topic_author_and_shows_in_the_list(
    pair: dict[str, Any], client_as: Callable[..., Any]
) -> None:
    reply = reply_create(author=pair["replier"], topic=pair["topic"], body="Mine is a mess.")
    assert verbs_of(pair["author"]) == [Verb.REPLY]
    assert verbs_of(pair["replier"]) == []  # nobody is notified of their own reply
    client = client_as(pair["author"])
    page = client.get("/notifications/").content.decode()
    assert (
        '<strong class="actor">replier</strong> replied to your topic '
        '<span class="target">Desk setups</span>'
    ) in page
    assert "Mine is a mess." in page
    notification = Notification.objects.get(recipient=pair["author"])
    assert f'href="/notifications/{notification.pk}/"' in page
    assert 'class="notification unread"' in page
    assert '<span class="badge-count" data-testid="unread-count">1</span>' in page
    assert reply.pk


def test_mentions_in_topics_and_replies_notify_the_mentioned(
    pair: dict[str, Any],
    make_member: Callable[..., Any],
    post_topic: Callable[..., Any],
    client_as: Callable[..., Any],
) -> None:
    friend = make_member("friend")
    reply_create(author=pair["replier"], topic=pair["topic"], body="@friend look at this")
    post_topic(pair["author"], title="Hello", body="Welcome @friend and @nobody_here")
    assert verbs_of(friend) == [Verb.MENTION, Verb.MENTION]
    page = client_as(friend).get("/notifications/").content.decode()
    assert page.count('<strong class="actor">replier</strong> mentioned you in') == 1
    assert page.count('<strong class="actor">author</strong> mentioned you in') == 1
    assert page.count('mentioned you in <span class="target">') == 2


def test_likes_notify_the_author_of_the_topic_or_reply(
    pair: dict[str, Any], client_as: Callable[..., Any]
) -> None:
    reply = reply_create(author=pair["replier"], topic=pair["topic"], body="A reply")
    like_give(member=pair["replier"], target=pair["topic"])
    like_give(member=pair["author"], target=reply)
    assert verbs_of(pair["author"]) == [Verb.REPLY, Verb.LIKE]
    assert verbs_of(pair["replier"]) == [Verb.LIKE]
    author_page = client_as(pair["author"]).get("/notifications/").content.decode()
    assert "replier</strong> liked your topic <span" in author_page
    replier_page = client_as(pair["replier"]).get("/notifications/").content.decode()
    assert "author</strong> liked your reply in <span" in replier_page
    assert "liked your topic" not in replier_page


def test_featuring_notifies_the_author(
    pair: dict[str, Any], staff_member: Any, client_as: Callable[..., Any]
) -> None:
    topic_feature(actor=staff_member, topic=pair["topic"], level=2)
    # 15 points for the topic and 2 × 20 for featuring it: also a promotion to 初级会员 (50).
    assert verbs_of(pair["author"]) == [Verb.FEATURED, Verb.SYSTEM]
    page = client_as(pair["author"]).get("/notifications/").content.decode()
    assert (
        f'<strong class="actor">{staff_member.name}</strong> featured your topic '
        '<span class="target">Desk setups</span>'
    ) in page
    assert "Featured level 2" in page


def test_a_quoted_reply_notifies_its_author_differently(
    pair: dict[str, Any], make_member: Callable[..., Any], client_as: Callable[..., Any]
) -> None:
    first = reply_create(author=pair["replier"], topic=pair["topic"], body="First!")
    third = make_member("third")
    reply_create(author=third, topic=pair["topic"], body="Disagree", quote=first)
    page = client_as(pair["replier"]).get("/notifications/").content.decode()
    assert (
        '<strong class="actor">third</strong> replied to your post in '
        '<span class="target">Desk setups</span>'
    ) in page
    assert "replied to your topic" not in page


def test_moderation_notices_show_their_text(
    pair: dict[str, Any], client_as: Callable[..., Any]
) -> None:
    notification_create(
        recipient_id=pair["author"].pk,
        verb=Verb.MODERATION,
        topic_id=pair["topic"].pk,
        text="Your topic was held for review under rule 3.",
    )
    page = client_as(pair["author"]).get("/notifications/").content.decode()
    assert 'Moderation decision on <span class="target">Desk setups</span>' in page
    assert "Your topic was held for review under rule 3." in page


def test_a_system_notice_without_a_topic_reads_as_a_notice(
    pair: dict[str, Any], client_as: Callable[..., Any]
) -> None:
    notification_create(
        recipient_id=pair["author"].pk, verb=Verb.SYSTEM, text="Welcome to the community."
    )
    page = client_as(pair["author"]).get("/notifications/").content.decode()
    assert '<span class="sentence">System notice</span>' in page
    assert "Welcome to the community." in page


def test_names_and_titles_in_the_sentence_are_escaped(
    make_member: Callable[..., Any],
    post_topic: Callable[..., Any],
    client_as: Callable[..., Any],
) -> None:
    author = make_member("author")
    rogue = make_member("rogue")
    profile_update(member=rogue, display_name="<i>Rogue</i>")
    topic = post_topic(author, title="<script>alert(1)</script> & more")
    reply_create(author=rogue, topic=topic, body="Hi")
    page = client_as(author).get("/notifications/").content.decode()
    assert (
        '<strong class="actor">&lt;i&gt;Rogue&lt;/i&gt;</strong> replied to your topic '
        '<span class="target">&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</span>'
    ) in page
    assert "<i>Rogue</i>" not in page
    assert "<script>alert(1)" not in page


def test_the_translation_decides_where_actor_and_title_go(
    pair: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = {
        "%(actor)s replied to your topic %(title)s": "%(actor)s 在「%(title)s」中<回复>了你"
    }
    monkeypatch.setattr(presentation, "_", lambda message: catalogue.get(message, message))
    reply_create(author=pair["replier"], topic=pair["topic"], body="Mine is a mess.")
    notification = Notification.objects.get(recipient=pair["author"])
    assert presentation.notification_sentence(notification) == (
        '<strong class="actor">replier</strong> 在「<span class="target">Desk setups</span>」'
        "中&lt;回复&gt;了你"
    )


def test_opening_a_notification_marks_it_read_and_leads_to_the_reply(
    pair: dict[str, Any], client_as: Callable[..., Any]
) -> None:
    reply = reply_create(author=pair["replier"], topic=pair["topic"], body="Go")
    notification = Notification.objects.get(recipient=pair["author"])
    client = client_as(pair["author"])
    response = client.get(f"/notifications/{notification.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/t/{pair['topic'].pk}/#r{reply.pk}"
    notification.refresh_from_db()
    assert notification.read_at is not None
    page = client.get("/notifications/").content.decode()
    assert 'class="notification unread"' not in page
    assert 'data-testid="unread-count"' not in page


@pytest.mark.usefixtures("no_posting_limit")
def test_a_reply_on_a_later_page_is_linked_on_its_page(
    pair: dict[str, Any], client_as: Callable[..., Any]
) -> None:
    from hearth.community.selectors import REPLIES_PER_PAGE

    for n in range(REPLIES_PER_PAGE):
        reply_create(author=pair["author"], topic=pair["topic"], body=f"bump {n}")
    late = reply_create(author=pair["replier"], topic=pair["topic"], body="Late reply")
    # (the hundred replies also promote the author: a system notice we leave aside here)
    notification = Notification.objects.get(recipient=pair["author"], verb=Verb.REPLY)
    response = client_as(pair["author"]).get(f"/notifications/{notification.pk}/")
    assert response["Location"] == f"/t/{pair['topic'].pk}/?page=2#r{late.pk}"


def test_a_follow_notification_leads_to_the_follower(
    pair: dict[str, Any], client_as: Callable[..., Any]
) -> None:
    client_as(pair["replier"]).post("/u/author/follow/")
    notification = Notification.objects.get(recipient=pair["author"])
    client = client_as(pair["author"])
    page = client.get("/notifications/").content.decode()
    assert '<strong class="actor">replier</strong> followed you' in page
    assert client.get(f"/notifications/{notification.pk}/")["Location"] == "/u/replier/"


def test_someone_elses_notification_is_404(
    pair: dict[str, Any], client_as: Callable[..., Any]
) -> None:
    reply_create(author=pair["replier"], topic=pair["topic"], body="Go")
    notification = Notification.objects.get(recipient=pair["author"])
    response = client_as(pair["replier"]).get(f"/notifications/{notification.pk}/")
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read(pair: dict[str, Any], client_as: Callable[..., Any]) -> None:
    reply_create(author=pair["replier"], topic=pair["topic"], body="One")
    like_give(member=pair["replier"], target=pair["topic"])
    client = client_as(pair["author"])
    assert client.get("/notifications/read/").status_code == 405
    response = client.post("/notifications/read/", {"next": "/notifications/?filter=unread"})
    assert response["Location"] == "/notifications/?filter=unread"
    assert not Notification.objects.filter(recipient=pair["author"], read_at__isnull=True).exists()
    unread_page = client.get("/notifications/?filter=unread").content.decode()
    assert "You have read everything." in unread_page
    evil = client.post("/notifications/read/", {"next": "https://evil.example.com/"})
    assert evil["Location"] == "/notifications/"


def test_the_unread_filter_and_the_badge(
    pair: dict[str, Any], client_as: Callable[..., Any]
) -> None:
    reply_create(author=pair["replier"], topic=pair["topic"], body="One")
    like_give(member=pair["replier"], target=pair["topic"])
    first = Notification.objects.filter(recipient=pair["author"]).order_by("pk").first()
    assert first is not None
    client = client_as(pair["author"])
    client.get(f"/notifications/{first.pk}/")
    unread = client.get("/notifications/?filter=unread").content.decode()
    assert "liked your topic" in unread
    assert "replied to your topic" not in unread
    badge = client.get("/notifications/badge/").content.decode()
    assert badge.strip() == '<span class="badge-count" data-testid="unread-count">1</span>'


@pytest.mark.django_db
def test_the_pages_need_a_login() -> None:
    client = Client()
    for url in ("/notifications/", "/notifications/badge/", "/notifications/1/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_the_list_runs_a_constant_number_of_queries(
    pair: dict[str, Any], make_member: Callable[..., Any], client_as: Callable[..., Any]
) -> None:
    client = client_as(pair["author"])
    client.get("/notifications/")

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/notifications/").status_code == 200
        return len(queries)

    reply_create(author=pair["replier"], topic=pair["topic"], body="one")
    few = count_queries()
    for n in range(12):
        other = make_member(f"fan{n}")
        reply_create(author=other, topic=pair["topic"], body=f"reply {n}")
        like_give(member=other, target=pair["topic"])
    assert Notification.objects.filter(recipient=pair["author"]).count() == 25
    assert count_queries() == few
