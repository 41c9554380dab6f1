"""A real community's history: after importing se_bicycles_meta_full, DAU and weekly
retention from posts and comments match a computation written here from the XML."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from hearth.analytics.queries.active import ActiveMembers
from hearth.analytics.queries.params import Window
from hearth.analytics.queries.retention import Retention
from hearth.analytics.store.duck import DuckDBEngine
from hearth.analytics.store.sync import store_sync
from tests.imports.conftest import run_import, xml_rows

pytestmark = [pytest.mark.shared_data, pytest.mark.timeout_slow, pytest.mark.django_db]

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
POSTING = frozenset({"topic", "reply"})
PLACEHOLDER = "deleted"  # posts whose author is not in Users.xml go to one placeholder member


def local_day(stamp: str) -> dt.date:
    """A dump timestamp (UTC, ISO) as the community's calendar day."""
    return dt.datetime.fromisoformat(stamp).replace(tzinfo=dt.UTC).astimezone(ZONE).date()


def posting_days(dump: Path) -> tuple[dict[dt.date, set[str]], dict[str, dt.date]]:
    """Who posted (question, answer to an imported question, comment on either) on which day,
    and each member's join day — straight from the XML."""
    users = {r["Id"]: local_day(r["CreationDate"]) for r in xml_rows(dump / "Users.xml")}
    posts = list(xml_rows(dump / "Posts.xml"))
    questions = {r["Id"] for r in posts if r["PostTypeId"] == "1"}
    kept = questions | {
        r["Id"] for r in posts if r["PostTypeId"] == "2" and r.get("ParentId") in questions
    }
    days: dict[dt.date, set[str]] = defaultdict(set)

    def add(owner: str | None, stamp: str) -> None:
        days[local_day(stamp)].add(owner if owner in users else PLACEHOLDER)

    for row in posts:
        if row["Id"] in kept:
            add(row.get("OwnerUserId"), row["CreationDate"])
    for row in xml_rows(dump / "Comments.xml"):
        if row["PostId"] in kept:
            add(row.get("UserId"), row["CreationDate"])
    return days, users


@pytest.fixture
def imported(settings: Any, shared_data: Path) -> Any:
    settings.TIME_ZONE = "Asia/Shanghai"
    dump = shared_data / "communities" / "se_bicycles_meta_full"
    run_import(dump)
    engine = DuckDBEngine()
    store_sync(engine)
    yield dump, engine
    engine.close()


def test_dau_and_weekly_retention_match_the_xml(imported: Any) -> None:
    dump, engine = imported
    days, users = posting_days(dump)
    check_dau(engine, days)
    check_retention(engine, days, users)


def check_dau(engine: Any, days: dict[dt.date, set[str]]) -> None:
    start, end = min(days), max(days)
    window = Window(start=start, end=end, actions=POSTING, tz="Asia/Shanghai")
    dau = ActiveMembers(window).calculate(engine)
    assert len(dau) == (end - start).days + 1
    found = {p.day: p.value for p in dau if p.value}
    assert found == {day: len(who) for day, who in days.items()}
    assert sum(found.values()) > 2000


def check_retention(engine: Any, days: dict[dt.date, set[str]], users: dict[str, dt.date]) -> None:
    first, last = dt.date(2011, 1, 1), dt.date(2012, 12, 31)
    weeks = 8

    def week(day: dt.date) -> dt.date:
        return day - dt.timedelta(days=day.weekday())

    active_weeks: dict[str, set[dt.date]] = defaultdict(set)
    for day, who in days.items():
        for member in who:
            active_weeks[member].add(week(day))
    expected: dict[str, list[int]] = {}
    sizes: dict[str, int] = defaultdict(int)
    for member, joined in users.items():
        if not first <= joined <= last:
            continue
        cohort = week(joined).isoformat()
        sizes[cohort] += 1
        row = expected.setdefault(cohort, [0] * (weeks + 1))
        for n in range(weeks + 1):
            if week(joined) + dt.timedelta(weeks=n) in active_weeks[member]:
                row[n] += 1
    window = Window(start=first, end=last, actions=POSTING, tz="Asia/Shanghai")
    cohorts = Retention(window, period="week", periods=weeks).calculate(engine)
    assert {c.name: c.size for c in cohorts} == dict(sizes)
    assert {c.name: c.retained for c in cohorts} == expected
    assert sum(row[1] for row in expected.values()) > 0  # some came back the next week
