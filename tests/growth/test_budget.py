"""Budget advice: the plan's maths, the caps, the flags, the what-if, and determinism.

Three paid channels got ¥1,000 each and brought 100 sign-ups each; a kept 50 members
(¥20 each), b 10 (¥100), c 30 (¥33.3, the median); SEO (free) brought 200 and kept 100.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from hearth.growth.budget import (
    ALPHA,
    GROW,
    KEEP,
    NEW,
    REDUCE,
    ChannelBase,
    budget_advise,
    respond,
)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The messages are asserted in English (Simplified Chinese is the default)."""
    with translation.override("en"):
        yield


CHANNELS = [
    ChannelBase("c", "C", 1000.0, 100.0, 30.0),
    ChannelBase("seo", "搜索引擎", 0.0, 200.0, 100.0),
    ChannelBase("b", "B", 1000.0, 100.0, 10.0),
    ChannelBase("a", "A", 1000.0, 100.0, 50.0),
]


def _planned(advice: object) -> dict[str, float]:
    return {line.base.key: round(line.planned, 2) for line in advice.lines}  # type: ignore[attr-defined]


def test_the_default_plan_moves_money_to_the_cheapest_retained_members() -> None:
    advice = budget_advise(CHANNELS)
    assert advice.total == advice.current_total == 3000
    # unconstrained, a would take 77 %; the ±50 % caps hold a at 1,500 and b at 500
    assert _planned(advice) == {"a": 1500.0, "b": 500.0, "c": 1000.0}
    assert [c.key for c in advice.free] == ["seo"]
    assert advice.median_cost == pytest.approx(1000 / 30)
    expected = 50 * 1.5**ALPHA + 10 * 0.5**ALPHA + 30
    assert advice.plan.retained == pytest.approx(expected)
    assert advice.keep.retained == pytest.approx(90)
    assert advice.gain.retained == pytest.approx(expected - 90)
    assert advice.plan.signups == pytest.approx(100 * (1.5**ALPHA + 0.5**ALPHA + 1))


def test_flags_and_reasoning() -> None:
    lines = {line.base.key: line for line in budget_advise(CHANNELS).lines}
    assert (lines["a"].flag, lines["b"].flag, lines["c"].flag) == (GROW, REDUCE, KEEP)
    assert lines["b"].to_median == pytest.approx(3.0)
    assert lines["b"].reason == (
        "B: ¥100 per retained member, 3.0× the median; 20% of sign-ups but 5% of retained "
        "members → reduce by 50%"
    )
    assert lines["a"].reason.endswith("→ grow by 50%")


def test_what_if_with_a_pin_and_a_smaller_total() -> None:
    advice = budget_advise(CHANNELS, total=2400, pins={"b": 1000})
    # 1,400 left for a and c: c at its floor (500), a takes the rest
    assert _planned(advice) == {"a": 900.0, "b": 1000.0, "c": 500.0}
    assert [line.pinned for line in advice.lines] == [False, True, False]
    plan = 50 * 0.9**ALPHA + 10 + 30 * 0.5**ALPHA
    keep = 90 * 0.8**ALPHA  # the current split (equal thirds) at ¥2,400
    assert advice.plan.retained == pytest.approx(plan)
    assert advice.keep.retained == pytest.approx(keep)
    assert advice.gain.retained == pytest.approx(plan - keep)


def test_totals_beyond_the_caps_drop_the_floors_or_ceilings() -> None:
    # equal past spend: the optimum splits in proportion to retained^(1/(1-α)) = r^2.5
    weights = {"a": 50**2.5, "b": 10**2.5, "c": 30**2.5}
    small = budget_advise(CHANNELS, total=600)  # below every floor (3 × 500): floors dropped
    share = {k: 600 * w / sum(weights.values()) for k, w in weights.items()}
    assert _planned(small) == pytest.approx(share, abs=0.01)
    big = budget_advise(CHANNELS, total=6000)  # above every ceiling (3 × 1,500): ceilings dropped
    planned = _planned(big)
    assert planned["b"] == pytest.approx(500)  # b stays at its floor, it buys the least
    assert planned["a"] / planned["c"] == pytest.approx(weights["a"] / weights["c"], rel=1e-4)
    assert sum(planned.values()) == pytest.approx(6000)
    for advice in (small, big):
        assert advice.plan.retained > advice.keep.retained


def test_bad_what_ifs_are_errors_on_the_total() -> None:
    with pytest.raises(ValidationError) as caught:
        budget_advise(CHANNELS, total=1000, pins={"a": 800, "b": 800})
    assert "pinned amounts" in caught.value.message_dict["total"][0]
    with pytest.raises(ValidationError):
        budget_advise(CHANNELS, total=-1)


def test_same_inputs_same_advice() -> None:
    first = budget_advise(CHANNELS, total=2800)
    again = budget_advise(list(reversed(CHANNELS)), total=2800)
    assert [(x.base.key, x.planned, x.flag, x.reason) for x in first.lines] == [
        (x.base.key, x.planned, x.flag, x.reason) for x in again.lines
    ]
    assert sum(x.planned for x in first.lines) == pytest.approx(2800)


def test_channels_too_new_to_measure_keep_their_spend() -> None:
    channels = [*CHANNELS, ChannelBase("new", "New", 500.0, 20.0, None)]
    lines = {line.base.key: line for line in budget_advise(channels).lines}
    assert lines["new"].flag == NEW
    assert lines["new"].planned == 500.0


def test_the_response_model() -> None:
    assert respond(100, 1000, 2000) == pytest.approx(100 * 2**ALPHA)
    assert respond(100, 1000, 0) == 0.0
