"""A community manager in Chromium: sets the goal "DAU +30% this quarter", sees its progress
chart and forecast, generates the weekly report, adds commentary and downloads the PDF."""

from __future__ import annotations

import datetime as dt
import random
import re
import zoneinfo
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from hearth.accounts.models import User
from hearth.analytics.models import Activity
from hearth.community.models import Board, Topic
from hearth.core import roles
from hearth.reporting.models import OperationsReport
from tests.growth.browser_helpers import new_page, with_browser
from tests.moderation.queue_fixtures import browser_log_in

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
]

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
SHOTS = Path("/tmp/shots-reportui")
CHANNELS = ("seo", "wechat", "weibo", "direct")
BOARDS = (("摄影", "photo"), ("人工智能", "ai"), ("旅行", "travel"))
COMMENTARY = "本周日活稳步上升，摄影版块贡献最大。\n下周重点：启动月度摄影大赛。"


def community(days: int = 160, members: int = 90) -> None:
    """Members joining over the last ``days`` days, posting, reading, replying and liking."""
    rng = random.Random(47)
    end = timezone.localdate() - dt.timedelta(days=1)
    boards = [Board.objects.create(name=name, slug=slug) for name, slug in BOARDS]
    people: list[User] = []
    topics: list[Topic] = []
    rows: list[Activity] = []
    for i in range(members):
        joined = end - dt.timedelta(days=rng.randrange(days))
        people.append(
            User.objects.create(
                username=f"m{i}",
                display_name=f"会员{i}",
                date_joined=dt.datetime.combine(joined, dt.time(9), tzinfo=ZONE),
                channel=CHANNELS[i % len(CHANNELS)],
            )
        )
    for n in range(24):
        author = people[n % len(people)]
        board = boards[n % len(boards)]
        day = max(author.date_joined.date(), end - dt.timedelta(days=rng.randrange(days)))
        created = dt.datetime.combine(day, dt.time(10), tzinfo=ZONE)
        topic = Topic.objects.create(
            board=board, author=author, title=f"{board.name}话题 {n}", body="…", created_at=created
        )
        topics.append(topic)
        rows.append(_act(author, "topic", created, topic))
    for member in people:
        keen = 0.2 + rng.random() * 0.6
        day = member.date_joined.date()
        while day <= end:
            if day == member.date_joined.date() or rng.random() < keen:
                at = dt.datetime.combine(day, dt.time(rng.randint(8, 22)), tzinfo=ZONE)
                seen = [t for t in topics if t.created_at <= at] or topics[:1]
                topic = rng.choice(seen)
                rows.append(_act(member, "visit", at, None))
                rows.append(_act(member, "read", at, topic))
                if rng.random() < 0.3:
                    rows.append(_act(member, "reply", at, topic))
                if rng.random() < 0.3:
                    rows.append(_act(member, "like", at, topic))
                    rows.append(_act(topic.author, "like_received", at, topic))
            day += dt.timedelta(days=1)
            keen *= 0.985  # interest fades
    Activity.objects.bulk_create(rows, batch_size=2000)


def _act(member: User, action: str, at: dt.datetime, topic: Topic | None) -> Activity:
    return Activity(
        member_id=member.pk,
        action=action,
        occurred_at=at,
        topic_id=topic.pk if topic else None,
        board_id=topic.board_id if topic else None,
        channel=member.channel,
    )


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def manager(make_staff: Callable[..., Any], settings: Any) -> Any:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return make_staff(roles.COMMUNITY_MANAGER, username="cm")


def test_goal_to_weekly_report_to_pdf(live_server: Any, manager: Any) -> None:
    community()
    with translation.override("zh-hans"):
        reports_nav = gettext("Operations reports")
    base = live_server.url
    got: dict[str, Any] = {}

    def scenario(browser: Any) -> None:
        page = new_page(browser, timeout_ms=60_000)
        browser_log_in(page, base, manager.username)

        # the goal, through the goal form
        page.goto(f"{base}/ops/goals/new/")
        form = page.get_by_test_id("goal-form")
        form.locator("#id_name").fill("DAU +30% this quarter")
        form.locator("#id_metric_key").select_option("dau")
        form.locator("input[name=target_kind][value=relative]").check()
        form.locator("#id_target").fill("+30")
        form.locator("#id_preset").select_option("this_quarter")
        page.wait_for_selector("#baseline-suggestion [data-baseline]")  # suggested (htmx)
        _shot(page, "1-goal-form")
        page.get_by_test_id("goal-save").click()
        page.wait_for_url(re.compile(r".*/ops/goals/\d+/$"))
        # the progress chart (actual, pace, forecast with its band) is drawn as SVG
        page.wait_for_function("document.querySelectorAll('#goal-chart svg path').length > 8")
        got["forecast"] = page.get_by_test_id("goal-forecast").inner_text()
        _shot(page, "2-goal-detail")

        # the weekly report, generated from the archive
        page.get_by_test_id("ops-nav").get_by_role("link", name=reports_nav).click()
        page.wait_for_url(f"{base}/ops/goals/reports/")
        got["default_period"] = page.locator("#id_period").input_value()
        _shot(page, "3-archive-empty")
        page.get_by_test_id("report-generate-submit").click()
        page.wait_for_url(re.compile(r".*/ops/goals/reports/\d+/$"))
        page.locator("[data-testid=report-chart-dau][data-rendered='1']").wait_for()
        got["kpis"] = page.get_by_test_id("report-kpis").inner_text()
        got["sections"] = [
            page.get_by_test_id(f"report-{name}").count()
            for name in ("goals", "channels", "cohorts", "top-content", "moderation", "anomalies")
        ]
        got["goals_table"] = page.get_by_test_id("report-goals").inner_text()
        _shot(page, "4-report")

        # commentary, then the page shows it
        page.get_by_test_id("report-commentary-edit").locator("summary").click()
        page.locator("#id_commentary").fill(COMMENTARY)
        page.get_by_test_id("report-commentary-save").click()
        page.get_by_test_id("report-commentary").wait_for()
        got["commentary"] = page.get_by_test_id("report-commentary").inner_text()
        _shot(page, "5-report-with-commentary")

        # the PDF
        with page.expect_download() as info:
            page.get_by_test_id("report-pdf").click()
        download = info.value
        got["pdf_name"] = download.suggested_filename
        got["pdf"] = Path(download.path()).read_bytes()

        page.goto(f"{base}/ops/goals/reports/")
        _shot(page, "6-archive")
        got["archive"] = page.get_by_test_id("report-archive").inner_text()
        page.goto("about:blank")

    with_browser(scenario)

    report = OperationsReport.objects.get()
    assert got["forecast"].strip() not in ("", "—")
    assert report.kind == "weekly"
    assert got["default_period"] == report.label
    assert report.has_data
    assert "DAU +30% this quarter" in got["goals_table"]
    assert all(count == 1 for count in got["sections"])
    assert report.sections["kpis"][0]["value"]
    assert "本周日活稳步上升" in got["commentary"]
    assert report.commentary == COMMENTARY
    assert report.commentary_by == manager
    assert got["pdf_name"] == f"hearth-weekly-{report.label}.pdf"
    pdf: bytes = got["pdf"]
    (SHOTS / "7-weekly-report.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) > 1 or len(pdf) > 50_000
    assert report.label in got["archive"]
