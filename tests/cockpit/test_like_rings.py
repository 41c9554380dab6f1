"""The like-rings page: who may open it, review of alerts, detection on demand, the policy form."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from hearth.community.services import like_give, topic_create
from hearth.core import roles
from hearth.gamification.defaults import ladder_restore_defaults, point_rules_restore_defaults
from hearth.gamification.models import AlertStatus, FairnessPolicy, LikeRingAlert
from hearth.gamification.selectors import balance_for, ledger_sum_for

URL = "/ops/engagement/like-rings/"
BODY = "A body long enough to pass the checks of the community services."
POLICY_FORM = {
    "new_account_days": "5",
    "new_account_daily_posts": "8",
    "new_account_likes_earn": "on",
    "ring_min_likes": "6",
    "ring_window_days": "14",
}


@pytest.fixture(autouse=True)
def _defaults(db: None, settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ladder_restore_defaults()
    point_rules_restore_defaults()


@pytest.fixture
def moderator(make_staff: Callable[..., Any]) -> Any:
    return make_staff(roles.MODERATOR, username="mod")


@pytest.fixture
def manager(make_staff: Callable[..., Any]) -> Any:
    return make_staff(roles.COMMUNITY_MANAGER, username="lan")


@pytest.fixture
def make_established(make_member: Callable[..., Any]) -> Callable[..., Any]:
    def make(username: str | None = None) -> Any:
        with freeze_time(timezone.now() - dt.timedelta(days=60)):
            return make_member(username)

    return make


@pytest.fixture
def pair(make_established: Callable[..., Any], make_board: Callable[..., Any]) -> list[Any]:
    """Two members who liked each other's topics three times each (through the services)."""
    board = make_board()
    members = [make_established("pair-a"), make_established("pair-b")]
    topics = {
        m.pk: [topic_create(author=m, board=board, title=f"T{i}", body=BODY) for i in range(3)]
        for m in members
    }
    for giver, receiver in (members, members[::-1]):
        for topic in topics[receiver.pk]:
            like_give(member=giver, target=topic)
    return members


def _alert(members: list[Any], **fields: Any) -> LikeRingAlert:
    now = timezone.now()
    alert = LikeRingAlert.objects.create(
        signature="-".join(str(m.pk) for m in sorted(members, key=lambda m: m.pk)),
        likes=fields.pop("likes", 6),
        expected=fields.pop("expected", 0.3),
        window_start=now - dt.timedelta(days=30),
        window_end=now + dt.timedelta(seconds=1),
        **fields,
    )
    alert.members.set(members)
    return alert


def test_access(
    login: Callable[[Any], Any],
    make_member: Callable[..., Any],
    make_staff: Callable[..., Any],
    moderator: Any,
) -> None:
    visitor = login(None).get(URL)
    assert visitor.status_code == 302
    assert "/accounts/login/" in visitor["Location"]
    assert login(make_member()).get(URL).status_code == 403
    editor = make_staff(roles.CONTENT_EDITOR)
    assert login(editor).get(URL).status_code == 403
    assert 'data-nav="like_rings"' not in login(editor).get("/ops/").content.decode()
    page = login(moderator).get(URL)
    assert page.status_code == 200
    assert 'data-nav="like_rings"' in page.content.decode()
    assert login(make_staff(roles.MEMBER_OPERATIONS)).get(URL).status_code == 200
    assert reverse("cockpit:like_rings") == URL


def test_open_and_reviewed_alerts_are_listed(
    login: Callable[[Any], Any], moderator: Any, make_established: Callable[..., Any]
) -> None:
    a, b, c = (make_established(name) for name in ("xiaoming", "xiaohong", "xiaogang"))
    _alert([a, b, c], likes=30, expected=1.5)
    _alert(
        [a, c],
        status=AlertStatus.DISMISSED,
        reviewed_by=moderator,
        reviewed_at=timezone.now(),
        note="同一个读书会",
    )
    html = login(moderator).get(URL).content.decode()
    open_table = html.split('data-testid="open-alerts"')[1].split("</table>")[0]
    assert f'href="{reverse("accounts:member", args=["xiaohong"])}"' in open_table
    assert ">30<" in open_table
    assert "1.5" in open_table
    assert "× 20" in open_table
    reviewed = html.split('data-testid="reviewed-alerts"')[1].split("</table>")[0]
    assert "同一个读书会" in reviewed
    assert "@mod" in reviewed
    assert "xiaohong" not in reviewed


def test_the_page_runs_a_constant_number_of_queries(
    login: Callable[[Any], Any], moderator: Any, make_established: Callable[..., Any]
) -> None:
    client = login(moderator)
    members = [make_established() for _ in range(8)]

    def count() -> int:
        client.get(URL)  # warm the session and brand caches
        with CaptureQueriesContext(connection) as context:
            assert client.get(URL).status_code == 200
        return len(context.captured_queries)

    _alert(members[:2])
    _alert(members[:2], status=AlertStatus.CONFIRMED, reviewed_at=timezone.now())
    few = count()
    for i in range(2, 8):
        _alert(members[i - 2 : i + 1])
        _alert(members[i - 1 : i + 1], status=AlertStatus.DISMISSED, reviewed_at=timezone.now())
    assert count() == few


