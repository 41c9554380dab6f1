"""The demo's strategy: positioning, aims, content targets, competitors, initiatives.

Planted last, after the goals (when the demo plants any), so that the running
initiative can link to them. Board plans name the theme's own boards; the
competitors' figures are scaled on our community's size, monthly over half a
year. Replanting first deletes what an earlier build planted.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.db.models import Q

from hearth.accounts.models import User
from hearth.community.models import Board
from hearth.goals.models import (
    Competitor,
    CompetitorFigure,
    ContentMixTarget,
    Goal,
    Initiative,
    InitiativeKind,
    InitiativeStatus,
    Positioning,
    StrategyAim,
)

AIMS = (
    ("成为行业内最知名的交流社区", "行业媒体与大会提到社区时首先想到我们。"),
    ("会员自助解答大多数问题", "新话题 24 小时内由会员（而非工作人员）回复的比例过半。"),
    ("培养一批稳定的内容创作者", "每月至少 50 位会员发布原创精华内容。"),
)
COMPETITORS = (
    ("同行社区甲", 1.6, 0.03),
    ("某垂直论坛", 0.7, -0.01),
)  # size vs ours, monthly growth
TARGETS = (0.8, 0.7, 0.9, 0.6)


def strategy_reset() -> None:
    for model in (Initiative, CompetitorFigure, Competitor, StrategyAim, ContentMixTarget):
        model.objects.all().delete()
    Positioning.objects.all().delete()


def _competitors(rng: random.Random, today: dt.date) -> None:
    members = User.objects.count()
    posts = members * 6
    for name, size, growth in COMPETITORS:
        competitor = Competitor.objects.create(
            name=name, notes="公开数据来自对方首页与官方公众号。"
        )
        for month in range(6, -1, -1):
            factor = size * (1 + growth) ** (-month) * rng.uniform(0.97, 1.03)
            CompetitorFigure.objects.create(
                competitor=competitor,
                day=today - dt.timedelta(days=30 * month + 1),
                members=round(members * factor),
                posts=round(posts * factor * 1.1),
                followers=round(members * factor * 3.2),
                source="官网首页",
            )


def _goals_named(*words: str) -> list[Goal]:
    """The demo goals whose name has one of ``words`` (e.g. 日活, 回复); else the first goal."""
    named = Q()
    for word in words:
        named |= Q(name__icontains=word)
    return list(Goal.objects.filter(named).order_by("pk")) or list(Goal.objects.order_by("pk")[:1])


def _initiatives(boards: list[Board], owner: User | None, today: dt.date) -> None:
    running = Initiative.objects.create(
        name="月度主题征文活动",
        kind=InitiativeKind.PLAN,
        description="每月一个主题，优秀作品加精并送积分。",
        rationale="会员原创内容偏少，用主题活动带动发帖。",
        owner=owner,
        start_date=today - dt.timedelta(days=21),
        end_date=today + dt.timedelta(days=40),
        status=InitiativeStatus.ACTIVE,
        created_by=owner,
    )
    running.boards.set(boards[:1])
    running.goals.set(_goals_named("日活", "活跃", "DAU", "回复"))
    opening = Initiative.objects.create(
        name="开设“新手问答”版块",
        kind=InitiativeKind.BOARD_OPEN,
        board_name="新手问答",
        rationale="新会员的提问分散在各版块，回复慢；集中到一个版块便于老会员解答。",
        owner=owner,
        start_date=today + dt.timedelta(days=14),
        created_by=owner,
    )
    opening.goals.set(_goals_named("回复", "reply"))
    if len(boards) >= 3:
        merge = Initiative.objects.create(
            name=f"合并“{boards[-1].name}”到“{boards[-2].name}”",
            kind=InitiativeKind.BOARD_MERGE,
            merge_into=boards[-2],
            rationale="两个版块话题高度重合，单独维持都不够活跃。",
            owner=owner,
            start_date=today + dt.timedelta(days=30),
            created_by=owner,
        )
        merge.boards.set(boards[-1:])


@transaction.atomic
def strategy_plant(*, seed: int, now: dt.datetime) -> None:
    rng = random.Random(f"strategy-{seed}")
    strategy_reset()
    today = now.date()
    owner = User.objects.filter(Q(username="admin") | Q(is_superuser=True)).order_by("pk").first()
    positioning = Positioning.load()
    positioning.statement = "一个由会员自己撑起来的实用交流社区：问题有人答，经验有人记。"
    positioning.audience = "行业从业者与认真学习的爱好者"
    positioning.updated_by = owner
    positioning.save()
    for order, (title, detail) in enumerate(AIMS):
        StrategyAim.objects.create(title=title, detail=detail, order=order)
    boards = list(Board.objects.order_by("position", "pk"))
    for board, share in zip(boards, TARGETS, strict=False):
        ContentMixTarget.objects.create(board=board, ugc_share=share)
    _competitors(rng, today)
    _initiatives(boards, owner, today)
