"""Daily sign-in (签到): once per local day, streaks, points, the event and the button."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from hearth.core.events import recording
from hearth.gamification.events import CheckedIn
from hearth.gamification.models import CheckIn, PointEntry
from hearth.gamification.selectors import check_in_today, streak_for
from hearth.gamification.services import check_in

pytestmark = pytest.mark.usefixtures("default_rules")

# 09:00 in Shanghai on 25 November; local midnight is 16:00 UTC the day before
MORNING = dt.datetime(2026, 11, 25, 1, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _shanghai(settings: Any) -> None:
    settings.TIME_ZONE = "Asia/Shanghai"


def _days(n: int) -> dt.datetime:
    return MORNING + dt.timedelta(days=n)


def test_signing_in_awards_the_rule_points_once_a_day(
    make_member: Callable[..., Any], balance: Any
) -> None:
    member = make_member()
    first = check_in(member=member, now=MORNING)
    assert (first.day, first.streak) == (dt.date(2026, 11, 25), 1)
    assert balance(member) == (2, 2)
    again = check_in(member=member, now=MORNING + dt.timedelta(hours=10))  # 19:00 local
    assert again.pk == first.pk
    assert balance(member) == (2, 2)
    assert CheckIn.objects.filter(member=member).count() == 1
    entry = PointEntry.objects.get(member=member)
    assert (entry.action, entry.source_key) == ("sign_in", f"checkin:{member.pk}:2026-11-25")


def test_the_day_is_the_local_day(make_member: Callable[..., Any]) -> None:
    member = make_member()
    late = dt.datetime(2026, 11, 25, 15, 30, tzinfo=dt.UTC)  # 23:30 local
    assert check_in(member=member, now=late).day == dt.date(2026, 11, 25)
    after_midnight = check_in(member=member, now=late + dt.timedelta(hours=1))
    assert (after_midnight.day, after_midnight.streak) == (dt.date(2026, 11, 26), 2)


def test_streaks_continue_day_after_day_and_restart_after_a_gap(
    make_member: Callable[..., Any], balance: Any
) -> None:
    member = make_member()
    streaks = [check_in(member=member, now=_days(n)).streak for n in (0, 1, 2)]
    assert streaks == [1, 2, 3]
    assert check_in(member=member, now=_days(4)).streak == 1  # day 3 was missed
    assert check_in(member=member, now=_days(5)).streak == 2
    assert balance(member) == (10, 10)


def test_a_sign_in_publishes_checked_in(make_member: Callable[..., Any]) -> None:
    member = make_member()
    with recording() as events:
        check_in(member=member, now=_days(0))
        check_in(member=member, now=_days(1))
        check_in(member=member, now=_days(1))
    published = [e for e in events if isinstance(e, CheckedIn)]
    assert [(e.member_id, e.day, e.streak) for e in published] == [
        (member.pk, "2026-11-25", 1),
        (member.pk, "2026-11-26", 2),
    ]


def test_an_inactive_rule_still_records_the_sign_in(
    make_member: Callable[..., Any], rule: Any, balance: Any
) -> None:
    rule("sign_in", points=2, cycle="daily", cap=1, active=False)
    member = make_member()
    assert check_in(member=member, now=MORNING).streak == 1
    assert balance(member) == (0, 0)


def test_selectors_answer_today_and_the_running_streak(make_member: Callable[..., Any]) -> None:
    member = make_member()
    with freeze_time(_days(0)):
        assert check_in_today(member=member) is None
        assert streak_for(member=member) == 0
        check_in(member=member)
    with freeze_time(_days(1)):
        check_in(member=member)
        today = check_in_today(member=member)
        assert today is not None
        assert (today.day, today.streak, today.points) == (dt.date(2026, 11, 26), 2, 2)
    with freeze_time(_days(2)):  # not yet signed in today: yesterday's streak still counts
        assert check_in_today(member=member) is None
        assert streak_for(member=member) == 2
    with freeze_time(_days(3)):  # a day missed
        assert streak_for(member=member) == 0


def test_the_button_signs_in_and_answers_htmx_with_the_fragment(
    make_member: Callable[..., Any],
) -> None:
    member = make_member()
    client = Client(headers={"accept-language": "en"})
    client.force_login(member)
    url = reverse("gamification:check_in")
    assert url == "/points/check-in/"
    with freeze_time(_days(0)):
        response = client.post(url, headers={"HX-Request": "true"})
        html = response.content.decode()
        assert response.status_code == 200
        assert 'data-testid="check-in"' in html
        assert "Signed in today" in html
        assert "1 day in a row" in html
        assert "+2 points" in html
        again = client.post(url, headers={"HX-Request": "true"}).content.decode()
        assert "1 day in a row" in again
        assert "+2 points" in again
    assert CheckIn.objects.filter(member=member).count() == 1


def test_the_button_without_htmx_goes_back(make_member: Callable[..., Any]) -> None:
    client = Client(headers={"accept-language": "en"})
    client.force_login(make_member())
    url = reverse("gamification:check_in")
    back = client.post(url, headers={"Referer": "http://testserver/boards/"})
    assert (back.status_code, back["Location"]) == (302, "http://testserver/boards/")
    outside = client.post(url, {"next": "https://evil.example/"})
    assert outside["Location"] == reverse("gamification:points")


def test_the_button_needs_a_member_and_a_post(db: None, make_member: Callable[..., Any]) -> None:
    url = reverse("gamification:check_in")
    visitor = Client().post(url)
    assert visitor.status_code == 302
    assert "/accounts/login/" in visitor["Location"]
    assert not CheckIn.objects.exists()
    client = Client()
    client.force_login(make_member())
    assert client.get(url).status_code == 405


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_sign_ins_make_one_row_and_one_award(
    make_member: Callable[..., Any], balance: Any
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
    member = make_member()
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def run() -> None:
        try:
            barrier.wait()
            check_in(member=member, now=MORNING)
        except BaseException as exc:  # reported to the test below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert CheckIn.objects.filter(member=member).count() == 1
    assert balance(member) == (2, 2)
