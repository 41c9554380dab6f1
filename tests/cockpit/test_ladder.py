"""The ladder and privileges editor: a table per level, preview before saving, all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from hearth.core import roles
from hearth.gamification.defaults import DEFAULT_LADDER, ladder_restore_defaults
from hearth.gamification.models import Badge, Level, PointBalance
from hearth.gamification.selectors import levels_for_members
from hearth.gamification.services import points_adjust
from tests.cockpit.points_roles import MANAGES_POINTS

URL = "/ops/engagement/levels/"
PREVIEW_URL = "/ops/engagement/levels/preview/"
FLAGS = ("post_restricted", "upload_images", "custom_title")


@pytest.fixture(autouse=True)
def _default_ladder(db: None) -> None:
    ladder_restore_defaults()


@pytest.fixture
def manager(make_staff: Callable[..., Any]) -> Any:
    return make_staff(roles.COMMUNITY_MANAGER, username="lan")


def saved_ladder() -> list[tuple[Any, ...]]:
    return list(
        Level.objects.order_by("position").values_list(
            "name",
            "threshold",
            "post_restricted",
            "upload_images",
            "daily_post_limit",
            "custom_title",
            "invite_codes",
            "badge__slug",
            "event_early_hours",
        )
    )


def row(name: str, threshold: object, **cells: object) -> dict[str, object]:
    return {"name": name, "threshold": threshold, **cells}


def form(rows: list[dict[str, object]], **extra: str) -> dict[str, Any]:
    """The table as the browser posts it: ``row`` indexes, cells ``<field>-<i>``."""
    data: dict[str, Any] = {"row": [str(i) for i in range(len(rows))], **extra}
    for i, cells in enumerate(rows):
        for name, value in cells.items():
            if name in FLAGS:
                if value:
                    data[f"{name}-{i}"] = "1"
            else:
                data[f"{name}-{i}"] = "" if value is None else str(value)
    return data


THREE = [
    row("萌新", 0, daily_post_limit=10),
    row("熟人", 100, upload_images=True, invite_codes=1),
    row("达人", 255, post_restricted=True, custom_title=True, event_early_hours=24),
]


def give(staff: Any, member: Any, points: int) -> None:
    points_adjust(actor=staff, member=member, amount=points, reason="setup")


def test_the_editor_shows_the_saved_ladder_with_its_privileges(manager: Any, login: Any) -> None:
    html = login(manager).get(URL).content.decode()
    table = html.split('data-testid="ladder-table"', 1)[1].split("</table>", 1)[0]
    assert table.count('name="row"') == 6
    assert 'name="name-4" id="name-4" value="金牌会员"' in table
    assert 'name="threshold-5" id="threshold-5" value="3000"' in table
    gold = Badge.objects.get(slug="gold-member")
    level5 = table.split('data-level="5"', 1)[1].split("</tr>", 1)[0]
    assert f'<option value="{gold.pk}" selected>' in level5
    assert 'name="post_restricted-4" id="post_restricted-4" value="1" checked' in level5
    level1 = table.split('data-level="1"', 1)[1].split("</tr>", 1)[0]
    assert 'name="daily_post_limit-0" id="daily_post_limit-0" value="20"' in level1
    assert "checked" not in level1
    assert 'data-testid="preview-table"' in html  # today's counts before any change


def test_the_defaults_restore_the_privileges_of_migration_0005(db: None) -> None:
    Level.objects.update(upload_images=False, badge=None, invite_codes=0)
    ladder_restore_defaults()
    assert saved_ladder() == [
        ("新手上路", 0, False, False, 20, False, 0, None, 0),
        ("初级会员", 50, False, True, 50, False, 0, None, 0),
        ("中级会员", 200, True, True, 100, False, 1, None, 0),
        ("高级会员", 500, True, True, None, True, 3, None, 12),
        ("金牌会员", 1000, True, True, None, True, 5, "gold-member", 24),
        ("社区元老", 3000, True, True, None, True, 10, "elder", 48),
    ]


def test_save_replaces_the_ladder_and_moves_members(
    manager: Any, make_member: Callable[..., Any], login: Any
) -> None:
    members = [make_member() for _ in range(3)]
    for member, points in zip(members, [60, 250, 4000], strict=True):
        give(manager, member, points)
    elder = Badge.objects.get(slug="elder")
    rows = [*THREE[:2], {**THREE[2], "badge": elder.pk}]
    client = login(manager)
    response = client.post(URL, form(rows))
    assert response.status_code == 302
    assert saved_ladder() == [
        ("萌新", 0, False, False, 10, False, 0, None, 0),
        ("熟人", 100, False, True, None, False, 1, None, 0),
        ("达人", 255, True, False, None, True, 0, "elder", 24),
    ]
    levels = levels_for_members([m.pk for m in members])
    assert [levels[m.pk] for m in members] == ["萌新", "熟人", "达人"]
    page = client.get(URL).content.decode()
    assert "Ladder saved: 3 levels." in page


BAD = [
    ("threshold", -5, "Level 2: the threshold cannot be negative."),
    ("threshold", 0, "Level 2: the threshold must be higher than the level before it (0)."),
    ("threshold", "abc", "Level 2: the threshold must be a whole number."),
    ("threshold", "", "Level 2: the threshold must be a whole number."),
    ("name", "", "Level 2 needs a name."),
    ("name", "萌新", "Level 2: the name “萌新” is used twice."),
    ("daily_post_limit", -1, "Level 2: the daily posting limit cannot be negative."),
    ("invite_codes", -3, "Level 2: the invite codes per month cannot be negative."),
    ("event_early_hours", "soon", "Level 2: the early registration hours must be a whole number."),
    ("badge", 999_999, "Level 2: there is no such badge."),
]


@pytest.mark.parametrize(("cell", "value", "message"), BAD)
def test_bad_input_is_refused_with_its_row_and_nothing_is_saved(
    cell: str,
    value: object,
    message: str,
    manager: Any,
    make_member: Callable[..., Any],
    login: Any,
) -> None:
    member = make_member()
    give(manager, member, 60)
    before = saved_ladder()
    rows = [dict(r) for r in THREE]
    rows[1][cell] = value
    response = login(manager).post(URL, form(rows))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html.split('data-testid="form-errors"', 1)[1].split("</div>", 1)[0]
    level2 = html.split('data-level="2"', 1)[1].split("</tr>", 1)[0]
    assert message in level2  # the cell is marked too
    assert 'value="达人"' in html  # the operator's input is kept
    assert saved_ladder() == before
    assert levels_for_members([member.pk])[member.pk] == "初级会员"


def test_overlapping_thresholds_are_refused(manager: Any, login: Any) -> None:
    rows = [row("一", 0), row("二", 200), row("三", 100), row("四", 100)]
    html = login(manager).post(URL, form(rows)).content.decode()
    assert "Level 3: the threshold must be higher than the level before it (200)." in html
    assert "Level 4: the threshold must be higher than the level before it (100)." in html
    assert [name for name, *_rest in saved_ladder()] == [name for name, _t in DEFAULT_LADDER]


def test_every_problem_is_reported_at_once(manager: Any, login: Any) -> None:
    rows = [
        row("一", 10),
        row("", -5),
        row("三", 300, daily_post_limit=-1, invite_codes="x", badge="999999"),
    ]
    response = login(manager).post(URL, form(rows))
    assert response.status_code == 400
    alert = response.content.decode().split('data-testid="form-errors"', 1)[1].split("</div>")[0]
    for message in (
        "The first level must start at 0 points.",
        "Level 2 needs a name.",
        "Level 2: the threshold cannot be negative.",
        "Level 3: the daily posting limit cannot be negative.",
        "Level 3: the invite codes per month must be a whole number.",
        "Level 3: there is no such badge.",
    ):
        assert message in alert
    assert len(saved_ladder()) == 6


def test_too_few_levels_are_refused(manager: Any, login: Any) -> None:
    response = login(manager).post(URL, form([row("唯一", 0)]))
    assert response.status_code == 400
    assert "A ladder has between 2 and 20 levels." in response.content.decode()
    assert len(saved_ladder()) == 6


def test_one_badge_cannot_be_exclusive_to_two_levels(manager: Any, login: Any) -> None:
    elder = Badge.objects.get(slug="elder")
    rows = [row("一", 0, badge=elder.pk), row("二", 10, badge=elder.pk)]
    response = login(manager).post(URL, form(rows))
    assert response.status_code == 400
    assert "Level 2: this badge is already the exclusive badge of level 1." in (
        response.content.decode()
    )


def test_htmx_preview_counts_members_and_saves_nothing(
    manager: Any, make_member: Callable[..., Any], login: Any
) -> None:
    for points in (60, 250, 260, 4000):
        give(manager, make_member(), points)
    gone = make_member()
    give(manager, gone, 10)
    gone.is_active = False  # a deactivated account counts nowhere
    gone.save()
    before = saved_ladder()
    balances = list(PointBalance.objects.order_by("pk").values_list("member_id", "level_id"))
    response = login(manager).post(PREVIEW_URL, form(THREE), headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html  # only the panel
    rows = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("</tr>")
    members = [r.split('data-members="', 1)[1].split('"', 1)[0] for r in rows[:3]]
    # Active members: the manager (no points) and four with points; the inactive one is left out.
    # 萌新 holds the manager and the member at 60; 熟人 the one at 250; 达人 260 and 4000.
    assert members == ["2", "1", "2"]
    today = [r.split('data-today="', 1)[1].split('"', 1)[0] for r in rows[:6]]
    assert today == ["1", "1", "2", "0", "0", "1"]  # 新手上路 … 社区元老 under today's ladder
    assert "removed" in rows[3]  # the proposal has no fourth level
    assert sum(map(int, today)) == 5
    assert saved_ladder() == before
    assert list(PointBalance.objects.order_by("pk").values_list("member_id", "level_id")) == (
        balances
    )


def test_preview_of_a_bad_ladder_lists_the_problems(manager: Any, login: Any) -> None:
    response = login(manager).post(PREVIEW_URL, form([row("一", 0), row("二", -1)]))
    assert response.status_code == 200  # htmx swaps the panel, errors included
    assert "Level 2: the threshold cannot be negative." in response.content.decode()
    assert len(saved_ladder()) == 6


def test_preview_without_htmx_redraws_the_page_with_the_panel(manager: Any, login: Any) -> None:
    response = login(manager).post(URL, form(THREE, op="preview"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="preview-table"' in html
    assert 'value="达人"' in html
    assert len(saved_ladder()) == 6


def test_add_and_remove_rows_keep_what_was_typed(manager: Any, login: Any) -> None:
    client = login(manager)
    added = client.post(URL, form(THREE, op="add")).content.decode()
    assert added.count('name="row"') == 4
    assert 'name="name-3" id="name-3" value=""' in added
    assert 'value="熟人"' in added
    removed = client.post(URL, form(THREE, remove="1")).content.decode()
    assert removed.count('name="row"') == 2
    assert 'value="熟人"' not in removed
    assert 'name="name-1" id="name-1" value="达人"' in removed
    assert len(saved_ladder()) == 6


def test_a_full_ladder_cannot_grow(manager: Any, login: Any) -> None:
    rows = [row(f"L{n}", n * 10) for n in range(20)]
    html = login(manager).post(URL, form(rows, op="add")).content.decode()
    assert html.count('name="row"') == 20
    assert 'data-testid="ladder-add" disabled' in html




@pytest.mark.parametrize(("role", "allowed"), list(MANAGES_POINTS.items()))
def test_who_may_edit_the_ladder(
    role: str, allowed: bool, make_staff: Callable[..., Any], login: Any
) -> None:
    client = login(make_staff(role))
    assert client.get(URL).status_code == (200 if allowed else 403)
    assert client.post(PREVIEW_URL, form(THREE)).status_code == (200 if allowed else 403)
    response = client.post(URL, form(THREE))
    assert response.status_code == (302 if allowed else 403)
    assert len(saved_ladder()) == (3 if allowed else 6)


def test_members_and_visitors_cannot_edit_the_ladder(
    make_member: Callable[..., Any], login: Any
) -> None:
    assert login(make_member()).post(URL, form(THREE)).status_code == 403
    assert login(None).post(URL, form(THREE)).status_code == 302
    assert len(saved_ladder()) == 6


def test_the_editor_runs_a_fixed_number_of_queries(
    manager: Any, login: Any, django_assert_max_num_queries: Any
) -> None:
    client = login(manager)
    client.get(URL)
    # 11: the page, plus one for the member's standing (the sanction banner).
    with django_assert_max_num_queries(11):
        assert client.get(URL).status_code == 200
    twenty = [row(f"L{n}", n * 10) for n in range(20)]
    with django_assert_max_num_queries(11):
        assert client.post(URL, form(twenty, op="preview")).status_code == 200


def test_the_page_renders_in_simplified_chinese(manager: Any) -> None:
    from django.test import Client

    client = Client(headers={"accept-language": "zh-hans"})
    client.force_login(manager)
    response = client.get(reverse("cockpit:levels"))
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in response.content.decode()
