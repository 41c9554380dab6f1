"""Privileges follow the member's level: restricted boards, daily posting limit, images, titles."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from freezegun import freeze_time

from hearth.api.services import api_token_create
from hearth.community import permissions
from hearth.community.models import Reply, Topic
from hearth.community.services import reply_create, topic_create
from hearth.core.privileges import privileges_for, privileges_forget
from hearth.gamification.privileges import member_privileges
from hearth.gamification.services import fairness_policy_set, points_adjust

BODY = "A body long enough to pass the checks of the community services."
LEVEL_POINTS = {1: 0, 2: 50, 3: 200, 4: 500}  # lifetime points reaching each default level

pytestmark = pytest.mark.usefixtures("default_ladder", "default_rules")


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_established(make_member: Callable[..., Any]) -> Callable[..., Any]:
    """A member whose account is 30 days old (past the new-account throttle)."""

    def make(username: str | None = None) -> Any:
        with freeze_time(timezone.now() - dt.timedelta(days=30)):
            return make_member(username)

    return make


@pytest.fixture
def at_level(staff_member: Any) -> Callable[[Any, int], Any]:
    """Raise a member to a default level with a staff adjustment; returns a fresh user object."""

    def lift(member: Any, position: int) -> Any:
        if LEVEL_POINTS[position]:
            points_adjust(
                actor=staff_member, member=member, amount=LEVEL_POINTS[position], reason="test"
            )
        return type(member).objects.get(pk=member.pk)

    return lift


@pytest.fixture
def restricted(make_board: Callable[..., Any]) -> Any:
    return make_board(name="Experts", slug="experts", posting="restricted")


def _api(member: Any) -> Client:
    token = api_token_create(member=member, name="tests").plain
    return Client(headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"})


def _api_post(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(f"/api/v1{path}", json.dumps(body), content_type="application/json")


# The provider -----------------------------------------------------------------------------


def test_a_member_without_points_has_the_first_levels_privileges(
    make_established: Callable[..., Any],
) -> None:
    member = make_established()
    privileges = privileges_for(member)
    assert (privileges.level_position, privileges.level_name) == (1, "新手上路")
    assert privileges.daily_post_limit == 20
    assert not privileges.post_restricted
    assert not privileges.upload_images
    assert not privileges.custom_title


def test_privileges_rise_with_the_level(
    make_established: Callable[..., Any], at_level: Callable[[Any, int], Any]
) -> None:
    member = at_level(make_established(), 3)
    privileges = privileges_for(member)
    assert privileges.level_position == 3
    assert (privileges.post_restricted, privileges.upload_images) == (True, True)
    assert privileges.daily_post_limit == 100
    assert privileges.invite_codes == 1
    assert not privileges.custom_title
    top = at_level(make_established(), 4)
    assert privileges_for(top).daily_post_limit is None
    assert privileges_for(top).custom_title


def test_new_accounts_post_at_most_the_policys_daily_posts(
    make_member: Callable[..., Any], at_level: Callable[[Any, int], Any]
) -> None:
    assert privileges_for(make_member()).daily_post_limit == 10  # min(20, 10)
    unlimited_level = at_level(make_member(), 4)
    assert privileges_for(unlimited_level).daily_post_limit == 10  # min(no limit, 10)


def test_the_throttle_ends_after_the_new_account_period(make_member: Callable[..., Any]) -> None:
    member = make_member()
    with freeze_time(timezone.now() + dt.timedelta(days=2, hours=23)):
        assert member_privileges(member).daily_post_limit == 10
    with freeze_time(timezone.now() + dt.timedelta(days=3, minutes=1)):
        assert member_privileges(member).daily_post_limit == 20


def test_the_throttle_follows_the_policy(
    make_member: Callable[..., Any], staff_member: Any
) -> None:
    fairness_policy_set(
        actor=staff_member,
        new_account_days=0,
        new_account_daily_posts=10,
        new_account_likes_earn=False,
        ring_min_likes=5,
        ring_window_days=30,
    )
    assert member_privileges(make_member()).daily_post_limit == 20


def test_staff_have_every_privilege_and_no_limit(staff_member: Any) -> None:
    privileges = privileges_for(staff_member)
    assert privileges.daily_post_limit is None
    assert privileges.post_restricted
    assert privileges.upload_images
    assert privileges.custom_title


def test_the_provider_runs_one_query_once_the_policy_is_cached(
    make_established: Callable[..., Any],
    at_level: Callable[[Any, int], Any],
    django_assert_num_queries: Any,
) -> None:
    member = at_level(make_established(), 2)
    member.get_all_permissions()  # the staff check reads Django's permission cache
    with django_assert_num_queries(2):  # the level, and the fairness policy into the cache
        assert member_privileges(member).level_position == 2
    newcomer = make_established()
    newcomer.get_all_permissions()
    with django_assert_num_queries(1):  # no balance row: the first level
        assert member_privileges(newcomer).level_position == 1


def test_a_saved_policy_is_seen_at_once(
    make_member: Callable[..., Any], staff_member: Any
) -> None:
    from hearth.gamification.privileges import fairness_policy_get
    from hearth.gamification.services import fairness_policy_set

    assert fairness_policy_get().new_account_daily_posts == 10  # now cached
    fairness_policy_set(
        actor=staff_member,
        new_account_days=3,
        new_account_daily_posts=4,
        new_account_likes_earn=False,
        ring_min_likes=5,
        ring_window_days=30,
    )
    assert fairness_policy_get().new_account_daily_posts == 4
    assert member_privileges(make_member()).daily_post_limit == 4


def test_privileges_are_kept_for_the_request_until_forgotten(
    make_established: Callable[..., Any],
    at_level: Callable[[Any, int], Any],
    django_assert_num_queries: Any,
) -> None:
    member = make_established()
    assert privileges_for(member).level_position == 1
    with django_assert_num_queries(0):
        privileges_for(member)
    at_level(member, 2)
    assert privileges_for(member).level_position == 1
    privileges_forget(member)
    assert privileges_for(member).level_position == 2


# Restricted boards ------------------------------------------------------------------------


def test_restricted_board_matrix(
    make_established: Callable[..., Any],
    at_level: Callable[[Any, int], Any],
    staff_member: Any,
    restricted: Any,
) -> None:
    from django.contrib.auth.models import AnonymousUser

    moderator = make_established("mod")
    restricted.moderators.add(moderator)
    expected = {
        "visitor": (AnonymousUser(), False),
        "level 1": (make_established(), False),
        "level 2": (at_level(make_established(), 2), False),
        "level 3": (at_level(make_established(), 3), True),
        "board moderator": (moderator, True),
        "staff": (staff_member, True),
    }
    for role, (user, may_start) in expected.items():
        assert permissions.can_post_in_board(user, restricted) is may_start, role


def test_replying_in_a_restricted_board_stays_open_to_members(
    make_established: Callable[..., Any], at_level: Callable[[Any, int], Any], restricted: Any
) -> None:
    expert = at_level(make_established(), 3)
    topic = topic_create(author=expert, board=restricted, title="Expert talk", body=BODY)
    newcomer = make_established()
    with pytest.raises(PermissionDenied):
        topic_create(author=newcomer, board=restricted, title="Mine", body=BODY)
    reply = reply_create(author=newcomer, topic=topic, body=BODY)
    assert reply.pk is not None


def test_restricted_board_on_the_page(
    make_established: Callable[..., Any], at_level: Callable[[Any, int], Any], restricted: Any
) -> None:
    form = {"board": restricted.pk, "title": "A title", "body": BODY, "tags": ""}
    newcomer = Client(headers={"accept-language": "en"})
    newcomer.force_login(make_established())
    refused = newcomer.post(reverse("community:topic_new"), form)
    assert refused.status_code == 400
    assert not Topic.objects.filter(board=restricted).exists()
    expert = Client(headers={"accept-language": "en"})
    expert.force_login(at_level(make_established(), 3))
    assert expert.post(reverse("community:topic_new"), form).status_code == 302
    assert Topic.objects.filter(board=restricted).count() == 1


def test_restricted_board_in_the_api(
    make_established: Callable[..., Any], at_level: Callable[[Any, int], Any], restricted: Any
) -> None:
    body = {"board": "experts", "title": "A title", "body": BODY}
    refused = _api_post(_api(make_established()), "/topics", body)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "permission_denied"
    created = _api_post(_api(at_level(make_established(), 3)), "/topics", body)
    assert created.status_code == 201


# The daily posting limit ------------------------------------------------------------------


def _post_n(author: Any, board: Any, n: int) -> Topic:
    topic = topic_create(author=author, board=board, title="Topic 0", body=BODY)
    for i in range(n - 1):
        reply_create(author=author, topic=topic, body=f"{BODY} {i}")
    return topic


def test_topics_and_replies_count_together_against_the_limit(
    make_member: Callable[..., Any], make_board: Callable[..., Any]
) -> None:
    author, board = make_member(), make_board()
    assert permissions.posts_left_today(author) == 10
    topic = _post_n(author, board, 10)
    assert permissions.posts_left_today(author) == 0
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        reply_create(author=author, topic=topic, body=BODY)
    message = " ".join(refused.value.messages)
    assert "10 posts" in message
    assert "level" in message
    with pytest.raises(ValidationError):
        topic_create(author=author, board=board, title="One more", body=BODY)
    assert Reply.objects.filter(author=author).count() == 9
    assert Topic.objects.filter(author=author).count() == 1


def test_the_limit_counts_from_local_midnight(
    settings: Any, make_member: Callable[..., Any], make_board: Callable[..., Any]
) -> None:
    settings.TIME_ZONE = "Asia/Shanghai"
    author, board = make_member(), make_board()
    late = dt.datetime(2026, 11, 25, 15, 30, tzinfo=dt.UTC)  # 23:30 in Shanghai
    with freeze_time(late - dt.timedelta(hours=1)):
        author = type(author).objects.get(pk=author.pk)
        _post_n(author, board, 10)
    with freeze_time(late + dt.timedelta(hours=1)):  # 00:30 the next day, local time
        privileges_forget(author)
        assert permissions.posts_left_today(author) == 10
        topic_create(author=author, board=board, title="A new day", body=BODY)


def test_an_established_member_gets_the_levels_limit(
    make_established: Callable[..., Any], make_board: Callable[..., Any]
) -> None:
    author = make_established()
    assert permissions.posts_left_today(author) == 20
    _post_n(author, make_board(), 11)
    assert permissions.posts_left_today(author) == 9


def test_staff_and_unlimited_levels_have_no_limit(
    staff_member: Any,
    make_established: Callable[..., Any],
    at_level: Callable[[Any, int], Any],
    django_assert_num_queries: Any,
) -> None:
    assert permissions.posts_left_today(staff_member) is None
    member = at_level(make_established(), 4)
    privileges_for(member)
    with django_assert_num_queries(0):  # no counting without a limit
        assert permissions.posts_left_today(member) is None


def test_the_limit_on_the_reply_page_shows_the_message(
    make_member: Callable[..., Any], make_board: Callable[..., Any]
) -> None:
    author = make_member()
    topic = _post_n(author, make_board(), 10)
    client = Client(headers={"accept-language": "en"})
    client.force_login(author)
    response = client.post(reverse("community:reply", args=[topic.pk]), {"body": BODY})
    assert response.status_code == 400
    assert "limit of 10 posts" in response.content.decode().replace("&#x27;", "'")
    assert Reply.objects.filter(topic=topic).count() == 9


def test_the_limit_on_the_new_topic_page_shows_the_message(
    make_member: Callable[..., Any], make_board: Callable[..., Any]
) -> None:
    author, board = make_member(), make_board()
    _post_n(author, board, 10)
    client = Client(headers={"accept-language": "en"})
    client.force_login(author)
    form = {"board": board.pk, "title": "Eleventh", "body": BODY, "tags": ""}
    response = client.post(reverse("community:topic_new"), form)
    assert response.status_code == 400
    assert "limit of 10 posts" in response.content.decode().replace("&#x27;", "'")


def test_the_limit_in_the_api_is_a_422_with_the_message(
    make_member: Callable[..., Any], make_board: Callable[..., Any]
) -> None:
    author, board = make_member(), make_board(slug="open")
    topic = _post_n(author, board, 10)
    api = _api(author)
    reply = _api_post(api, f"/topics/{topic.pk}/replies", {"body": BODY})
    assert reply.status_code == 422
    assert "limit of 10 posts" in reply.json()["error"]["message"]
    new = _api_post(api, "/topics", {"board": "open", "title": "Eleventh", "body": BODY})
    assert new.status_code == 422
    assert Topic.objects.filter(author=author).count() == 1


# Images and titles ------------------------------------------------------------------------


def test_images_and_custom_titles_follow_the_level(
    make_established: Callable[..., Any], at_level: Callable[[Any, int], Any], staff_member: Any
) -> None:
    from django.contrib.auth.models import AnonymousUser

    rows = [
        (AnonymousUser(), False, False),
        (make_established(), False, False),
        (at_level(make_established(), 2), True, False),
        (at_level(make_established(), 4), True, True),
        (staff_member, True, True),
    ]
    for user, images, title in rows:
        assert permissions.can_upload_images(user) is images
        assert permissions.can_set_custom_title(user) is title


# The new-account like throttle ------------------------------------------------------------


def test_a_new_accounts_like_earns_its_receiver_nothing(
    make_member: Callable[..., Any],
    make_established: Callable[..., Any],
    make_board: Callable[..., Any],
    balance: Any,
) -> None:
    from hearth.community.services import like_give

    author = make_established()
    topic = topic_create(author=author, board=make_board(), title="Liked", body=BODY)
    earned = balance(author)
    newcomer = make_member()
    like_give(member=newcomer, target=topic)
    assert balance(author) == earned
    topic.refresh_from_db()
    assert topic.like_count == 1  # the like itself counts
    like_give(member=make_established(), target=topic)
    assert balance(author) == (earned[0] + 1, earned[1] + 1)


def test_the_like_throttle_follows_the_policy(
    make_member: Callable[..., Any],
    make_established: Callable[..., Any],
    make_board: Callable[..., Any],
    staff_member: Any,
    balance: Any,
) -> None:
    from hearth.community.services import like_give

    policy = {
        "new_account_days": 3,
        "new_account_daily_posts": 10,
        "new_account_likes_earn": True,
        "ring_min_likes": 5,
        "ring_window_days": 30,
    }
    fairness_policy_set(actor=staff_member, **policy)
    author = make_established()
    topic = topic_create(author=author, board=make_board(), title="Liked", body=BODY)
    earned = balance(author)
    like_give(member=make_member(), target=topic)
    assert balance(author) == (earned[0] + 1, earned[1] + 1)
    fairness_policy_set(actor=staff_member, **{**policy, "new_account_likes_earn": False})
    with freeze_time(timezone.now() + dt.timedelta(days=4)):  # the newcomer has grown up
        grown = make_member()
    with freeze_time(timezone.now() + dt.timedelta(days=8)):
        like_give(member=grown, target=topic)
    assert balance(author) == (earned[0] + 2, earned[1] + 2)
