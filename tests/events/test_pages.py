"""Members' event pages: the list, one event, registering, invitations, visitors sent to log in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from hearth.core import roles
from hearth.events.models import Registration, RegistrationStatus
from hearth.events.services import event_invite, event_register

pytestmark = pytest.mark.django_db


def test_list_shows_published_events_upcoming_and_past(
    make_event: Callable[..., Any], login: Any
) -> None:
    make_event(title="即将开始的直播", days=2)
    make_event(title="上个月的见面会", days=-30)
    make_event(title="还在筹划的草稿", status="draft")
    html = login(None).get(reverse("events:list")).content.decode()
    upcoming, past = html.split('data-testid="events-past"', 1)
    assert "即将开始的直播" in upcoming
    assert "上个月的见面会" not in upcoming
    assert "上个月的见面会" in past
    assert "还在筹划的草稿" not in html


def test_header_links_to_events(login: Any, db: None) -> None:
    html = login(None).get(reverse("community:home")).content.decode()
    assert f'href="{reverse("events:list")}"' in html


def test_event_page_shows_places_left_and_renders_markdown_safely(
    make_event: Callable[..., Any], make_member: Callable[..., Any], login: Any
) -> None:
    event = make_event(capacity=10, description="**带上笔记本**\n\n<script>alert(1)</script>")
    event_register(event=event, member=make_member())
    html = login(None).get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "9 places left" in html
    assert "<strong>带上笔记本</strong>" in html
    assert "<script>alert(1)</script>" not in html


def test_drafts_are_for_planners_only(
    make_event: Callable[..., Any],
    make_member: Callable[..., Any],
    make_staff: Callable[..., Any],
    login: Any,
) -> None:
    event = make_event(status="draft")
    url = reverse("events:detail", args=[event.pk])
    assert login(make_member()).get(url).status_code == 404
    assert login(make_staff(roles.EVENT_PLANNER)).get(url).status_code == 200


def test_visitor_registering_is_sent_to_log_in_and_back(
    make_event: Callable[..., Any], login: Any
) -> None:
    event = make_event()
    response = login(None).post(reverse("events:register", args=[event.pk]))
    assert response.status_code == 302
    assert response["Location"] == (f"{reverse('accounts:login')}?next=/events/{event.pk}/")
    assert not Registration.objects.exists()


def test_member_registers_and_cancels(
    make_event: Callable[..., Any], make_member: Callable[..., Any], login: Any
) -> None:
    event = make_event(online_url="https://live.example.com/room/1")
    member = make_member()
    client = login(member)
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "live.example.com" not in page  # the link is for registered members
    response = client.post(reverse("events:register", args=[event.pk]), follow=True)
    html = response.content.decode()
    assert "You&#x27;re registered" in html or "You're registered" in html
    assert 'data-testid="going"' in html
    assert "https://live.example.com/room/1" in html
    client.post(reverse("events:cancel", args=[event.pk]))
    assert Registration.objects.get().status == RegistrationStatus.CANCELLED


def test_full_event_says_so(
    make_event: Callable[..., Any], make_member: Callable[..., Any], login: Any
) -> None:
    event = make_event(capacity=1)
    event_register(event=event, member=make_member())
    client = login(make_member())
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert 'data-testid="full"' in page
    assert 'data-testid="register-button"' not in page
    response = client.post(reverse("events:register", args=[event.pk]), follow=True)
    assert "Sorry, this event is full." in response.content.decode()
    assert Registration.objects.count() == 1


def test_invited_member_sees_the_banner_and_accepts(
    make_event: Callable[..., Any], make_member: Callable[..., Any], login: Any
) -> None:
    event = make_event(title="线上直播：新手答疑")
    member = make_member()
    event_invite(event=event, member=member)
    client = login(member)
    listing = client.get(reverse("events:list")).content.decode()
    assert 'data-testid="invited-banner"' in listing
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert 'data-testid="invited-banner"' in page
    assert "Accept the invitation" in page
    client.post(reverse("events:register", args=[event.pk]))
    assert Registration.objects.get().status == RegistrationStatus.GOING
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert 'data-testid="invited-banner"' not in page


def test_unknown_event_is_404(login: Any, db: None) -> None:
    assert login(None).get("/events/999999/").status_code == 404
    assert login(None).get("/events/999999/register/").status_code == 405


def test_event_page_has_share_tags_and_event_structured_data(
    make_event: Callable[..., Any], login: Any
) -> None:
    import json
    import re

    event = make_event(
        title="线上直播：新人答疑",
        location="",
        online_url="https://live.example.com/secret-room",
        description="30 分钟带你上手 **社区玩法**。",
    )
    html = login(None).get(reverse("events:detail", args=[event.pk])).content.decode()
    assert '<meta property="og:title" content="线上直播：新人答疑">' in html
    assert '<meta name="description" content="30 分钟带你上手 社区玩法。">' in html
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    data = json.loads(block)
    assert data["@type"] == "Event"
    assert data["name"] == "线上直播：新人答疑"
    assert data["startDate"] == event.starts_at.isoformat()
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": f"http://testserver/events/{event.pk}/",
    }
    assert "secret-room" not in html  # the link is for registered members only


def test_a_cancelled_event_says_so_and_takes_no_registrations(
    make_event: Callable[..., Any], make_member: Callable[..., Any], login: Any
) -> None:
    from hearth.events.models import Event

    event = make_event()
    member = make_member()
    event_register(event=event, member=member)
    Event.objects.filter(pk=event.pk).update(status="cancelled")
    html = login(member).get(reverse("events:detail", args=[event.pk])).content.decode()
    assert 'data-testid="event-cancelled"' in html
    assert 'data-testid="going"' not in html
    assert 'data-testid="register-button"' not in html
    assert event.title not in login(None).get(reverse("events:list")).content.decode()
