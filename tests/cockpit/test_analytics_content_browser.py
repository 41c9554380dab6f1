"""An analyst opens the content-metrics and reading pages in Chromium; a long topic read to its
end in the browser records its read depth through the page's beacon."""

# ruff: noqa: F401, F811 (pytest fixtures imported from the analytics fixtures are parameters here)
from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import gettext

from hearth.accounts.models import User
from hearth.analytics.models import Activity
from hearth.analytics.store.sync import today
from hearth.community.models import Board, Read, Topic
from tests.cockpit.analytics_fixtures import analyst
from tests.cockpit.analytics_helpers import full_shot
from tests.moderation.queue_fixtures import browser_log_in, in_browser

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
]

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
BOARDS = (("人工智能", "ai"), ("数码产品", "gadgets"), ("摄影", "photo"), ("读书会", "books"))
HOURS = (7, 8, 9, 12, 12, 13, 18, 19, 20, 20, 21, 21, 21, 22, 22, 23)


def _at(day: dt.date, hour: int, rng: random.Random) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, rng.randrange(60)), tzinfo=ZONE)


def content_community(days: int = 28) -> None:
    """Four boards, members and staff posting, replies at varied speeds, evening-heavy reads."""
    rng = random.Random(5)
    end = today()
    boards = [Board.objects.create(name=n, slug=s) for n, s in BOARDS]
    members = [User.objects.create(username=f"m{i}") for i in range(30)]
    staff = User.objects.create(username="editor")
    rows: list[Activity] = []
    for n in range(60):
        day = end - dt.timedelta(days=rng.randrange(days))
        board = boards[n % len(boards)]
        pgc = n % 5 == 0
        author = staff if pgc else rng.choice(members)
        created = _at(day, rng.choice(HOURS), rng)
        topic = Topic.objects.create(
            board=board, author=author, title=f"第 {n + 1} 个话题：经验分享与讨论", body="正文",
            kind="pgc" if pgc else "ugc", created_at=created,
        )  # fmt: skip
        common = {"board_id": board.pk, "topic_id": topic.pk}
        rows.append(Activity(member_id=author.pk, action="topic", occurred_at=created, **common))
        if rng.random() < 0.75:
            wait = dt.timedelta(minutes=rng.choice((12, 40, 90, 300, 900, 2000)))
            replier = rng.choice([m for m in members if m != author])
            rows.append(
                Activity(member_id=replier.pk, action="reply", occurred_at=created + wait, **common)
            )
        for _ in range(rng.randint(3, 25 if pgc else 12)):
            day = end - dt.timedelta(days=rng.randrange(days))
            depth = min(100, int(rng.triangular(10, 115, 100)))
            rows.append(
                Activity(
                    member_id=rng.choice(members).pk, action="read",
                    occurred_at=_at(day, rng.choice(HOURS), rng),
                    value=float(int(rng.lognormvariate(3.8, 0.9))),
                    properties={"depth": depth} if rng.random() < 0.8 else {}, **common,
                )
            )  # fmt: skip
    for member in members[:12]:
        for _ in range(4):
            day = end - dt.timedelta(days=rng.randrange(days))
            rows.append(Activity(member_id=member.pk, action="like", occurred_at=_at(day, 20, rng)))
    Activity.objects.bulk_create(rows)


def test_an_analyst_reads_the_content_and_reading_pages(live_server: Any, analyst: Any) -> None:
    content_community()
    board = Board.objects.get(slug="books")
    long_body = "\n\n".join(f"第 {i} 段：读书会的讨论记录，内容很长。" * 6 for i in range(40))
    long = Topic.objects.create(board=board, author=analyst, title="很长的读书笔记", body=long_body,
                                body_html="".join(f"<p>{p}</p>" for p in long_body.split("\n\n")))  # fmt: skip
    with translation.override("zh-hans"):
        content_heading = gettext("Content metrics")
        reading_heading = gettext("Reading")
        unanswered = gettext("Unanswered topics")
    base = live_server.url

    def scenario(page: Any) -> None:
        browser_log_in(page, base, analyst.username)
        page.goto(f"{base}/ops/analytics/content/?days=30")
        page.get_by_role("heading", name=content_heading, exact=True).wait_for()
        page.locator("#content-mix-chart[data-rendered='1']").wait_for()
        assert page.get_by_text(unanswered).count() >= 1
        assert page.get_by_test_id("unanswered-list").locator("tbody tr").count() >= 1
        assert page.get_by_test_id("table-boards").locator("tbody tr").count() == 5  # 4 + all
        full_shot(page, "analytics-content")

        page.get_by_test_id("ops-nav").get_by_role("link", name=reading_heading).click()
        page.locator("#reading-heatmap[data-rendered='1']").wait_for()
        page.locator("#depth-chart[data-rendered='1']").wait_for()
        peak = page.locator("[data-kpi=peak] [data-testid=tile-value]").inner_text()
        assert peak in ("20:00", "21:00", "22:00")
        full_shot(page, "analytics-reading")
        page.set_viewport_size({"width": 390, "height": 844})
        page.reload()
        page.locator("#reading-heatmap[data-rendered='1']").wait_for()
        full_shot(page, "analytics-reading-phone")
        page.set_viewport_size({"width": 1280, "height": 900})

        page.goto(f"{base}/t/{long.pk}/")
        page.mouse.wheel(0, 200_000)
        page.wait_for_timeout(1500)  # a read: more than a second on the page

    in_browser(scenario)  # leaving the topic page sends the beacon
    read = Read.objects.get(member=analyst, topic=long)
    assert read.depth is not None
    assert read.depth >= 95
