"""The demo's attribution agrees with the members' channels, and referrals have their inviter."""

from __future__ import annotations

from collections import defaultdict

import pytest

from hearth.accounts.models import InviteCode, User
from hearth.growth.models import MemberAttribution, Touch
from tests.demo.conftest import DemoWorld, demo_world  # noqa: F401  (the module's demo)

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]  # one build a module


def test_every_member_has_touches_whose_first_is_their_channel(demo_world: DemoWorld) -> None:  # noqa: F811
    members = dict(User.objects.exclude(channel="").values_list("pk", "channel"))
    joined = dict(User.objects.exclude(channel="").values_list("pk", "date_joined"))
    rows = list(
        Touch.objects.order_by("member_id", "position").values_list(
            "member_id", "position", "channel", "credit", "occurred_at"
        )
    )
    by_member: dict[int, list[tuple[int, str, float]]] = defaultdict(list)
    for member_id, position, channel, credit, at in rows:
        by_member[member_id].append((position, channel, credit))
        assert at <= joined[member_id]
    assert set(by_member) == set(members)
    for member_id, touches in by_member.items():
        assert [p for p, _c, _s in touches] == list(range(len(touches)))
        assert touches[0][1] == members[member_id]
        assert sum(s for _p, _c, s in touches) == pytest.approx(1.0)
    attributions = {a.member_id: a for a in MemberAttribution.objects.all()}
    assert set(attributions) == set(members)
    for member_id, touches in by_member.items():
        row = attributions[member_id]
        assert (row.first_channel, row.last_channel, row.touch_count) == (
            touches[0][1],
            touches[-1][1],
            len(touches),
        )


def test_a_quarter_of_members_landed_again_from_another_channel(demo_world: DemoWorld) -> None:  # noqa: F811
    total = MemberAttribution.objects.count()
    several = MemberAttribution.objects.filter(touch_count__gt=1)
    assert 0.18 < several.count() / total < 0.32
    assert not several.filter(first_channel="referral").exists()
    differ = sum(1 for a in several if a.first_channel != a.last_channel)
    assert differ == several.count()


def test_referred_members_used_a_code_of_an_earlier_member(demo_world: DemoWorld) -> None:  # noqa: F811
    referred = User.objects.filter(channel="referral")
    earliest = User.objects.exclude(channel="").order_by("date_joined", "pk").first()
    assert referred.count() > 100
    for member in referred:
        invite = InviteCode.objects.select_related("owner").filter(used_by=member).first()
        if invite is None:  # only the very first member can have had no one to invite them
            assert member == earliest
            continue
        assert invite.code == member.invite_code
        assert invite.owner.date_joined <= member.date_joined
        assert invite.expires_at is not None
        assert invite.used_at is not None
        assert invite.expires_at > invite.used_at
        assert MemberAttribution.objects.get(member=member).invited_by_id == invite.owner_id
