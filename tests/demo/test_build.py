"""Building, reusing and resetting small demo communities."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from hearth.accounts.models import User
from hearth.community.models import Board, Like, Read, Reply, Topic
from hearth.core.brand import brand_get
from hearth.demo import effects
from hearth.demo.build import THEMES, demo_build, demo_counts, demo_exists

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 15, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


def _build(**options: Any) -> str:
    options.setdefault("seed", 7)
    options.setdefault("theme", "tech")
    options.setdefault("members", 200)
    options.setdefault("reset", False)
    return demo_build(progress=lambda _line: None, now=NOW, **options)


def _snapshot() -> dict[str, Any]:
    return {
        "counts": demo_counts(),
        "titles": list(
            Topic.objects.order_by("created_at", "title").values_list("title", flat=True)[:30]
        ),
        "usernames": list(
            User.objects.order_by("date_joined", "username").values_list("username", flat=True)[:30]
        ),
        "replies": list(
            Reply.objects.order_by("created_at", "body").values_list("body", flat=True)[:30]
        ),
        "reads": list(
            Read.objects.order_by("created_at", "dwell_seconds").values_list(
                "day", "dwell_seconds"
            )[:50]
        ),
        "joined": list(
            User.objects.order_by("date_joined").values_list("date_joined", flat=True)[:30]
        ),
    }


def test_the_same_seed_builds_the_same_community() -> None:
    _build()
    first = _snapshot()
    _build(reset=True)
    assert _snapshot() == first
    _build(reset=True, seed=8)
    other = _snapshot()
    assert other["titles"] != first["titles"]
    assert other["counts"] != first["counts"]


def test_demo_exists_reuse_and_reset_through_the_command() -> None:
    assert not demo_exists()
    out = io.StringIO()
    call_command("demo", "--no-serve", "--members", "150", "--seed", "3", stdout=out)
    assert "Building" in out.getvalue()
    assert demo_exists()
    built = demo_counts()
    assert built["members"] == 150 + 7  # members, the admin and six staff

    out = io.StringIO()
    call_command("demo", "--no-serve", "--members", "400", stdout=out)
    assert "Reusing" in out.getvalue()
    assert demo_counts() == built

    out = io.StringIO()
    call_command("demo", "--no-serve", "--members", "120", "--reset", stdout=out)
    assert "Building" in out.getvalue()
    assert demo_exists()
    assert demo_counts()["members"] == 120 + 7


def test_building_over_existing_content_needs_reset(make_board: Any) -> None:
    make_board()
    with pytest.raises(ValidationError):
        _build()
    with pytest.raises(ValidationError):
        _build(theme="pets", reset=True)
    with pytest.raises(CommandError, match="--reset"):
        call_command("demo", "--no-serve", "--members", "100", stdout=io.StringIO())
    assert Board.objects.count() == 1  # nothing was deleted


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_every_theme_builds_its_own_community(theme: str) -> None:
    _build(theme=theme, members=120)
    boards = list(Board.objects.values_list("slug", flat=True))
    assert 8 <= len(boards) <= 12
    assert effects.DECLINES[theme].board_slug in boards
    assert effects.VIRALS[theme].board_slug in boards
    assert Topic.objects.count() > 50
    assert Like.objects.exists()
    from hearth.demo.banks import THEME_BANKS

    brand = brand_get()
    assert brand.community_name == THEME_BANKS[theme].community_name
    assert brand.theme == theme


def test_themes_offer_the_required_communities() -> None:
    assert {"tech", "parenting", "fitness", "food", "education"} <= set(THEMES)
