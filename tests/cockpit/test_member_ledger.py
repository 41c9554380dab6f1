"""A member's ledger in the cockpit: search, every entry with who and why, adjustments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from hearth.core import roles
from hearth.gamification.defaults import ladder_restore_defaults, point_rules_restore_defaults
from hearth.gamification.models import PointEntry
from hearth.gamification.selectors import balance_for
from hearth.gamification.services import points_adjust, points_award, points_reverse
from tests.cockpit.points_roles import MANAGES_POINTS

SEARCH_URL = "/ops/engagement/members/"


def ledger_url(username: str) -> str:
    return f"/ops/engagement/members/{username}/points/"


@pytest.fixture(autouse=True)
def _defaults(db: None) -> None:
    point_rules_restore_defaults()
    ladder_restore_defaults()


@pytest.fixture
def ops(make_staff: Callable[..., Any]) -> Any:
    return make_staff(roles.MEMBER_OPERATIONS, username="xiaoyun")


@pytest.fixture
def mei(make_member: Callable[..., Any]) -> Any:
    return make_member("mei", display_name="小美")


def entry_rows(html: str) -> list[str]:
    body = html.split('data-testid="ledger-table"', 1)[1].split("<tbody>", 1)[1]
    return body.split("</tbody>", 1)[0].split("</tr>")[:-1]


def test_search_by_username_opens_the_ledger(ops: Any, mei: Any, login: Any) -> None:
    response = login(ops).get(SEARCH_URL, {"q": "@MEI"})
    assert response.status_code == 302
    assert response["Location"] == ledger_url("mei")


def test_search_by_display_name_lists_the_matches(
    ops: Any, mei: Any, make_member: Callable[..., Any], login: Any
) -> None:
    make_member("meimei", display_name="美美")
    make_member("zhang", display_name="小张")
    html = login(ops).get(SEARCH_URL, {"q": "美"}).content.decode()
    found = html.split('data-testid="members-found"', 1)[1].split("</table>", 1)[0]
    assert 'data-member="mei"' in found
    assert 'data-member="meimei"' in found
    assert "zhang" not in found
    assert ledger_url("meimei") in found
    nobody = login(ops).get(SEARCH_URL, {"q": "nobody-here"}).content.decode()
    assert "No member has this username or display name." in nobody


def test_the_ledger_shows_balances_level_and_every_entry(
    ops: Any, mei: Any, make_member: Callable[..., Any], login: Any
) -> None:
    liker = make_member()
    points_award(member=mei, action="topic_created", source_key="topic:1")
    points_award(member=mei, action="like_received", source_key=f"like:{liker.pk}:topic:1")
    points_reverse(source_key=f"like:{liker.pk}:topic:1", reason="like withdrawn")
    points_adjust(actor=ops, member=mei, amount=60, reason="活动奖励：摄影比赛")
    html = login(ops).get(ledger_url("mei")).content.decode()
    kpis = html.split('data-testid="member-points"', 1)[1]
    assert '<div class="value">65</div>' in kpis.split('data-kpi="lifetime"', 1)[1]
    assert '<div class="value">65</div>' in kpis.split('data-kpi="spendable"', 1)[1]
    assert "初级会员" in kpis.split('data-kpi="level"', 1)[1].split("</div></div>", 1)[0]
    rows = entry_rows(html)
    assert len(rows) == 4
    adjustment, reversal, like, topic = rows
    assert 'data-kind="adjustment"' in adjustment
    assert "+60" in adjustment
    assert "活动奖励：摄影比赛" in adjustment
    assert "@xiaoyun" in adjustment
    assert 'data-kind="reversal"' in reversal
    assert "Like received" in reversal
    assert "like withdrawn" in reversal
    assert "reverses the entry of" in reversal
    assert "−1" in reversal
    assert "reversed " in like
    assert "Topic published" in topic
    assert "+5" in topic
    assert "<code>topic:1</code>" in topic


def test_an_adjustment_with_a_reason_is_recorded_and_listed(ops: Any, mei: Any, login: Any) -> None:
    client = login(ops)
    response = client.post(ledger_url("mei"), {"amount": "-15", "reason": " 刷赞纠正 "})
    assert response.status_code == 302
    entry = PointEntry.objects.get(member=mei)
    assert (entry.kind, entry.amount, entry.lifetime_amount, entry.reason, entry.actor) == (
        "adjustment",
        -15,
        -15,
        "刷赞纠正",
        ops,
    )
    assert balance_for(member_id=mei.pk).spendable == -15
    html = client.get(ledger_url("mei")).content.decode()
    assert "−15 points for 小美, recorded with your reason." in html
    [row] = entry_rows(html)
    assert "刷赞纠正" in row
    assert "@xiaoyun" in row


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"amount": "20", "reason": ""}, "Give a reason for the adjustment."),
        ({"amount": "20", "reason": "   "}, "Give a reason for the adjustment."),
        ({"amount": "0", "reason": "nothing"}, "must add or remove at least one point"),
        ({"amount": "lots", "reason": "why"}, "Enter a whole number."),
        ({"amount": "", "reason": "why"}, "Give the points to add or remove."),
        ({"amount": "2000000", "reason": "why"}, "at most 1000000 points"),
    ],
)
def test_a_bad_adjustment_is_refused_with_a_message(
    data: dict[str, str], message: str, ops: Any, mei: Any, login: Any
) -> None:
    response = login(ops).post(ledger_url("mei"), data)
    assert response.status_code == 400
    html = response.content.decode()
    form = html.split('data-testid="adjust-form"', 1)[1].split("</form>", 1)[0]
    assert message in form
    if data["reason"].strip():
        assert data["reason"] in form  # the typed reason is kept
    assert not PointEntry.objects.filter(member=mei).exists()


def test_an_unknown_member_answers_404(ops: Any, login: Any) -> None:
    assert login(ops).get(ledger_url("ghost")).status_code == 404




@pytest.mark.parametrize(("role", "allowed"), list(MANAGES_POINTS.items()))
def test_who_may_read_and_adjust_a_ledger(
    role: str, allowed: bool, mei: Any, make_staff: Callable[..., Any], login: Any
) -> None:
    client = login(make_staff(role))
    expected = 200 if allowed else 403
    assert client.get(SEARCH_URL, {"q": "美"}).status_code == expected
    assert client.get(ledger_url("mei")).status_code == expected
    response = client.post(ledger_url("mei"), {"amount": "5", "reason": "test"})
    assert response.status_code == (302 if allowed else 403)
    assert PointEntry.objects.filter(member=mei).count() == (1 if allowed else 0)


def test_members_cannot_adjust_points(
    mei: Any, make_member: Callable[..., Any], login: Any
) -> None:
    response = login(make_member()).post(ledger_url("mei"), {"amount": "500", "reason": "me"})
    assert response.status_code == 403
    assert login(None).get(ledger_url("mei")).status_code == 302
    assert not PointEntry.objects.exists()


def test_the_ledger_is_paginated_with_a_fixed_number_of_queries(
    ops: Any,
    mei: Any,
    make_staff: Callable[..., Any],
    login: Any,
    django_assert_max_num_queries: Any,
) -> None:
    other = make_staff(roles.COMMUNITY_MANAGER)
    for n in range(3):
        points_adjust(actor=other if n % 2 else ops, member=mei, amount=n + 1, reason=f"r{n}")
    client = login(ops)
    client.get(ledger_url("mei"))
    with django_assert_max_num_queries(10) as few:
        client.get(ledger_url("mei"))
    for n in range(40):
        points_award(member=mei, action="reply_created", source_key=f"reply:{n}")
        points_adjust(actor=other if n % 2 else ops, member=mei, amount=1, reason=f"x{n}")
    points_reverse(source_key="reply:3")
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(ledger_url("mei")).content.decode()
    assert len(entry_rows(html)) == 30
    assert "1 / 3" in html
    last = client.get(ledger_url("mei"), {"page": "3"}).content.decode()
    assert len(entry_rows(last)) == PointEntry.objects.filter(member=mei).count() - 60 > 0
