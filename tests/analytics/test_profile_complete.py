"""The profile-completed action: recorded once per member, live and by the backfill."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hearth.accounts.models import User
from hearth.accounts.services import profile_update
from hearth.analytics.backfill import activity_backfill
from hearth.analytics.definitions import ACTION_BITS, DEFAULT_ACTIVE
from hearth.analytics.models import Activity


def completed(member: User) -> list[Activity]:
    return list(Activity.objects.filter(action="profile_complete", member_id=member.pk))


def test_recorded_when_the_profile_is_first_complete(
    make_member: Callable[..., User], django_capture_on_commit_callbacks: Any
) -> None:
    member = make_member()
    User.objects.filter(pk=member.pk).update(avatar="avatars/a.png")
    member.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        profile_update(member=member, display_name="小林", bio="爱读书")
    assert completed(member) == []  # no region yet
    with django_capture_on_commit_callbacks(execute=True):
        profile_update(member=member, province="浙江")
    with django_capture_on_commit_callbacks(execute=True):
        profile_update(member=member, bio="爱读书，也爱跑步")
    rows = completed(member)
    assert len(rows) == 1  # later edits add nothing
    assert rows[0].region == "浙江"


def test_the_backfill_adds_complete_profiles_written_in_bulk(db: None) -> None:
    done = User.objects.create(
        username="done", display_name="阿明", bio="你好", province="广东", avatar="avatars/x.png"
    )
    User.objects.create(username="half", display_name="半", bio="", province="广东")
    User.objects.create(username="gone", display_name="走", bio="b", province="p", avatar="a.png",
                        is_active=False)  # fmt: skip
    first = activity_backfill()
    assert first.added["profile_complete"] == 1
    (row,) = completed(done)
    assert row.occurred_at == done.date_joined  # bulk rows carry no completion time
    assert activity_backfill().added["profile_complete"] == 0


def test_its_bit_is_appended_and_it_counts_as_active() -> None:
    assert ACTION_BITS["sign_up"] == 1 << 9  # the bits before it are unchanged
    assert ACTION_BITS["event_join"] == 1 << 10
    assert ACTION_BITS["profile_complete"] == 1 << 11
    assert "profile_complete" in DEFAULT_ACTIVE
