"""How each kind of row is mapped, on a small dump written here (including the odd rows)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from hearth.accounts.models import User
from hearth.community.models import AnonymousLike, Board, Bookmark, Like, Reply, Topic
from hearth.gamification.models import Badge, BadgeGrant, BadgeTier
from hearth.imports.models import ImportedObject, ImportKind

from .conftest import run_import, table_counts

UTC = dt.UTC
USERS = [
    {"Id": 1, "DisplayName": "Ann Example", "CreationDate": "2015-01-01T10:00:00.000",
     "Location": "Berlin, Germany"},
    {"Id": 2, "DisplayName": "Bo Ng", "CreationDate": "2015-01-02T11:30:00.250"},
    {"Id": 3, "DisplayName": "Ann Example", "CreationDate": "2015-01-03T09:00:00.000",
     "Location": "San Francisco Bay Area, California, United States"},
    {"Id": 4, "DisplayName": "李雷", "CreationDate": "2015-01-04T09:00:00.000"},
    {"Id": 5, "DisplayName": "!!", "CreationDate": "2015-01-05T09:00:00.000"},
]  # fmt: skip
POSTS = [
    {"Id": 10, "PostTypeId": 1, "CreationDate": "2015-02-01T12:00:00.000", "OwnerUserId": 1,
     "Title": "Which  gears for hills?", "Tags": "|gears|brakes|", "ViewCount": 40,
     "Body": "<p>I ride <strong>hills</strong> a lot.</p><pre><code>1x11</code></pre>"},
    {"Id": 11, "PostTypeId": 2, "ParentId": 10, "CreationDate": "2015-02-02T08:00:00.000",
     "OwnerUserId": 2, "Body": "<p>Lower gears.</p>", "LastEditDate": "2015-02-03T08:00:00.000"},
    {"Id": 12, "PostTypeId": 2, "ParentId": 10, "CreationDate": "2015-02-04T08:00:00.000",
     "OwnerUserId": 999, "Body": "<p>From a user the dump does not have.</p>"},
    {"Id": 13, "PostTypeId": 2, "ParentId": 77, "CreationDate": "2015-02-04T09:00:00.000",
     "OwnerUserId": 2, "Body": "<p>An answer to a question that is not there.</p>"},
    {"Id": 14, "PostTypeId": 1, "CreationDate": "2015-03-01T12:00:00.000",
     "OwnerDisplayName": "user14", "Title": "Brake pads", "Tags": "<brakes>",
     "Body": "<p>Asked by a deleted account.</p>"},
    {"Id": 15, "PostTypeId": 5, "CreationDate": "2015-03-02T12:00:00.000", "Body": "<p>wiki</p>"},
]  # fmt: skip
COMMENTS = [
    {"Id": 100, "PostId": 10, "UserId": 2, "CreationDate": "2015-02-01T13:00:00.000",
     "Text": "Which *hills*?"},
    {"Id": 101, "PostId": 11, "UserId": 1, "CreationDate": "2015-02-02T09:00:00.000",
     "Text": "Thanks!"},
    {"Id": 102, "PostId": 15, "UserId": 1, "CreationDate": "2015-03-03T09:00:00.000",
     "Text": "On the tag wiki."},
    {"Id": 103, "PostId": 10, "UserDisplayName": "gone", "CreationDate": "2015-02-05T09:00:00.000",
     "Text": "From a deleted account."},
]  # fmt: skip
VOTES = [
    {"Id": 1000, "PostId": 10, "VoteTypeId": 2, "UserId": 2, "CreationDate": "2015-02-03T00:00:00.000"},
    {"Id": 1001, "PostId": 10, "VoteTypeId": 2, "UserId": 1, "CreationDate": "2015-02-03T00:00:00.000"},
    {"Id": 1002, "PostId": 11, "VoteTypeId": 2, "UserId": 1, "CreationDate": "2015-02-03T00:00:00.000"},
    {"Id": 1003, "PostId": 11, "VoteTypeId": 2, "CreationDate": "2015-02-05T00:00:00.000"},
    {"Id": 1004, "PostId": 11, "VoteTypeId": 2, "CreationDate": "2015-02-05T00:00:00.000"},
    {"Id": 1005, "PostId": 11, "VoteTypeId": 2, "CreationDate": "2015-02-06T00:00:00.000"},
    {"Id": 1006, "PostId": 10, "VoteTypeId": 3, "CreationDate": "2015-02-06T00:00:00.000"},
    {"Id": 1007, "PostId": 10, "VoteTypeId": 5, "UserId": 2, "CreationDate": "2015-02-07T00:00:00.000"},
    {"Id": 1008, "PostId": 10, "VoteTypeId": 2, "UserId": 2, "CreationDate": "2015-02-08T00:00:00.000"},
    {"Id": 1009, "PostId": 10, "VoteTypeId": 2, "UserId": 4, "CreationDate": "2015-02-01T00:00:00.000"},
    {"Id": 1010, "PostId": 13, "VoteTypeId": 2, "CreationDate": "2015-02-06T00:00:00.000"},
    {"Id": 1011, "PostId": 14, "VoteTypeId": 2, "UserId": 77, "CreationDate": "2015-03-06T00:00:00.000"},
]  # fmt: skip
BADGES = [
    {"Id": 1, "UserId": 1, "Name": "Nice Answer", "Date": "2015-04-01T10:00:00.000", "Class": 3,
     "TagBased": "False"},
    {"Id": 2, "UserId": 1, "Name": "Nice Answer", "Date": "2015-05-01T10:00:00.000", "Class": 3,
     "TagBased": "False"},
    {"Id": 3, "UserId": 2, "Name": "gears", "Date": "2015-06-01T10:00:00.000", "Class": 2,
     "TagBased": "True"},
    {"Id": 4, "UserId": 999, "Name": "Nice Answer", "Date": "2015-06-01T10:00:00.000", "Class": 3,
     "TagBased": "False"},
]  # fmt: skip


@pytest.fixture
def tiny(write_dump: Callable[..., Path]) -> Path:
    return write_dump(users=USERS, posts=POSTS, comments=COMMENTS, votes=VOTES, badges=BADGES)


def obj(kind: str, external_id: int) -> int:
    return ImportedObject.objects.get(
        source="se_tiny", kind=kind, external_id=external_id
    ).object_id


def member(external_id: int) -> User:
    return User.objects.get(pk=obj(ImportKind.MEMBER, external_id))


def test_members(tiny: Path) -> None:
    run_import(tiny)
    assert [member(i).username for i in range(1, 6)] == [
        "Ann-Example", "Bo-Ng", "Ann-Example-2", "李雷", "se-user-5",
    ]  # fmt: skip
    assert member(2).date_joined == dt.datetime(2015, 1, 2, 11, 30, 0, 250_000, tzinfo=UTC)
    assert member(1).city == "Berlin, Germany"
    assert member(3).city == "San Francisco Bay Area"  # the parts that fit in 30 characters
    assert member(3).display_name == "Ann Example"
    assert member(1).utm_campaign == "se_tiny"


def test_questions_become_topics_in_the_board_of_their_first_tag(tiny: Path) -> None:
    run_import(tiny)
    topic = Topic.objects.get(pk=obj(ImportKind.TOPIC, 10))
    assert topic.title == "Which gears for hills?"
    assert topic.body == "I ride **hills** a lot.\n\n```\n1x11\n```"
    assert "<strong>hills</strong>" in topic.body_html
    assert "<pre><code>1x11" in topic.body_html
    assert topic.excerpt.startswith("I ride hills a lot.")
    assert topic.board.name == "gears"
    assert sorted(topic.tags.values_list("name", flat=True)) == ["brakes", "gears"]
    assert topic.view_count == 40
    assert topic.created_at == dt.datetime(2015, 2, 1, 12, tzinfo=UTC)
    assert Topic.objects.get(pk=obj(ImportKind.TOPIC, 14)).board.name == "brakes"
    assert set(Board.objects.values_list("name", flat=True)) == {"gears", "brakes"}


def test_posts_of_unknown_users_go_to_one_inactive_placeholder(tiny: Path) -> None:
    output = run_import(tiny)
    placeholder = User.objects.get(pk=obj(ImportKind.PLACEHOLDER, "deleted"))
    assert not placeholder.is_active
    assert not placeholder.has_usable_password()
    assert Topic.objects.get(pk=obj(ImportKind.TOPIC, 14)).author == placeholder
    assert Reply.objects.get(pk=obj(ImportKind.ANSWER, 12)).author == placeholder
    assert Reply.objects.get(pk=obj(ImportKind.COMMENT, 103)).author == placeholder
    assert placeholder.topic_count == 1
    assert placeholder.reply_count == 2
    assert "Placeholder members: 1 created" in output


def test_answers_and_comments_become_replies(tiny: Path) -> None:
    output = run_import(tiny)
    topic = Topic.objects.get(pk=obj(ImportKind.TOPIC, 10))
    answer = Reply.objects.get(pk=obj(ImportKind.ANSWER, 11))
    assert answer.topic == topic
    assert answer.body == "Lower gears."
    assert answer.edited_at == dt.datetime(2015, 2, 3, 8, tzinfo=UTC)
    on_answer = Reply.objects.get(pk=obj(ImportKind.COMMENT, 101))
    assert (on_answer.topic, on_answer.quote) == (topic, answer)
    on_question = Reply.objects.get(pk=obj(ImportKind.COMMENT, 100))
    assert on_question.quote is None
    assert "<em>hills</em>" in on_question.body_html
    assert "Replies from answers: 2 created, 0 already there, 1 skipped" in output
    assert "Replies from comments: 3 created, 0 already there, 1 skipped" in output
    assert "Other posts (tag wikis …): 0 created, 0 already there, 1 skipped" in output
    topic.refresh_from_db()
    assert topic.reply_count == 5
    assert topic.last_activity_at == dt.datetime(2015, 2, 5, 9, tzinfo=UTC)


def test_votes(tiny: Path) -> None:
    output = run_import(tiny)
    topic = Topic.objects.get(pk=obj(ImportKind.TOPIC, 10))
    answer = Reply.objects.get(pk=obj(ImportKind.ANSWER, 11))
    likes = {(like.member_id, like.topic_id, like.reply_id): like for like in Like.objects.all()}
    assert set(likes) == {
        (member(2).pk, topic.pk, None),  # 1000; 1008 is the same member again
        (member(1).pk, None, answer.pk),  # 1002; 1001 was the author's own
        (member(4).pk, topic.pk, None),  # 1009
    }
    assert likes[member(2).pk, topic.pk, None].created_at == dt.datetime(2015, 2, 3, tzinfo=UTC)
    # Dated the day before the question: the like waits for its post.
    assert likes[member(4).pk, topic.pk, None].created_at == topic.created_at
    anonymous = {(a.reply_id, a.topic_id, a.day): a.count for a in AnonymousLike.objects.all()}
    assert anonymous == {
        (answer.pk, None, dt.date(2015, 2, 5)): 2,
        (answer.pk, None, dt.date(2015, 2, 6)): 1,
        (None, obj(ImportKind.TOPIC, 14), dt.date(2015, 3, 6)): 1,  # a voter the dump lacks
    }
    bookmark = Bookmark.objects.get()
    assert (bookmark.member, bookmark.topic) == (member(2), topic)
    assert bookmark.created_at == dt.datetime(2015, 2, 7, tzinfo=UTC)
    assert "Likes: 3 created, 0 already there, 2 skipped" in output
    assert "Anonymous likes: 4 created, 0 already there, 1 skipped" in output
    topic.refresh_from_db()
    answer.refresh_from_db()
    assert (topic.like_count, answer.like_count) == (2, 1)
    assert member(1).likes_received == 2
    assert member(2).likes_received == 1


def test_badges(tiny: Path) -> None:
    output = run_import(tiny)
    nice = Badge.objects.get(slug="se-nice-answer")
    assert (nice.name, nice.tier, nice.multiple) == ("Nice Answer", BadgeTier.BRONZE, True)
    dates = sorted(nice.grants.filter(member=member(1)).values_list("granted_at", flat=True))
    assert dates == [
        dt.datetime(2015, 4, 1, 10, tzinfo=UTC),
        dt.datetime(2015, 5, 1, 10, tzinfo=UTC),
    ]
    gears = Badge.objects.get(slug="se-tag-gears-silver")
    assert gears.tier == BadgeTier.SILVER
    assert BadgeGrant.objects.get(badge=gears).member == member(2)
    assert "Badges granted: 3 created, 0 already there, 1 skipped" in output


def test_a_second_run_adds_nothing_and_a_grown_dump_adds_the_rest(
    tiny: Path, write_dump: Callable[..., Path]
) -> None:
    run_import(tiny)
    again = run_import(tiny)
    assert "Likes: 0 created, 3 already there, 2 skipped" in again
    assert "Anonymous likes: 0 created, 4 already there, 1 skipped" in again
    more = [
        *VOTES,
        {"Id": 1012, "PostId": 11, "VoteTypeId": 2, "CreationDate": "2015-02-05T00:00:00.000"},
    ]
    grown = write_dump(
        "grown", users=USERS, posts=POSTS, comments=COMMENTS, votes=more, badges=BADGES
    )
    output = run_import(grown, "--source", "se_tiny")
    assert "Anonymous likes: 1 created, 4 already there, 1 skipped" in output
    answer = obj(ImportKind.ANSWER, 11)
    assert AnonymousLike.objects.get(reply_id=answer, day=dt.date(2015, 2, 5)).count == 3
    assert Topic.objects.count() == 2


def test_content_deleted_since_is_not_brought_back(tiny: Path) -> None:
    run_import(tiny)
    Topic.objects.filter(pk=obj(ImportKind.TOPIC, 10)).delete()  # with its replies and likes
    User.objects.filter(pk=obj(ImportKind.MEMBER, 2)).delete()
    User.objects.filter(pk=obj(ImportKind.PLACEHOLDER, "deleted")).delete()
    before = table_counts()
    output = run_import(tiny)
    assert table_counts() == before
    assert "Topics: 0 created, 2 already there" in output
    assert "Likes: 0 created, 3 already there" in output
