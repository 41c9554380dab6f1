# ruff: noqa: F811 (pytest fixtures imported from queue_fixtures are parameters here)
"""Fixtures for the classifier tests: synthetic labelled texts and decided review items.

Import what a test module needs: ``from tests.moderation.classifier_fixtures import …``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from hearth.moderation.models import CommunityRule, ReviewItem
from tests.moderation.queue_fixtures import (  # noqa: F401 - fixtures used through these
    make_topic,
    queue_defaults,
    writer,
)

SPAM_WORDS = [
    "加微信",
    "免费领取",
    "兼职日结",
    "代理招募",
    "点击链接",
    "优惠券",
    "win cash",
    "free prize",
]
CLEAN_WORDS = ["今天天气", "这本书", "周末聚会", "代码评审", "版主辛苦", "电影不错", "thanks all"]
RUDE_WORDS = ["傻逼", "滚蛋", "脑残", "废物", "去死", "白痴"]
KIND_WORDS = ["谢谢你", "说得好", "很有帮助", "学习了", "辛苦了", "支持一下"]


def synthetic(
    n: int = 120, seed: int = 1, *, positive: list[str] | None = None
) -> tuple[list[str], list[str]]:
    """Alternating spam (or ``positive`` words) and clean texts, labelled "spam"/"ham"."""
    rng = random.Random(seed)
    texts, labels = [], []
    for i in range(n):
        spam = i % 2 == 0
        words = rng.sample(positive or SPAM_WORDS, 3) if spam else rng.sample(CLEAN_WORDS, 3)
        texts.append(" ".join([*words, rng.choice(CLEAN_WORDS)]))
        labels.append("spam" if spam else "ham")
    return texts, labels


@pytest.fixture(autouse=True)
def _var_dir(settings: Any, tmp_path: Path) -> Path:
    settings.HEARTH_VAR_DIR = tmp_path / "var"
    return Path(settings.HEARTH_VAR_DIR)


@pytest.fixture
def decide(make_topic: Callable[..., Any]) -> Callable[..., ReviewItem]:
    """A topic with ``body`` and a decided review item on it (written directly, fast).

    ``outcome`` approved / edited / rejected; ``rule`` a rule code (or None);
    ``reasons`` the queue reasons' categories.
    """

    def make(
        body: str,
        outcome: str,
        *,
        rule: str | None = None,
        reasons: tuple[str, ...] = (),
        overturned: bool = False,
        topic: Any = None,
    ) -> ReviewItem:
        post = topic or make_topic(body=body)
        return ReviewItem.objects.create(
            content_kind="topic",
            content_id=post.pk,
            author_id=post.author_id,
            board_id=post.board_id,
            origin=ReviewItem.Origin.HELD,
            state=ReviewItem.State.DECIDED,
            outcome=outcome,
            rule=CommunityRule.objects.get(code=rule) if rule else None,
            reasons=[{"code": "word", "category": c, "severity": 2} for c in reasons],
            overturned=overturned,
            decided_at=timezone.now(),
        )

    return make


@pytest.fixture
def decided_rude_and_kind(decide: Callable[..., ReviewItem]) -> Callable[[int], None]:
    """``n`` rejected rude topics (rule be-respectful) and ``n`` approved kind ones."""

    def make(n: int, seed: int = 3) -> None:
        rng = random.Random(seed)
        for _ in range(n):
            decide(" ".join(rng.sample(RUDE_WORDS, 3)), "rejected", rule="be-respectful")
            decide(" ".join(rng.sample(KIND_WORDS, 3)), "approved")

    return make
