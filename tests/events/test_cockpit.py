"""Planners' cockpit pages: who may open them, plan and edit, registrations and the CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from hearth.core import roles
from hearth.events.models import Event
from hearth.events.services import event_invite, event_register, registration_cancel

pytestmark = pytest.mark.django_db

ALLOWED = {roles.ADMIN, roles.COMMUNITY_MANAGER, roles.EVENT_PLANNER}


@pytest.mark.parametrize("role", list(roles.ROLE_LABELS))
def test_role_matrix(role: str, make_staff: Callable[..., Any], login: Any) -> None:
    client = login(make_staff(role))
    for name in ("cockpit:events", "cockpit:event_new"):
        assert client.get(reverse(name)).status_code == (200 if role in ALLOWED else 403)
    nav = client.get(reverse("cockpit:home")).content.decode()
    assert (f'href="{reverse("cockpit:events")}"' in nav) == (role in ALLOWED)


def test_visitor_goes_to_log_in(login: Any, db: None) -> None:
    response = login(None).get(reverse("cockpit:events"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def _form(**changes: str) -> dict[str, str]:
    data = {
        "title": "美食节展位",
        "starts_at": "2030-05-01T10:00",
        "ends_at": "2030-05-01T18:00",
        "location": "成都世纪城会展中心",
        "online_url": "",
        "capacity": "50",
        "status": "published",
        "description": "来展位扫码**领取贴纸**。",
    }
    data.update(changes)
    return data


def test_planner_creates_and_edits_an_event(make_staff: Callable[..., Any], login: Any) -> None:
    planner = make_staff(roles.EVENT_PLANNER)
    client = login(planner)
    response = client.post(reverse("cockpit:event_new"), _form())
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.title, event.capacity, event.created_by) == ("美食节展位", 50, planner)
    assert event.starts_at.isoformat() == "2030-05-01T02:00:00+00:00"  # Asia/Shanghai
    response = client.post(
        reverse("cockpit:event_edit", args=[event.pk]), _form(title="美食节展位（第二天）")
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "美食节展位（第二天）"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ends_at": "2030-05-01T09:00"}, "ends_at", "The event must end after it starts."),
        ({"capacity": "0"}, "capacity", "The capacity is at least 1"),
        ({"starts_at": "明天"}, "starts_at", "Enter a valid date/time."),
    ],
)
def test_bad_input_is_named_and_kept(
    changes: dict[str, str],
    field: str,
    message: str,
    make_staff: Callable[..., Any],
    login: Any,
) -> None:
    client = login(make_staff(roles.EVENT_PLANNER))
    response = client.post(reverse("cockpit:event_new"), _form(**changes))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    field_html = html.split(f'data-field="{field}"', 1)[1].split('data-field="', 1)[0]
    assert "errorlist" in field_html
    assert 'value="美食节展位"' in html  # nothing typed is lost
    assert not Event.objects.exists()


def test_registrations_page_counts_and_exports(
    make_event: Callable[..., Any],
    make_member: Callable[..., Any],
    make_staff: Callable[..., Any],
    login: Any,
) -> None:
    event = make_event(capacity=10)
    for n in range(3):
        event_register(event=event, member=make_member(f"going{n}"))
    event_invite(event=event, member=make_member("invitee"))
    quitter = make_member("quitter")
    event_register(event=event, member=quitter)
    registration_cancel(event=event, member=quitter)
    client = login(make_staff(roles.COMMUNITY_MANAGER))
    url = reverse("cockpit:event_registrations", args=[event.pk])
    html = client.get(url).content.decode()
    for status, count in (("going", 3), ("invited", 1), ("cancelled", 1)):
        assert f'data-count="{status}">{count}<' in html
    listing = client.get(reverse("cockpit:events")).content.decode()
    assert f'data-event="{event.pk}"' in listing
    response = client.get(url, {"export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Username"
    assert sorted(r[0] for r in rows[1:]) == ["going0", "going1", "going2", "invitee", "quitter"]
    assert {r[0]: r[3] for r in rows[1:]}["invitee"] == "Invited"
