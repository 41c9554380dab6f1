"""The demo's events (活动): a past meetup people came to, and what is coming up.

Four events, from a random stream of their own so that no other effect moves:

* a meetup that took place three weeks ago (capacity 60: most places taken,
  a few cancellations, a few invitations nobody answered);
* an online livestream in five days (no limit, already well attended);
* an offline meetup in twelve days (capacity 40, filling up);
* a booth at a city fair next month, still a draft.

Registrations come from ordinary members who had joined before they
registered. Written as rows (the demo writes in bulk; no domain events fire).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction

from hearth.accounts.models import User
from hearth.core import roles
from hearth.events.models import Event, EventStatus, Registration, RegistrationStatus

_SALT = 0xE7E


@dataclass(frozen=True)
class _Plan:
    title: str
    description: str
    starts_in: dt.timedelta
    hours: int
    location: str
    online_url: str
    capacity: int | None
    status: str
    going: int
    cancelled: int
    invited: int


PLANS: tuple[_Plan, ...] = (
    _Plan(
        title="社区年度线下见面会",
        description=(
            "一年一度的面基时间！\n\n"
            "- 14:00 签到，领取社区周边\n- 14:30 三位版主分享这一年的故事\n"
            "- 16:00 自由交流\n\n请带上你的好奇心。"
        ),
        starts_in=dt.timedelta(days=-21, hours=14),
        hours=4,
        location="上海市徐汇区漕溪北路 88 号 · 3 楼多功能厅",
        online_url="",
        capacity=60,
        status=EventStatus.PUBLISHED,
        going=52,
        cancelled=7,
        invited=6,
    ),
    _Plan(
        title="线上直播：新人答疑与社区玩法",
        description=(
            "刚加入社区？这场直播带你 30 分钟上手：**如何发第一帖**、积分和等级怎么算、"
            "哪些板块最适合新人。\n\n直播中可以随时提问。"
        ),
        starts_in=dt.timedelta(days=5, hours=20),
        hours=1,
        location="",
        online_url="https://live.bilibili.com/hearth-demo",
        capacity=None,
        status=EventStatus.PUBLISHED,
        going=134,
        cancelled=9,
        invited=0,
    ),
    _Plan(
        title="周末读书分享会（第 12 期）",
        description="本期主题：《置身事内》。每位参与者准备 5 分钟分享，茶水由社区提供。",
        starts_in=dt.timedelta(days=12, hours=15),
        hours=2,
        location="北京市海淀区中关村大街 27 号 · 社区会客厅",
        online_url="",
        capacity=40,
        status=EventStatus.PUBLISHED,
        going=31,
        cancelled=3,
        invited=0,
    ),
    _Plan(
        title="城市科技节 · 社区展位",
        description="展位现场扫码注册即送限定徽章贴纸。需要 4 名志愿者，欢迎报名！",
        starts_in=dt.timedelta(days=33, hours=10),
        hours=8,
        location="深圳会展中心 · 6 号馆 B12",
        online_url="",
        capacity=4,
        status=EventStatus.DRAFT,
        going=0,
        cancelled=0,
        invited=0,
    ),
)


def _midnight(now: dt.datetime) -> dt.datetime:
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def events_plant(*, seed: int, now: dt.datetime) -> None:
    """Write the demo's events and their registrations (see the module docstring)."""
    rng = random.Random(seed ^ _SALT)
    planner = User.objects.filter(groups__name=roles.EVENT_PLANNER).order_by("pk").first()
    members = list(
        User.objects.filter(is_active=True, groups=None)
        .order_by("pk")
        .values_list("pk", "date_joined")
    )
    with transaction.atomic():
        for plan in PLANS:
            starts = _midnight(now) + plan.starts_in
            event = Event.objects.create(
                title=plan.title,
                description=plan.description,
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=plan.hours),
                location=plan.location,
                online_url=plan.online_url,
                capacity=plan.capacity,
                status=plan.status,
                created_at=min(now, starts) - dt.timedelta(days=30),
                created_by=planner,
            )
            _registrations_plant(rng, event, plan, members, now)


def _registrations_plant(
    rng: random.Random,
    event: Event,
    plan: _Plan,
    members: list[tuple[int, dt.datetime]],
    now: dt.datetime,
) -> None:
    opened = event.created_at
    closes = min(now, event.starts_at)
    eligible = [pk for pk, joined in members if joined < closes - dt.timedelta(hours=1)]
    wanted = plan.going + plan.cancelled + plan.invited
    chosen = rng.sample(eligible, min(wanted, len(eligible)))
    statuses = (
        [RegistrationStatus.GOING] * plan.going
        + [RegistrationStatus.CANCELLED] * plan.cancelled
        + [RegistrationStatus.INVITED] * plan.invited
    )
    joined_at = dict(members)
    rows = []
    for pk, status in zip(chosen, statuses, strict=False):
        start = max(opened, joined_at[pk])
        at = start + (closes - start) * rng.random()
        rows.append(
            Registration(
                event=event,
                member_id=pk,
                status=status,
                invited_at=at if status == RegistrationStatus.INVITED else None,
                created_at=at,
            )
        )
    Registration.objects.bulk_create(rows)


def events_reset() -> None:
    """Delete every event (registrations go with them)."""
    Event.objects.all().delete()
