"""The rescue's cockpit pages and the member-facing unsubscribe page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hearth.accounts.models import User
from hearth.core.roles import ANALYST, MEMBER_OPERATIONS
from hearth.growth.models import (
    Assignment,
    AssignmentStatus,
    MessagePreference,
    Outreach,
    OutreachRecipient,
    RecipientGroup,
)
from hearth.growth.outreach.tokens import unsubscribe_token

pytestmark = pytest.mark.django_db


def _role(member: User, role: str) -> User:
    member.groups.add(Group.objects.get(name=role))
    return User.objects.get(pk=member.pk)


def _client(member: User) -> Client:
    client = Client()
    client.force_login(member)
    return client


@pytest.fixture
def newcomers(make_member: Callable[..., Any]) -> list[User]:
    joined = timezone.now() - dt.timedelta(days=3)
    members = [make_member(f"newbie{i}") for i in range(10)]
    User.objects.filter(pk__in=[m.pk for m in members]).update(date_joined=joined, channel="douyin")
    return members


def test_who_may_open_the_rescue_pages(staff_member: User, make_member: Callable[..., Any]) -> None:
    analyst = _role(make_member("analyst"), ANALYST)
    ops = _role(make_member("opsperson"), MEMBER_OPERATIONS)
    url = reverse("cockpit:growth_at_risk")
    assert _client(staff_member).get(url).status_code == 200
    assert _client(ops).get(url).status_code == 200
    assert _client(analyst).get(url).status_code == 403
    assert Client().get(url).status_code == 302
    assert _client(ops).get(reverse("cockpit:growth_assignments")).status_code == 200
    assert _client(staff_member).get(reverse("cockpit:growth_assignments")).status_code == 403


def test_queue_to_message_to_outreach_page(staff_member: User, newcomers: list[User]) -> None:
    client = _client(staff_member)
    page = client.get(reverse("cockpit:growth_at_risk"))
    assert all(f'data-member="{m.username}"' in page.content.decode() for m in newcomers)
    ids = [str(m.pk) for m in newcomers]
    start = client.post(
        reverse("cockpit:growth_outreach_new"), {"start": "1", "kind": "message", "member": ids}
    )
    assert start.status_code == 200
    assert 'data-testid="audience"' in start.content.decode()
    form = {
        "members": ",".join(ids),
        "kind": "message",
        "name": "Week one",
        "subject": "Hello {name}",
        "body": "Dear {name}, come back.",
        "in_site": "on",
        "email": "on",
        "holdout_percent": "10",
        "return_days": "7",
    }
    preview = client.post(reverse("cockpit:growth_outreach_new"), {**form, "preview": "1"})
    assert "Dear newbie0, come back." in preview.content.decode()
    assert not Outreach.objects.exists()
    bad = client.post(reverse("cockpit:growth_outreach_new"), {**form, "in_site": "", "email": ""})
    assert bad.status_code == 400
    assert not Outreach.objects.exists()
    sent = client.post(reverse("cockpit:growth_outreach_new"), {**form, "send": "1"})
    outreach = Outreach.objects.get()
    assert sent.url == reverse("cockpit:growth_outreach_detail", args=[outreach.pk])
    held = OutreachRecipient.objects.filter(outreach=outreach, group=RecipientGroup.HOLDOUT)
    assert held.count() == 1
    assert len(mail.outbox) == 9
    detail = client.get(sent.url).content.decode()
    assert 'data-testid="treated">9<' in detail
    assert 'data-testid="holdout">1<' in detail
    again = client.post(reverse("cockpit:growth_outreach_send", args=[outreach.pk]))
    assert again.status_code == 302
    assert len(mail.outbox) == 9


def test_assign_and_mark_done(
    staff_member: User, make_member: Callable[..., Any], newcomers: list[User]
) -> None:
    ops = _role(make_member("opsperson"), MEMBER_OPERATIONS)
    client = _client(staff_member)
    client.post(
        reverse("cockpit:growth_assign"),
        {"member": [newcomers[0].pk, newcomers[1].pk], "assignee": ops.pk, "note": "call them"},
    )
    assert Assignment.objects.filter(assignee=ops, status=AssignmentStatus.OPEN).count() == 2
    refused = client.post(
        reverse("cockpit:growth_assign"), {"member": [newcomers[2].pk], "assignee": staff_member.pk}
    )
    assert refused.status_code == 302
    assert not Assignment.objects.filter(member=newcomers[2]).exists()
    mine = _client(ops).get(reverse("cockpit:growth_assignments")).content.decode()
    assert "newbie0" in mine
    assert "call them" in mine
    first = Assignment.objects.get(member=newcomers[0])
    _client(ops).post(reverse("cockpit:growth_assignment_done", args=[first.pk]))
    first.refresh_from_db()
    assert first.status == AssignmentStatus.DONE


def test_unsubscribe_link_needs_no_login_and_refuses_a_changed_token(
    make_member: Callable[..., Any],
) -> None:
    member = make_member("reader")
    token = unsubscribe_token(member.pk)
    client = Client(enforce_csrf_checks=True)  # mail clients post without a CSRF token
    url = reverse("outreach:unsubscribe", args=[token])
    assert 'data-testid="unsubscribe-form"' in client.get(url).content.decode()
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (tampered, unsubscribe_token(member.pk).replace(":", "x", 1), "nonsense"):
        response = client.post(reverse("outreach:unsubscribe", args=[bad]))
        assert response.status_code == 400
        assert 'data-testid="unsubscribe-invalid"' in response.content.decode()
    assert not MessagePreference.objects.exists()
    done = client.post(url)
    assert done.status_code == 200
    pref = MessagePreference.objects.get(member=member)
    assert pref.email_unsubscribed_at is not None
    assert pref.in_site_unsubscribed_at is None
    client.post(url, {"in_site": "off"})
    pref.refresh_from_db()
    assert pref.in_site_unsubscribed_at is not None


def test_member_sets_their_message_choices(make_member: Callable[..., Any]) -> None:
    member = make_member("chooser")
    url = reverse("outreach:preferences")
    assert Client().get(url).status_code == 302
    client = _client(member)
    assert client.get(url).status_code == 200
    assert url in client.get(reverse("accounts:settings")).content.decode()
    client.post(url, {"email": "on"})
    pref = MessagePreference.objects.get(member=member)
    assert pref.email_unsubscribed_at is None
    assert pref.in_site_unsubscribed_at is not None
    client.post(url, {"email": "on", "in_site": "on"})
    pref.refresh_from_db()
    assert pref.in_site_unsubscribed_at is None
