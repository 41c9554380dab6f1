"""Levels: the ladder, members' levels following lifetime points, promotions and the editor."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from hearth.accounts.models import User
from hearth.core.events import recording
from hearth.gamification.defaults import DEFAULT_LADDER
from hearth.gamification.events import LevelChanged
from hearth.gamification.ladder import LevelDraft
from hearth.gamification.models import Badge, Level, PointBalance
from hearth.gamification.selectors import (
    ladder_preview,
    ladder_preview_compare,
    level_list,
    levels_for_members,
)
from hearth.gamification.services import ladder_set, points_adjust, points_award, points_reverse
from hearth.notifications.models import Notification, Verb

pytestmark = pytest.mark.usefixtures("default_ladder")


def ladder() -> list[tuple[str, int]]:
    return [(level.name, level.threshold) for level in level_list()]


def level_of(member: Any) -> str:
    return levels_for_members([member.pk])[member.pk]


def give(member: Any, source: str) -> None:
    points_award(member=member, action="topic_created", source_key=source)


def promotions(member: Any) -> list[str]:
    return list(
        Notification.objects.filter(recipient=member, verb=Verb.SYSTEM).values_list(
            "text", flat=True
        )
    )


def test_the_migration_installs_the_issues_default_ladder() -> None:
    migration = importlib.import_module("hearth.gamification.migrations.0003_levels")
    assert migration.DEFAULT_LADDER == DEFAULT_LADDER
    assert ladder() == [
        ("新手上路", 0),
        ("初级会员", 50),
        ("中级会员", 200),
        ("高级会员", 500),
        ("金牌会员", 1000),
        ("社区元老", 3000),
    ]


def test_a_member_without_points_sits_on_the_first_level(make_member: Any) -> None:
    member = make_member()
    assert level_of(member) == "新手上路"
    assert levels_for_members([]) == {}


def test_level_follows_lifetime_points_up_and_down(make_member: Any, rule: Any) -> None:
    """Points decide the level, so a reversal that takes points away can also demote."""
    member = make_member()
    rule("topic_created", points=100)
    give(member, "s1")
    assert level_of(member) == "初级会员"
    give(member, "s2")
    assert level_of(member) == "中级会员"
    points_reverse(source_key="s2")
    assert level_of(member) == "初级会员"
    points_reverse(source_key="s1")
    assert level_of(member) == "新手上路"
    balance = PointBalance.objects.select_related("level").get(member=member)
    assert (balance.lifetime, balance.level and balance.level.position) == (0, 1)


def test_staff_adjustments_move_the_level_too(make_member: Any, staff_member: Any) -> None:
    member = make_member()
    points_adjust(actor=staff_member, member=member, amount=3000, reason="社区元老")
    assert level_of(member) == "社区元老"
    points_adjust(actor=staff_member, member=member, amount=-2999, reason="纠正")
    assert level_of(member) == "新手上路"


def test_promotion_is_announced_once_per_crossing(make_member: Any, rule: Any) -> None:
    member = make_member()
    rule("topic_created", points=30)
    with recording() as events:
        give(member, "s1")  # 30: the first level is no promotion
        assert promotions(member) == []
        give(member, "s2")  # 60: 初级会员
        give(member, "s3")  # 90: still 初级会员
    [text] = promotions(member)
    assert "初级会员" in text
    changes = [e for e in events if isinstance(e, LevelChanged)]
    assert [(e.old, e.new, e.level_name, e.promoted) for e in changes] == [(1, 2, "初级会员", True)]


def test_a_demotion_is_published_but_not_announced(make_member: Any, rule: Any) -> None:
    member = make_member()
    rule("topic_created", points=60)
    give(member, "s1")
    with recording() as events:
        points_reverse(source_key="s1")
    [change] = [e for e in events if isinstance(e, LevelChanged)]
    assert (change.old, change.new, change.promoted) == (2, 1, False)
    assert len(promotions(member)) == 1  # only the earlier promotion


def test_one_award_can_jump_several_levels(make_member: Any, rule: Any) -> None:
    member = make_member()
    rule("topic_created", points=600)
    give(member, "s1")
    assert level_of(member) == "高级会员"
    [text] = promotions(member)
    assert "高级会员" in text


BAD_LADDERS = [
    ([("A", 0), ("B", -5)], "threshold"),
    ([("A", 0), ("B", 100), ("C", 100)], "threshold"),
    ([("A", 0), ("B", 100), ("C", 50)], "threshold"),
    ([("A", 10), ("B", 100)], "threshold"),
    ([("A", 0), ("", 100)], "name"),
    ([("A", 0), ("A", 100)], "name"),
    ([("A", 0)], "levels"),
    ([(f"L{n}", n) for n in range(21)], "levels"),
]


@pytest.mark.parametrize(("levels", "field"), BAD_LADDERS)
def test_a_bad_ladder_is_refused_and_nothing_is_saved(
    levels: list[tuple[str, int]], field: str, make_member: Any, staff_member: Any
) -> None:
    member = make_member()
    points_adjust(actor=staff_member, member=member, amount=60, reason="setup")
    with pytest.raises(ValidationError) as error:
        ladder_set(actor=staff_member, levels=levels)
    assert field in error.value.message_dict
    assert all(message for message in error.value.message_dict[field])
    assert ladder() == DEFAULT_LADDER
    assert level_of(member) == "初级会员"
    with pytest.raises(ValidationError):
        ladder_preview(levels=levels)


def test_only_staff_with_the_permission_edit_the_ladder(make_member: Any) -> None:
    with pytest.raises(PermissionDenied):
        ladder_set(actor=make_member(), levels=[("A", 0), ("B", 10)])
    assert ladder() == DEFAULT_LADDER


def test_a_new_ladder_moves_every_member_with_one_update_per_level(
    make_member: Any, staff_member: Any
) -> None:
    members = [make_member() for _ in range(4)]
    for member, points in zip(members, [10, 60, 250, 4000], strict=True):
        points_adjust(actor=staff_member, member=member, amount=points, reason="setup")
    new = [("萌新", 0), ("熟人", 100), ("达人", 200)]
    with CaptureQueriesContext(connection) as queries:
        ladder_set(actor=staff_member, levels=new)
    balance_updates = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("UPDATE") and "pointbalance" in q["sql"]
    ]
    assert 1 <= len(balance_updates) <= len(new)
    assert ladder() == new
    assert Level.objects.count() == 3  # the three higher levels were removed
    levels = levels_for_members([m.pk for m in members])
    assert [levels[m.pk] for m in members] == ["萌新", "萌新", "达人", "达人"]
    assert levels_for_members([staff_member.pk]) == {staff_member.pk: "萌新"}
    assert len(promotions(members[3])) == 1  # the adjustment's; a recompute announces nothing


def test_a_longer_ladder_adds_levels_and_later_awards_follow_it(
    make_member: Any, staff_member: Any, rule: Any
) -> None:
    member = make_member()
    rule("topic_created", points=25)
    give(member, "s1")
    ladder_set(actor=staff_member, levels=[*DEFAULT_LADDER, ("传奇", 10000)])
    ladder_set(actor=staff_member, levels=[("一", 0), ("二", 20), ("三", 40)])
    assert level_of(member) == "二"
    give(member, "s2")
    assert level_of(member) == "三"


def test_preview_counts_members_per_level_in_one_query_without_saving(
    make_member: Any, staff_member: Any, django_assert_num_queries: Any
) -> None:
    for points in (60, 250, 260, 4000):
        points_adjust(actor=staff_member, member=make_member(), amount=points, reason="setup")
    make_member(is_active=False)
    active = User.objects.filter(is_active=True).count()
    proposed = [("萌新", 0), ("熟人", 100), ("达人", 255)]
    with django_assert_num_queries(1):
        preview = ladder_preview(levels=proposed)
    assert [(row.name, row.threshold) for row in preview] == proposed
    assert [row.members for row in preview] == [active - 3, 1, 2]
    assert ladder() == DEFAULT_LADDER


def test_the_default_privileges_match_migration_0005() -> None:
    from hearth.gamification.defaults import DEFAULT_PRIVILEGES

    migration = importlib.import_module(
        "hearth.gamification.migrations.0005_default_badges_privileges"
    )
    assert migration.DEFAULT_PRIVILEGES == DEFAULT_PRIVILEGES


def test_the_default_badges_match_migration_0005_and_come_back(db: None) -> None:
    from hearth.gamification.defaults import DEFAULT_BADGES, badges_restore_defaults

    migration = importlib.import_module(
        "hearth.gamification.migrations.0005_default_badges_privileges"
    )
    assert migration.DEFAULT_BADGES == DEFAULT_BADGES
    Badge.objects.filter(slug="elder").delete()
    Badge.objects.filter(slug="first-topic").update(name="第一帖")
    badges_restore_defaults()
    assert Badge.objects.get(slug="elder").name == "社区元老"
    assert Badge.objects.get(slug="first-topic").name == "第一帖"  # an operator's edit stays
    assert Badge.objects.count() == len(DEFAULT_BADGES)


def test_a_ladder_saves_each_levels_privileges(staff_member: Any) -> None:
    badge = Badge.objects.get(slug="elder")
    ladder_set(
        actor=staff_member,
        levels=[
            LevelDraft(name="萌新", threshold=0, daily_post_limit=5),
            LevelDraft(
                name="元老",
                threshold=100,
                post_restricted=True,
                upload_images=True,
                custom_title=True,
                invite_codes=4,
                badge_id=badge.pk,
                event_early_hours=48,
            ),
        ],
    )
    saved = list(
        level_list().values_list(
            "name",
            "post_restricted",
            "upload_images",
            "daily_post_limit",
            "custom_title",
            "invite_codes",
            "badge_id",
            "event_early_hours",
        )
    )
    assert saved == [
        ("萌新", False, False, 5, False, 0, None, 0),
        ("元老", True, True, None, True, 4, badge.pk, 48),
    ]
    ladder_set(actor=staff_member, levels=[("一", 0), ("二", 10)])  # tuples: no privileges
    assert list(level_list().values_list("upload_images", "badge_id", "invite_codes")) == [
        (False, None, 0),
        (False, None, 0),
    ]


BAD_PRIVILEGES = [
    (
        {"daily_post_limit": -1},
        "daily_post_limit",
        "Level 2: the daily posting limit cannot be negative.",
    ),
    (
        {"daily_post_limit": 10**6},
        "daily_post_limit",
        "Level 2: the daily posting limit can be at most 10000.",
    ),
    (
        {"invite_codes": -2},
        "invite_codes",
        "Level 2: the invite codes per month cannot be negative.",
    ),
    (
        {"event_early_hours": 10**4},
        "event_early_hours",
        "Level 2: the early registration hours can be at most 720.",
    ),
    ({"badge_id": 10**8}, "badge", "Level 2: there is no such badge."),
    (
        {"threshold": 10**10},
        "threshold",
        "Level 2: the threshold can be at most 1000000000 points.",
    ),
]


@pytest.mark.parametrize(("change", "field", "message"), BAD_PRIVILEGES)
def test_bad_privileges_are_refused_with_their_level_and_nothing_is_saved(
    change: dict[str, Any], field: str, message: str, staff_member: Any
) -> None:
    before = list(level_list().values_list("name", "threshold", "daily_post_limit", "badge_id"))
    levels = [
        LevelDraft(name="一", threshold=0),
        LevelDraft(**{"name": "二", "threshold": 10, **change}),
    ]
    with translation.override("en"), pytest.raises(ValidationError) as error:
        ladder_set(actor=staff_member, levels=levels)
    assert error.value.message_dict[field] == [message]
    [problem] = error.value.error_dict[field]
    assert problem.params is not None
    assert problem.params["row"] == 2
    assert (
        list(level_list().values_list("name", "threshold", "daily_post_limit", "badge_id"))
        == before
    )


def test_a_name_with_a_percent_sign_is_reported_as_typed(staff_member: Any) -> None:
    with translation.override("en"), pytest.raises(ValidationError) as error:
        ladder_set(actor=staff_member, levels=[("100%达人", 0), ("100%达人", 10)])
    assert error.value.message_dict["name"] == ["Level 2: the name “100%达人” is used twice."]


def test_preview_beside_today_takes_two_queries(
    make_member: Any, staff_member: Any, django_assert_num_queries: Any
) -> None:
    points_adjust(actor=staff_member, member=make_member(), amount=250, reason="setup")
    with django_assert_num_queries(2):
        rows = ladder_preview_compare(levels=[("一", 0), ("二", 100)])
    assert [(r.position, r.name, r.members, r.today_name, r.today_members) for r in rows] == [
        (1, "一", 1, "新手上路", 1),
        (2, "二", 1, "初级会员", 0),
        (3, "", 0, "中级会员", 1),
        (4, "", 0, "高级会员", 0),
        (5, "", 0, "金牌会员", 0),
        (6, "", 0, "社区元老", 0),
    ]
    assert [r.change for r in rows[:3]] == [0, 1, -1]
