"""Strategy writes and reads: aims in order, content targets, competitor figures and charts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from hearth.analytics.queries.content import ContentMixResult, MixRow
from hearth.goals.models import CompetitorFigure, ContentMixTarget, StrategyAim
from hearth.goals.strategy.selectors import competitor_charts, mix_lines, our_figures
from hearth.goals.strategy.services import (
    FigureInput,
    aim_delete,
    aim_move,
    aim_save,
    competitor_add,
    competitor_figure_record,
    mix_target_set,
)

TODAY = dt.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def titles() -> list[str]:
    return list(StrategyAim.objects.values_list("title", flat=True))


def test_aims_are_added_last_and_move_up_and_down(db: None) -> None:
    first = aim_save(aim=None, title="Best-known community of the industry")
    second = aim_save(aim=None, title="100k members")
    third = aim_save(aim=None, title="Self-sustaining Q&A")
    assert titles() == [first.title, second.title, third.title]
    aim_move(aim=third, step=-1)
    assert titles() == [first.title, third.title, second.title]
    aim_move(aim=first, step=-1)  # already first: stays
    assert titles()[0] == first.title
    aim_move(aim=first, step=1)
    assert titles() == [third.title, first.title, second.title]
    aim_delete(aim=first)
    assert titles() == [third.title, second.title]
    with pytest.raises(ValidationError) as caught:
        aim_save(aim=second, title=" ")
    assert caught.value.message_dict == {"title": ["Name the aim."]}


def test_a_content_target_is_a_share_between_0_and_1(make_board: Callable[..., Any]) -> None:
    board = make_board()
    mix_target_set(board=board, ugc_share=0.7, note="mostly members")
    assert ContentMixTarget.objects.get(board=board).ugc_share == 0.7
    with pytest.raises(ValidationError) as caught:
        mix_target_set(board=board, ugc_share=1.2)
    assert "ugc_share" in caught.value.message_dict
    mix_target_set(board=board, ugc_share=None)
    assert not ContentMixTarget.objects.filter(board=board).exists()


def test_mix_lines_put_the_actual_share_against_the_target(
    make_board: Callable[..., Any],
) -> None:
    a, b, c = make_board(), make_board(), make_board()
    mix_target_set(board=a, ugc_share=0.8)
    mix_target_set(board=b, ugc_share=0.5)
    mix = ContentMixResult(
        total=MixRow(None, 9, 3, 0, 0),
        boards=[MixRow(a.pk, 6, 2, 0, 0), MixRow(b.pk, 3, 1, 0, 0)],
    )
    lines = {line.board_id: line for line in mix_lines(mix, boards=[a, b, c])}
    assert (lines[a.pk].actual, lines[a.pk].gap, lines[a.pk].off) == (0.75, -0.05, False)
    assert (lines[b.pk].actual, lines[b.pk].gap, lines[b.pk].off) == (0.75, 0.25, True)
    assert (lines[c.pk].actual, lines[c.pk].target, lines[c.pk].gap) == (None, None, None)
    assert lines[b.pk].target_percent == 50.0


def test_competitor_names_are_unique(db: None) -> None:
    competitor_add(name="Rival")
    with pytest.raises(ValidationError) as caught:
        competitor_add(name=" rival ")
    assert caught.value.message_dict == {"name": ["There is already a competitor named rival."]}


def test_figures_refuse_negatives_future_days_and_repeats(staff_member: Any) -> None:
    rival = competitor_add(name="Rival")
    day = TODAY - dt.timedelta(days=1)

    def record(data: FigureInput) -> dict[str, list[str]]:
        with pytest.raises(ValidationError) as caught:
            competitor_figure_record(actor=staff_member, competitor=rival, data=data, today=TODAY)
        return caught.value.message_dict

    assert record(FigureInput(day=day, members=-5, posts=10)) == {
        "members": ["A count cannot be negative."]
    }
    assert record(FigureInput(day=TODAY + dt.timedelta(days=1), members=5)) == {
        "day": ["The day 2026-03-11 is in the future."]
    }
    assert record(FigureInput(day=day)) == {
        "members": ["Give at least one figure: members, posts or followers."]
    }
    saved = competitor_figure_record(
        actor=staff_member,
        competitor=rival,
        data=FigureInput(day=day, members=1000, followers=30, source=" site "),
        today=TODAY,
    )
    assert (saved.members, saved.posts, saved.source) == (1000, None, "site")
    assert record(FigureInput(day=day, posts=3)) == {
        "day": ["Figures for Rival on 2026-03-09 are already recorded."]
    }
    assert CompetitorFigure.objects.count() == 1


def test_our_figures_count_members_and_posts_as_of_each_day(
    make_member: Callable[..., Any], make_board: Callable[..., Any], no_posting_limit: None
) -> None:
    from hearth.community.services import topic_create

    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    before = our_figures([yesterday, today])
    author = make_member()  # a member and a topic today
    topic_create(author=author, board=make_board(), title="一个话题", body="正文内容")
    after = our_figures([yesterday, today])
    assert after["members"][0] == before["members"][0]
    assert after["posts"][0] == before["posts"][0]
    assert after["members"][1] >= before["members"][1] + 1
    assert after["posts"][1] == before["posts"][1] + 1


def test_charts_put_each_competitor_beside_our_community(staff_member: Any) -> None:
    a, b = competitor_add(name="A"), competitor_add(name="B")
    d1, d2 = TODAY - dt.timedelta(days=20), TODAY - dt.timedelta(days=10)
    for competitor, day, members, followers in (
        (a, d1, 100, None),
        (a, d2, 150, 9),
        (b, d2, 80, None),
    ):
        competitor_figure_record(
            actor=staff_member,
            competitor=competitor,
            data=FigureInput(day=day, members=members, followers=followers),
            today=TODAY,
        )
    charts = {chart["key"]: chart for chart in competitor_charts([a, b])}
    assert set(charts) == {"members", "followers"}  # nobody recorded posts
    members = charts["members"]
    assert members["x"] == [d1.isoformat(), d2.isoformat()]
    series = members["series"]
    assert isinstance(series, list)
    assert [s["name"] for s in series] == ["A", "B", "Our community"]
    assert series[0]["data"] == [100, 150]
    assert series[1]["data"] == [None, 80]
    followers = charts["followers"]["series"]
    assert isinstance(followers, list)
    assert [s["name"] for s in followers] == ["A"]  # no figure of our own for followers
