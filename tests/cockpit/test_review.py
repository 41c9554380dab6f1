"""The review queue in the cockpit: the page, deciding through the client, who may see it."""
# ruff: noqa: F401, F811 (pytest fixtures imported from queue_fixtures are parameters here)

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hearth.core import roles
from hearth.moderation.models import Report, ReviewItem, Sanction
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
QUEUE = "/ops/content/review/"


def _reported(post: Any, make_member: Callable[..., Any], kind: str = "topic") -> ReviewItem:
    report_create(
        reporter=make_member("tipster"),
        kind=kind,
        content_id=post.pk,
        reason="abuse",
        text="insults another member",
    )
    return ReviewItem.objects.get(content_id=post.pk, content_kind=kind, state="open")


def test_the_queue_shows_each_item_in_full(
    make_topic: Callable[..., Any],
    make_reply: Callable[..., Any],
    make_member: Callable[..., Any],
    hold: Callable[..., Any],
    client_for: Callable[[Any], Client],
    mod: Any,
) -> None:
    long_text = "加我微信 abc123 领取优惠券。" * 40
    held = hold(make_topic(body=long_text))
    reply = make_reply(make_topic())
    _reported(reply, make_member, kind="reply")

    response = client_for(mod).get(reverse("cockpit:review"))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-testid="review-item"') == 2
    assert long_text in html  # a held post keeps its full text
    assert "Contact details" in html  # the pipeline's reasons
    assert "13800138000" in html
    assert "spam 0.91" in html  # its scores
    assert "insults another member" in html
    assert "@tipster" in html
    assert "accuracy 50%" in html
    assert "新手上路" in html  # the author's level
    assert f'id="item-{held.pk}"' in html
    assert 'data-testid="review-keys"' in html
    assert reverse("cockpit:review_bulk") in html


def test_the_queue_costs_the_same_queries_for_2_or_12_items(
    make_topic: Callable[..., Any],
    hold: Callable[..., Any],
    make_member: Callable[..., Any],
    client_for: Callable[[Any], Client],
    mod: Any,
) -> None:
    client = client_for(mod)

    def count() -> int:
        client.get(QUEUE)
        with CaptureQueriesContext(connection) as context:
            assert client.get(QUEUE).status_code == 200
        return len(context.captured_queries)

    def add(held: int, reported: int) -> None:
        for _ in range(held):
            hold(make_topic())
        for _ in range(reported):
            report_create(
                reporter=make_member(), kind="topic", content_id=make_topic().pk, reason="spam"
            )

    add(1, 1)
    few = count()
    add(8, 2)
    assert count() == few


@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 403), (roles.ANALYST, 403), (roles.CONTENT_EDITOR, 403), (roles.MODERATOR, 200)],
)
def test_who_may_open_the_queue(
    staff_with: Callable[..., Any],
    client_for: Callable[[Any], Client],
    role: str | None,
    status: int,
) -> None:
    user = staff_with(role) if role else staff_with()
    for name in ("cockpit:review", "cockpit:reports"):
        assert client_for(user).get(reverse(name)).status_code == status


def test_visitors_are_sent_to_log_in(queue_defaults: None) -> None:
    response = Client().get(QUEUE)
    assert response.status_code == 302
    assert "/login" in response["Location"]


def test_a_member_cannot_decide_through_the_client(
    make_topic: Callable[..., Any],
    hold: Callable[..., Any],
    make_member: Callable[..., Any],
    client_for: Callable[[Any], Client],
) -> None:
    item = hold(make_topic())
    client = client_for(make_member())
    for name in ("review_approve", "review_claim", "review_reject", "review_escalate"):
        assert client.post(reverse(f"cockpit:{name}", args=[item.pk])).status_code == 403
    item.refresh_from_db()
    assert item.state == "open"


def test_claim_and_approve_through_htmx(
    make_topic: Callable[..., Any],
    hold: Callable[..., Any],
    client_for: Callable[[Any], Client],
    mod: Any,
) -> None:
    topic = make_topic()
    item = hold(topic)
    client = client_for(mod)

    claimed = client.post(reverse("cockpit:review_claim", args=[item.pk]), headers=HTMX)
    assert claimed.status_code == 200
    assert 'data-testid="claimed-by-me"' in claimed.content.decode()

    approved = client.post(reverse("cockpit:review_approve", args=[item.pk]), headers=HTMX)
    html = approved.content.decode()
    assert 'data-state="decided"' in html
    assert "Approved" in html
    topic.refresh_from_db()
    assert topic.status == "published"


def test_deciding_an_item_claimed_by_another_is_refused_with_a_message(
    make_topic: Callable[..., Any],
    hold: Callable[..., Any],
    client_for: Callable[[Any], Client],
    mod: Any,
    mod2: Any,
) -> None:
    item = hold(make_topic())
    svc.item_claim(moderator=mod, item=item)

    response = client_for(mod2).post(
        reverse("cockpit:review_approve", args=[item.pk]), {"next": QUEUE}, follow=True
    )
    assert response.status_code == 200
    assert "mod is handling this item" in response.content.decode()
    item.refresh_from_db()
    assert item.state == "open"

    card = client_for(mod2).post(reverse("cockpit:review_approve", args=[item.pk]), headers=HTMX)
    assert 'data-testid="item-error"' in card.content.decode()
    assert 'data-testid="claimed-by-other"' in card.content.decode()


