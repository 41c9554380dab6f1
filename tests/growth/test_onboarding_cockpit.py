"""The cockpit's onboarding pages: the report, the settings with their preview, a member."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from hearth.community import services as community
from hearth.growth.models import OnboardingProgress, OnboardingSettings
from hearth.growth.onboarding.report import onboarding_report

pytestmark = pytest.mark.django_db


def _client(member: Any) -> Client:
    client = Client()
    client.force_login(member)
    return client


def _in_channel(member: Any, channel: str) -> Any:
    type(member).objects.filter(pk=member.pk).update(channel=channel)
    member.channel = channel
    return member


@pytest.fixture
def cohort(make_member: Any, make_board: Any) -> dict[str, Any]:
    boards = [make_board() for _ in range(3)]
    members = {}
    for i in range(4):
        members[f"wb{i}"] = _in_channel(make_member(f"wb{i}"), "weibo")
        for board in boards:
            community.board_follow(member=members[f"wb{i}"], board=board)
    for i in range(3):
        members[f"dy{i}"] = _in_channel(make_member(f"dy{i}"), "douyin")
    community.board_follow(member=members["dy0"], board=boards[0])
    return members


def test_report_counts_steps_by_channel_and_names_the_stall(cohort: Any, staff_member: Any) -> None:
    now = timezone.now()
    report = onboarding_report(start=now - dt.timedelta(days=1), end=now + dt.timedelta(minutes=1))
    rows = {row.key: row for row in report.by_channel}
    assert rows["weibo"].members == 4
    assert rows["douyin"].members == 3
    assert rows["weibo"].steps[1].done == 4
    assert rows["douyin"].steps[1].done == 0
    # everyone misses the profile first; the stall is the first missing step
    assert rows["weibo"].stall_step == "profile"
    OnboardingProgress.objects.update(profile_at=now)
    report = onboarding_report(start=now - dt.timedelta(days=1), end=now + dt.timedelta(minutes=1))
    rows = {row.key: row for row in report.by_channel}
    assert rows["douyin"].stall_step == "boards"
    assert rows["douyin"].stall_members == 3
    assert rows["weibo"].stall_step == "reads"
    assert sum(w.members for w in report.by_week) == report.total.members


def test_the_page_renders_the_tables_chart_and_settings(cohort: Any, staff_member: Any) -> None:
    page = _client(staff_member).get("/ops/growth/onboarding/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="table-onboarding-channels"' in html
    assert 'data-group="douyin"' in html
    assert 'data-group="weibo"' in html
    assert 'id="onboarding-chart-data"' in html
    assert 'data-testid="welcome-preview"' in html
    bad = _client(staff_member).get("/ops/growth/onboarding/?start=2026-13-40&end=x")
    assert bad.status_code == 200  # a bad period falls back to the default


def test_settings_save_and_preview(staff_member: Any) -> None:
    client = _client(staff_member)
    form = {
        "welcome_enabled": "on",
        "welcome_text": "欢迎 {name}！",
        "boards_required": "2",
        "reads_required": "4",
    }
    assert client.post("/ops/growth/onboarding/settings/", form).status_code == 302
    row = OnboardingSettings.objects.get()
    assert (row.welcome_text, row.boards_required, row.reads_required) == ("欢迎 {name}！", 2, 4)
    bad = client.post("/ops/growth/onboarding/settings/", {**form, "boards_required": "0"})
    assert bad.status_code == 400
    assert OnboardingSettings.objects.get().boards_required == 2
    preview = client.post(
        "/ops/growth/onboarding/settings/preview/", {"welcome_text": "嗨 {name} <b>"}
    )
    assert "Xiao Lin" in preview.content.decode() or "小林" in preview.content.decode()
    assert "<b>" not in preview.content.decode()


def test_a_member_page_and_the_lookup(cohort: Any, staff_member: Any) -> None:
    client = _client(staff_member)
    page = client.get("/ops/growth/onboarding/members/dy1/")
    assert page.status_code == 200
    assert 'data-stall="profile"' in page.content.decode()
    assert client.get("/ops/growth/onboarding/members/?q=@DY1").url.endswith("/members/dy1/")
    assert client.get("/ops/growth/onboarding/members/?q=nobody").status_code == 302
    assert client.get("/ops/growth/onboarding/members/nobody/").status_code == 404


def test_members_without_the_permission_are_refused(cohort: Any) -> None:
    assert _client(cohort["wb0"]).get("/ops/growth/onboarding/").status_code == 403
    assert Client().post("/ops/growth/onboarding/settings/", {}).status_code == 302
