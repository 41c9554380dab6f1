"""Members report from the topic page (with and without JavaScript) and see why their post waits."""
# ruff: noqa: F401, F811 (pytest fixtures imported from queue_fixtures are parameters here)

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hearth.moderation.models import Report, ReviewItem
from hearth.moderation.services import queue as svc
from hearth.moderation.services.reports import report_create
from tests.moderation.queue_fixtures import (  # fixtures, imported to be found
    client_for,
    hold,
    make_reply,
    make_topic,
    mod,
    mod2,
    mod_settings,
    queue_defaults,
    rule,
    senior,
    staff_with,
    writer,
)

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def _page(client: Client, topic: Any) -> str:
    response = client.get(reverse("community:topic", args=[topic.pk]))
    assert response.status_code == 200
    return str(response.content.decode())


def test_others_see_the_report_button_on_the_topic_and_each_reply(
    make_topic: Callable[..., Any],
    make_reply: Callable[..., Any],
    make_member: Callable[..., Any],
    client_for: Callable[[Any], Client],
    writer: Any,
) -> None:
    topic = make_topic()
    reader = make_member("reader")
    make_reply(topic, author=reader)
    make_reply(topic)

    as_reader = _page(client_for(reader), topic)
    assert as_reader.count('data-testid="report-button"') == 2  # the topic, the writer's reply
    assert reverse("moderation:report", args=["topic", topic.pk]) in as_reader
    as_writer = _page(client_for(writer), topic)
    assert as_writer.count('data-testid="report-button"') == 1  # only the reader's reply
    assert 'data-testid="report-button"' not in _page(Client(), topic)


def test_reporting_without_javascript_thanks_and_marks_the_post(
    make_topic: Callable[..., Any],
    make_member: Callable[..., Any],
    client_for: Callable[[Any], Client],
) -> None:
    topic = make_topic()
    client = client_for(make_member("reader"))
    url = reverse("moderation:report", args=["topic", topic.pk])

    response = client.post(url, {"reason": "spam", "text": ""}, follow=True)

    html = response.content.decode()
    assert "Thank you for your report" in html
    assert 'data-testid="reported"' in html
    assert Report.objects.get().reason == "spam"
    assert ReviewItem.objects.get().origin == "reported"


def test_reporting_a_reply_through_htmx_answers_with_the_box(
    make_topic: Callable[..., Any],
    make_reply: Callable[..., Any],
    make_member: Callable[..., Any],
    client_for: Callable[[Any], Client],
) -> None:
    reply = make_reply(make_topic())
    client = client_for(make_member("reader"))
    url = reverse("moderation:report", args=["reply", reply.pk])

    refused = client.post(url, {"reason": "other", "text": ""}, headers=HTMX)
    assert refused.status_code == 200
    assert 'data-testid="report-error"' in refused.content.decode()
    assert "Say what is wrong" in refused.content.decode()
    assert not Report.objects.exists()

    done = client.post(url, {"reason": "abuse", "text": "insults"}, headers=HTMX)
    assert 'data-testid="reported"' in done.content.decode()
    assert "Thank you" in done.content.decode()
    again = client.post(url, {"reason": "abuse"}, headers=HTMX)
    assert "already reported" in again.content.decode()
    assert Report.objects.get().content_kind == "reply"


def test_the_report_page_works_as_a_form(
    make_topic: Callable[..., Any],
    make_member: Callable[..., Any],
    client_for: Callable[[Any], Client],
) -> None:
    topic = make_topic()
    client = client_for(make_member("reader"))
    url = reverse("moderation:report", args=["topic", topic.pk])

    page = client.get(url)
    assert page.status_code == 200
    assert 'data-testid="report-page-form"' in page.content.decode()
    bad = client.post(url, {})
    assert bad.status_code == 400
    assert "Choose one of the reasons." in bad.content.decode()


def test_reports_need_a_member_and_a_visible_post(
    make_topic: Callable[..., Any],
    make_member: Callable[..., Any],
    hold: Callable[..., Any],
    client_for: Callable[[Any], Client],
    writer: Any,
) -> None:
    topic = make_topic()
    url = reverse("moderation:report", args=["topic", topic.pk])
    assert Client().post(url, {"reason": "spam"}).status_code == 302  # to log in
    reader = client_for(make_member("reader"))
    assert reader.post(reverse("moderation:report", args=["board", 1])).status_code == 404
    own = client_for(writer).post(url, {"reason": "spam"})
    assert own.status_code == 400
    assert "your own post" in own.content.decode()
    hold(topic)
    assert reader.post(url, {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


def test_the_author_of_a_held_topic_is_told_it_waits(
    make_topic: Callable[..., Any],
    hold: Callable[..., Any],
    client_for: Callable[[Any], Client],
    writer: Any,
    mod: Any,
) -> None:
    topic = make_topic()
    item = hold(topic)

    html = _page(client_for(writer), topic)
    assert "Your post is waiting for review; only you and moderators can see it." in html
    assert 'data-testid="queue-link"' not in html
    as_mod = _page(client_for(mod), topic)
    assert "waiting for review" in as_mod
    assert reverse("cockpit:review_item", args=[item.pk]) in as_mod


def test_the_author_of_a_rejected_reply_sees_the_rule_the_note_and_how_to_resubmit(
    make_topic: Callable[..., Any],
    make_reply: Callable[..., Any],
    make_member: Callable[..., Any],
    client_for: Callable[[Any], Client],
    writer: Any,
    mod: Any,
    rule: Any,
) -> None:
    topic = make_topic(author=make_member("opener"))
    reply = make_reply(topic)
    report_create(reporter=make_member(), kind="reply", content_id=reply.pk, reason="spam")
    item = ReviewItem.objects.get(content_id=reply.pk)
    svc.item_reject(moderator=mod, item=item, rule=rule, note="No phone numbers, please.")

    html = _page(client_for(writer), topic)
    assert 'data-status="rejected"' in html
    assert rule.title in html
    assert "No phone numbers, please." in html
    resubmit = reverse("moderation:reply_resubmit", args=[reply.pk])
    assert resubmit in html
    assert reverse("moderation:appeal_item", args=[item.pk]) in html
    others = _page(client_for(make_member("passer")), topic)
    assert "No phone numbers, please." not in others

    client = client_for(writer)
    assert client.get(resubmit).status_code == 200
    response = client.post(resubmit, {"body": "Here is my reply, without the phone number."})
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.status == "held"  # back in review
    assert reply.body == "Here is my reply, without the phone number."


def test_only_the_author_resubmits(
    make_topic: Callable[..., Any],
    make_reply: Callable[..., Any],
    make_member: Callable[..., Any],
    client_for: Callable[[Any], Client],
) -> None:
    reply = make_reply(make_topic())
    url = reverse("moderation:reply_resubmit", args=[reply.pk])
    assert client_for(make_member("other")).get(url).status_code == 404