def test_reject_through_the_client(
    make_topic: Callable[..., Any],
    make_member: Callable[..., Any],
    client_for: Callable[[Any], Client],
    mod: Any,
    rule: Any,
    writer: Any,
) -> None:
    topic = make_topic()
    item = _reported(topic, make_member)
    client = client_for(mod)
    url = reverse("cockpit:review_reject", args=[item.pk])
    prefix = f"i{item.pk}-"

    missing = client.post(url, {prefix + "rule": ""}, headers=HTMX)
    assert "Choose the community rule" in missing.content.decode()
    item.refresh_from_db()
    assert item.state == "open"

    response = client.post(
        url,
        {
            prefix + "rule": rule.pk,
            prefix + "note": "Selling phones.",
            prefix + "sanction": "warning",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    topic.refresh_from_db()
    assert (item.outcome, item.rule, topic.status) == ("rejected", rule, "rejected")
    assert Report.objects.get().outcome == "upheld"
    assert Sanction.objects.get(member=writer).kind == "warning"


def test_escalation_through_the_client(
    make_topic: Callable[..., Any],
    hold: Callable[..., Any],
    client_for: Callable[[Any], Client],
    mod: Any,
    senior: Any,
) -> None:
    item = hold(make_topic())
    url = reverse("cockpit:review_escalate", args=[item.pk])
    client_for(mod).post(url, {f"i{item.pk}-note": "A partner's campaign?"})
    item.refresh_from_db()
    assert item.state == "escalated"

    as_mod = client_for(mod).get(QUEUE, {"tab": "escalated"}).content.decode()
    assert 'data-testid="escalated-readonly"' in as_mod
    assert 'data-testid="waiting-senior"' in as_mod
    assert "A partner&#x27;s campaign?" in as_mod
    as_senior = client_for(senior).get(QUEUE, {"tab": "escalated"}).content.decode()
    assert 'data-testid="approve"' in as_senior

    refused = client_for(mod).post(reverse("cockpit:review_approve", args=[item.pk]), headers=HTMX)
    assert "community manager" in refused.content.decode()
    client_for(senior).post(reverse("cockpit:review_approve", args=[item.pk]))
    item.refresh_from_db()
    assert (item.state, item.decided_by) == ("decided", senior)


def test_edit_and_approve_page(
    make_topic: Callable[..., Any],
    hold: Callable[..., Any],
    client_for: Callable[[Any], Client],
    mod: Any,
) -> None:
    topic = make_topic()
    item = hold(topic)
    svc.item_claim(moderator=mod, item=item)
    client = client_for(mod)
    url = reverse("cockpit:review_edit", args=[item.pk])

    page = client.get(url)
    assert page.status_code == 200
    assert 'data-testid="edit-form"' in page.content.decode()
    assert 'data-testid="item-history"' in page.content.decode()
    assert "item.claim" in page.content.decode()

    empty = client.post(url, {"title": topic.title, "body": ""})
    assert empty.status_code == 400
    assert "The text cannot be empty." in empty.content.decode()

    done = client.post(url, {"title": "Fixed title", "body": "Text without the phone number."})
    assert done.status_code == 302
    topic.refresh_from_db()
    item.refresh_from_db()
    assert (topic.status, topic.title, item.outcome) == ("published", "Fixed title", "edited")


def test_bulk_actions_through_the_client(
    make_topic: Callable[..., Any],
    hold: Callable[..., Any],
    client_for: Callable[[Any], Client],
    mod: Any,
    mod2: Any,
    rule: Any,
) -> None:
    items = [hold(make_topic()) for _ in range(3)]
    svc.item_claim(moderator=mod2, item=items[2])
    client = client_for(mod)

    no_rule = client.post(
        reverse("cockpit:review_bulk"),
        {"action": "reject", "items": [i.pk for i in items]},
        follow=True,
    )
    assert "Choose the community rule" in no_rule.content.decode()

    response = client.post(
        reverse("cockpit:review_bulk"),
        {"action": "reject", "rule": rule.pk, "items": [i.pk for i in items]},
        follow=True,
    )
    html = response.content.decode()
    assert "2 items rejected." in html
    assert f"Item {items[2].pk}:" in html
    states = dict(ReviewItem.objects.values_list("pk", "state"))
    assert [states[i.pk] for i in items] == ["decided", "decided", "open"]


def test_the_reports_page(
    make_topic: Callable[..., Any],
    make_member: Callable[..., Any],
    client_for: Callable[[Any], Client],
    mod: Any,
) -> None:
    _reported(make_topic(), make_member)
    html = client_for(mod).get(reverse("cockpit:reports")).content.decode()
    assert 'data-testid="reports-table"' in html
    assert "@tipster" in html
    assert "Abuse or harassment" in html
    assert "50%" in html
    filtered = client_for(mod).get(reverse("cockpit:reports"), {"outcome": "upheld"})
    assert "@tipster" not in filtered.content.decode()
    assert client_for(mod).get(reverse("cockpit:reports"), {"outcome": "bogus"}).status_code == 200


def test_unknown_items_are_404(mod: Any, client_for: Callable[[Any], Client]) -> None:
    assert client_for(mod).get(reverse("cockpit:review_item", args=[99999])).status_code == 404
    assert client_for(mod).post(reverse("cockpit:review_approve", args=[99999])).status_code == 404


def test_bad_filters_show_the_open_tab(mod: Any, client_for: Callable[[Any], Client]) -> None:
    response = client_for(mod).get(QUEUE, {"tab": "nope", "board": "x", "page": "abc"})
    assert response.status_code == 200