def test_confirming_on_the_page_withdraws_the_points(
    login: Callable[[Any], Any], moderator: Any, pair: list[Any]
) -> None:
    alert = _alert(pair)
    lifetime = {m.pk: balance_for(member_id=m.pk).lifetime for m in pair}
    client = login(moderator)
    url = reverse("cockpit:like_ring_review", args=[alert.pk])
    refused = client.post(url, {"decision": "confirm", "note": ""})
    assert refused.status_code == 400
    assert 'data-testid="review-error"' in refused.content.decode()
    assert "Write a note" in refused.content.decode()
    alert.refresh_from_db()
    assert alert.status == AlertStatus.OPEN
    done = client.post(url, {"decision": "confirm", "note": "Same device"}, follow=True)
    assert "Alert confirmed" in done.content.decode()
    alert.refresh_from_db()
    assert (alert.status, alert.reviewed_by_id, alert.note) == (
        AlertStatus.CONFIRMED,
        moderator.pk,
        "Same device",
    )
    for member in pair:  # three likes received, one point each, withdrawn
        assert balance_for(member_id=member.pk).lifetime == lifetime[member.pk] - 3
        assert balance_for(member_id=member.pk) == ledger_sum_for(member_id=member.pk)


def test_dismissing_on_the_page_changes_no_points(
    login: Callable[[Any], Any], moderator: Any, pair: list[Any]
) -> None:
    alert = _alert(pair)
    before = [balance_for(member_id=m.pk) for m in pair]
    response = login(moderator).post(
        reverse("cockpit:like_ring_review", args=[alert.pk]), {"decision": "dismiss"}
    )
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.status == AlertStatus.DISMISSED
    assert [balance_for(member_id=m.pk) for m in pair] == before
    again = login(moderator).post(
        reverse("cockpit:like_ring_review", args=[alert.pk]),
        {"decision": "confirm", "note": "x"},
        follow=True,
    )
    assert "already been reviewed" in again.content.decode()
    alert.refresh_from_db()
    assert alert.status == AlertStatus.DISMISSED
    assert [balance_for(member_id=m.pk) for m in pair] == before


def test_a_review_needs_a_decision(
    login: Callable[[Any], Any], moderator: Any, pair: list[Any]
) -> None:
    alert = _alert(pair)
    response = login(moderator).post(
        reverse("cockpit:like_ring_review", args=[alert.pk]), {"decision": "delete", "note": "x"}
    )
    assert response.status_code == 400
    alert.refresh_from_db()
    assert alert.status == AlertStatus.OPEN


def test_run_detection_now(
    login: Callable[[Any], Any],
    moderator: Any,
    make_established: Callable[..., Any],
    make_board: Callable[..., Any],
) -> None:
    client = login(moderator)
    assert client.get(reverse("cockpit:like_rings_run")).status_code == 405
    nothing = client.post(reverse("cockpit:like_rings_run"), follow=True)
    assert "found no new like ring" in nothing.content.decode()
    board, rng = make_board(), random.Random(3)
    ring = [make_established("ring-a"), make_established("ring-b")]
    others = [make_established() for _ in range(6)]
    topics = {
        m.pk: [topic_create(author=m, board=board, title=f"T{i}", body=BODY) for i in range(5)]
        for m in ring
    }
    pool = [
        topic_create(author=m, board=board, title=f"O{i}", body=BODY)
        for m in others
        for i in range(4)
    ]
    for giver, receiver in (ring, ring[::-1]):
        for topic in topics[receiver.pk]:
            like_give(member=giver, target=topic)
    for member in others:  # 48 likes at random, at most four between any two members
        for topic in rng.sample([t for t in pool if t.author_id != member.pk], 8):
            like_give(member=member, target=topic)
    found = client.post(reverse("cockpit:like_rings_run"), follow=True)
    assert "Detection raised 1 new alert." in found.content.decode()
    alert = LikeRingAlert.objects.get()
    assert sorted(alert.members.values_list("pk", flat=True)) == sorted(m.pk for m in ring)


def test_the_policy_form_saves(login: Callable[[Any], Any], manager: Any) -> None:
    page = login(manager).get(URL).content.decode()
    assert 'data-testid="policy-form"' in page
    response = login(manager).post(reverse("cockpit:fairness_policy"), POLICY_FORM)
    assert response.status_code == 302
    policy = FairnessPolicy.objects.get(pk=1)
    assert (
        policy.new_account_days,
        policy.new_account_daily_posts,
        policy.new_account_likes_earn,
        policy.ring_min_likes,
        policy.ring_window_days,
    ) == (5, 8, True, 6, 14)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("new_account_days", "-1", "greater than or equal to 0"),
        ("new_account_daily_posts", "0", "greater than or equal to 1"),
        ("ring_min_likes", "many", "Enter a whole number"),
        ("ring_window_days", "", "Enter a number"),
    ],
)
def test_bad_policy_input_is_refused_and_nothing_is_saved(
    login: Callable[[Any], Any], manager: Any, field: str, value: str, message: str
) -> None:
    before = FairnessPolicy.objects.filter(pk=1).values().first()
    response = login(manager).post(
        reverse("cockpit:fairness_policy"), {**POLICY_FORM, field: value}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="form-errors"' in html
    assert message in html
    assert FairnessPolicy.objects.filter(pk=1).values().first() == before


def test_moderators_read_the_policy_but_cannot_change_it(
    login: Callable[[Any], Any], moderator: Any
) -> None:
    page = login(moderator).get(URL).content.decode()
    assert 'data-testid="policy-facts"' in page
    assert 'data-testid="policy-form"' not in page
    response = login(moderator).post(reverse("cockpit:fairness_policy"), POLICY_FORM)
    assert response.status_code == 403
