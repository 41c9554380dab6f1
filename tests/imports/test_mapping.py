"""Stack Exchange values → Hearth values."""

from __future__ import annotations

import pytest

from hearth.accounts.services import USERNAME_RE
from hearth.gamification.models import BadgeTier
from hearth.imports.stackexchange import mapping


def test_usernames_are_valid_and_unique_case_blind() -> None:
    names = mapping.Usernames({"bob"})
    allocated = [
        names.allocate("Bob", 1),
        names.allocate("BOB", 2),
        names.allocate("José Müller-Lüdenscheidt", 3),
        names.allocate("王小明", 4),
        names.allocate("?", 5),
        names.allocate("x" * 40, 6),
        names.allocate("x" * 40, 7),
        names.allocate("user@example.com", 8),
    ]
    assert allocated == [
        "Bob-2", "BOB-3", "Jose-Muller-Ludenscheidt", "王小明", "se-user-5",
        "x" * 30, "x" * 28 + "-2", "user-example-com",
    ]  # fmt: skip
    assert all(USERNAME_RE.match(name) for name in allocated)


@pytest.mark.parametrize(
    ("location", "city"),
    [
        ("", ""),
        ("  Palm Bay,   FL ", "Palm Bay, FL"),
        ("Adobe Research, San Jose, CA", "Adobe Research, San Jose, CA"),
        ("San Francisco Bay Area, California, United States", "San Francisco Bay Area"),
        (
            "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch",
            "Llanfairpwllgwyngyllgogerychwy",
        ),
    ],
)
def test_city_from_location(location: str, city: str) -> None:
    assert mapping.city(location) == city


def test_tags_in_both_dump_formats() -> None:
    assert mapping.tags("<discussion><on-topic>") == ["discussion", "on-topic"]
    assert mapping.tags("|gears|brakes|gears|") == ["gears", "brakes"]
    assert mapping.tags("") == []
    assert mapping.tags("|a|b|c|d|e|f|") == ["a", "b", "c", "d", "e"]


def test_html_bodies_become_markdown() -> None:
    html = (
        "<p>See <a href='https://example.com/x' rel='nofollow'>this</a> and <code>a*b</code>.</p>"
        "\n\n<blockquote>\n  <p>Quoted.</p>\n</blockquote>\n<ul><li>one</li><li>two</li></ul>"
        "<h2>Head</h2><p><img src='https://i.stack.imgur.com/x.png' alt='pic'></p>"
        "<script>alert(1)</script>"
    )
    assert mapping.markdown_from_html(html) == (
        "See [this](https://example.com/x) and `a*b`.\n\n> Quoted.\n\n- one\n- two\n\n## Head\n\n"
        "![pic](https://i.stack.imgur.com/x.png)"
    )


def test_titles_fit() -> None:
    assert mapping.title("  Two   spaces ") == "Two spaces"
    long = mapping.title("word " * 40)
    assert len(long) == 120
    assert long.endswith("…")


def test_badges_per_name_and_per_tag_and_tier() -> None:
    assert mapping.badge_spec("Nice Answer", 3, False) == mapping.BadgeSpec(
        "se-nice-answer", "Nice Answer", BadgeTier.BRONZE, "🥉"
    )
    gold = mapping.badge_spec("bicycles", 1, True)
    assert (gold.slug, gold.tier, gold.icon) == ("se-tag-bicycles-gold", BadgeTier.GOLD, "🥇")
    assert gold.name.startswith("bicycles · ")
    assert mapping.badge_spec("徽章", None, False).slug.startswith("se-")


def test_source_names() -> None:
    assert mapping.source_name("se_bicycles_meta_full") == "se_bicycles_meta_full"
    assert mapping.source_name("Bicycles Meta (2023)") == "bicycles_meta_2023"
    assert mapping.source_is_valid("se_tiny")
    assert not mapping.source_is_valid("Not valid")
    assert not mapping.source_is_valid("x" * 41)


def test_board_slugs_keep_tags_apart() -> None:
    assert mapping.board_slug("c++") == "c-plus-plus"
    assert mapping.board_slug("c#") == "c-sharp"
    assert mapping.board_slug("c") == "c"
    assert mapping.board_slug("中文") == "tag"
