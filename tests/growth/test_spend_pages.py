"""The spend, channel quality and budget pages: access, forms, import, CSV, what-if."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from hearth.core import roles
from hearth.growth.models import Channel, Spend

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _browser(make_member: Callable[..., Any], name: str, role: str) -> Client:
    member = make_member(name)
    member.groups.add(Group.objects.get(name=role))
    browser = Client(headers={"accept-language": "en"})
    browser.force_login(member)
    return browser


@pytest.fixture
def client(make_member: Callable[..., Any]) -> Client:
    """A community manager: records spend and reads the tables."""
    return _browser(make_member, "lan", roles.COMMUNITY_MANAGER)


@pytest.fixture
def world(make_member: Callable[..., Any]) -> None:
    """Members of two channels who joined 40 days ago, and spend over the last 90 days."""
    joined = timezone.now() - dt.timedelta(days=40)
    for n in range(4):
        member = make_member(f"d{n}")
        type(member).objects.filter(pk=member.pk).update(channel="douyin", date_joined=joined)
    member = make_member("w0")
    type(member).objects.filter(pk=member.pk).update(channel="wechat", date_joined=joined)
    today = timezone.localdate()
    for key, amount in (("douyin", "9000"), ("wechat", "1000")):
        Spend.objects.create(
            channel=Channel.objects.get(key=key),
            period_start=today - dt.timedelta(days=90),
            period_end=today - dt.timedelta(days=1),
            amount=Decimal(amount),
        )


def test_who_may_open_what(make_member: Callable[..., Any]) -> None:
    editor = _browser(make_member, "ed", roles.CONTENT_EDITOR)
    for name in ("growth_spend", "growth_quality", "growth_budget", "growth_spend_import"):
        assert editor.get(reverse(f"cockpit:{name}")).status_code == 403
    analyst = _browser(make_member, "ana", roles.ANALYST)  # reads, does not record
    for name in ("growth_spend", "growth_quality", "growth_budget"):
        assert analyst.get(reverse(f"cockpit:{name}")).status_code == 200
    assert (
        'data-testid="spend-new"'
        not in analyst.get(reverse("cockpit:growth_spend")).content.decode()
    )
    for name in ("growth_spend_new", "growth_spend_import"):
        assert analyst.get(reverse(f"cockpit:{name}")).status_code == 403
    assert analyst.post(reverse("cockpit:growth_spend_new"), {"amount": "1"}).status_code == 403


def test_record_spend_and_see_the_total(client: Client) -> None:
    data = {
        "channel": "douyin",
        "kind": "media",
        "period_start": "2026-05-01",
        "period_end": "2026-05-31",
        "amount": "12,345.5",
        "note": "五月",
    }
    response = client.post(reverse("cockpit:growth_spend_new"), data)
    assert response.status_code == 302
    spend = Spend.objects.get()
    assert spend.amount == Decimal("12345.50")
    assert spend.created_by is not None
    page = client.get(reverse("cockpit:growth_spend"), {"channel": "douyin", "month": "2026-05"})
    assert "¥12,345.50" in page.content.decode()
    edit = reverse("cockpit:growth_spend_edit", args=[spend.pk])
    assert client.post(edit, {**data, "amount": "100"}).status_code == 302
    spend.refresh_from_db()
    assert spend.amount == Decimal("100.00")
    assert client.post(reverse("cockpit:growth_spend_delete", args=[spend.pk])).status_code == 302
    assert not Spend.objects.exists()


def test_negative_spend_in_the_form_is_a_field_error(client: Client) -> None:
    data = {
        "channel": "douyin",
        "kind": "media",
        "period_start": "2026-05-31",
        "period_end": "2026-05-01",
        "amount": "-10",
    }
    response = client.post(reverse("cockpit:growth_spend_new"), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["amount"] == ["The amount cannot be negative."]
    assert form.errors["period_end"] == ["The last day is before the first day."]
    assert not Spend.objects.exists()


def test_import_shows_the_bad_rows_and_saves_nothing(client: Client) -> None:
    content = (
        b"channel,from,to,amount\ndouyin,2026-05-01,2026-05-31,10\nweibo,2026-05-01,2026-05-31,-1\n"
    )
    upload = SimpleUploadedFile("spend.csv", content, content_type="text/csv")
    response = client.post(reverse("cockpit:growth_spend_import"), {"file": upload})
    assert response.status_code == 400
    assert "Row 3, amount: The amount cannot be negative." in response.content.decode()
    assert not Spend.objects.exists()
    good = SimpleUploadedFile("spend.csv", content.replace(b"-1", b"1"), content_type="text/csv")
    assert client.post(reverse("cockpit:growth_spend_import"), {"file": good}).status_code == 302
    assert Spend.objects.count() == 2


def test_quality_table_and_its_csv(client: Client, world: None) -> None:
    response = client.get(reverse("cockpit:growth_quality"))
    assert response.status_code == 200
    table = response.context["table"]
    rows = {row.key: row for row in table.rows}
    assert rows["douyin"].signups == 4
    assert rows["douyin"].small
    assert rows["douyin"].spend == Decimal("9000.00")  # the row covers exactly the last 90 days
    assert rows["douyin"].cac == pytest.approx(2250)
    assert table.total.signups == 5
    html = response.content.decode()
    assert 'data-testid="quality-total"' in html
    assert "¥2,250.00" in html
    export = client.get(reverse("cockpit:growth_quality"), {"export": "csv"})
    text = export.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Channel,Sign-ups (first touch)")
    assert text.splitlines()[-1].startswith("Total,5,")


def test_bad_period_falls_back_to_the_default(client: Client) -> None:
    response = client.get(reverse("cockpit:growth_quality"), {"start": "2026-05-31", "end": "x"})
    assert response.status_code == 200
    assert response.context["period"].days == 90


def test_budget_page_and_what_if(client: Client, world: None) -> None:
    page = client.get(reverse("cockpit:growth_budget"))
    assert page.status_code == 200
    assert page.context["advice"].total == pytest.approx(10000)  # the last 90 days, whole
    url = reverse("cockpit:growth_budget_whatif")
    fragment = client.get(
        url, {"total": "20000", "pin_wechat": "500"}, headers={"HX-Request": "true"}
    )
    assert fragment.status_code == 200
    advice = fragment.context["advice"]
    assert advice.total == 20000
    assert advice.pins == {"wechat": 500.0}
    assert "<html" not in fragment.content.decode()
    bad = client.get(url, {"total": "100", "pin_wechat": "500"}, headers={"HX-Request": "true"})
    assert "pinned amounts add up to more than the total budget" in bad.content.decode()
    negative = client.get(url, {"total": "-5"})
    assert negative.status_code == 400
    assert "cannot be negative" in negative.content.decode()
