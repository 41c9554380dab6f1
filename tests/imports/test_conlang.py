"""Importing the conlang meta dump: counts, dates and counters match the XML, twice over."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.db.models import Count, Max, Q, Sum
from django.test import Client
from django.urls import reverse

from hearth.accounts.models import User
from hearth.accounts.services import USERNAME_RE
from hearth.community.models import AnonymousLike, Board, Bookmark, Like, Reply, Status, Topic
from hearth.gamification.models import Badge, BadgeCriterion, BadgeGrant, PointBalance, PointEntry
from hearth.imports.models import ImportedObject, ImportKind

from .conftest import run_import, table_counts, xml_rows

pytestmark = pytest.mark.shared_data
SOURCE = "se_conlang_meta_full"


def moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def mapped(kind: str) -> dict[int, int]:
    rows = ImportedObject.objects.filter(source=SOURCE, kind=kind)
    return {int(e): o for e, o in rows.values_list("external_id", "object_id")}


class Dump:
    """What the XML says, computed here without the importer."""

    def __init__(self, folder: Path) -> None:
        self.users = {int(r["Id"]): r for r in xml_rows(folder / "Users.xml")}
        posts = list(xml_rows(folder / "Posts.xml"))
        self.questions = {int(r["Id"]): r for r in posts if r["PostTypeId"] == "1"}
        self.answers = {
            int(r["Id"]): r
            for r in posts
            if r["PostTypeId"] == "2" and int(r["ParentId"]) in self.questions
        }
        posts_in = self.questions.keys() | self.answers.keys()
        self.comments = {
            int(r["Id"]): r
            for r in xml_rows(folder / "Comments.xml")
            if int(r["PostId"]) in posts_in
        }
        votes = [r for r in xml_rows(folder / "Votes.xml") if int(r["PostId"]) in posts_in]
        up = [r for r in votes if r["VoteTypeId"] == "2"]
        self.upvotes_with_users = [r for r in up if int(r.get("UserId", "0")) in self.users]
        self.anonymous_upvotes = [r for r in up if "UserId" not in r]
        self.favourites = [
            r
            for r in votes
            if r["VoteTypeId"] == "5" and int(r["PostId"]) in self.questions and "UserId" in r
        ]
        self.badges = [r for r in xml_rows(folder / "Badges.xml") if int(r["UserId"]) in self.users]


@pytest.fixture
def dump(conlang: Path) -> Dump:
    return Dump(conlang)


@pytest.fixture
def imported(conlang: Path) -> str:
    return run_import(conlang)


def test_counts_match_the_dump(imported: str, dump: Dump) -> None:
    assert User.objects.filter(channel="import", is_active=True).count() == len(dump.users)
    assert Topic.objects.count() == len(dump.questions) == 54
    assert Reply.objects.filter(quote__isnull=True).count() + Reply.objects.filter(
        quote__isnull=False
    ).count() == len(dump.answers) + len(dump.comments)
    assert len(mapped(ImportKind.ANSWER)) == len(dump.answers) == 115
    assert len(mapped(ImportKind.COMMENT)) == len(dump.comments) == 230
    assert Like.objects.count() == len(dump.upvotes_with_users)  # the dump names no up-voters
    assert AnonymousLike.objects.aggregate(n=Sum("count"))["n"] == len(dump.anonymous_upvotes)
    assert Bookmark.objects.count() == len(dump.favourites) == 10
    imported_grants = BadgeGrant.objects.filter(source_key__startswith=f"se:{SOURCE}:")
    assert imported_grants.count() == len(dump.badges) == 612
    assert f"{len(dump.users)} created" in imported


def test_original_timestamps_are_kept(imported: str, dump: Dump) -> None:
    members = mapped(ImportKind.MEMBER)
    joined = dict(User.objects.values_list("pk", "date_joined"))
    assert {members[i]: moment(r["CreationDate"]) for i, r in dump.users.items()} == {
        pk: joined[pk] for pk in members.values()
    }
    topics = mapped(ImportKind.TOPIC)
    created = dict(Topic.objects.values_list("pk", "created_at"))
    assert all(created[topics[i]] == moment(r["CreationDate"]) for i, r in dump.questions.items())
    replies = dict(Reply.objects.values_list("pk", "created_at"))
    answers, comments = mapped(ImportKind.ANSWER), mapped(ImportKind.COMMENT)
    assert all(replies[answers[i]] == moment(r["CreationDate"]) for i, r in dump.answers.items())
    assert all(replies[comments[i]] == moment(r["CreationDate"]) for i, r in dump.comments.items())
    grants = dict(BadgeGrant.objects.values_list("source_key", "granted_at"))
    assert all(grants[f"se:{SOURCE}:{r['Id']}"] == moment(r["Date"]) for r in dump.badges)
    days = Counter(moment(r["CreationDate"]).date() for r in dump.anonymous_upvotes)
    stored = AnonymousLike.objects.values("day").annotate(n=Sum("count"))
    assert {row["day"]: row["n"] for row in stored} == dict(days)
    assert min(joined.values()).year == 2018


def expected_topic_counters() -> dict[int, tuple[int, int, dt.datetime]]:
    published = Q(replies__status=Status.PUBLISHED)
    rows = Topic.objects.annotate(
        n_replies=Count("replies", filter=published, distinct=True),
        n_likes=Count("likes", distinct=True),
        last=Max("replies__created_at", filter=published),
    )
    return {t.pk: (t.n_replies, t.n_likes, max(t.created_at, t.last or t.created_at)) for t in rows}


def test_counters_are_right_after_the_import(imported: str) -> None:
    stored = {t.pk: (t.reply_count, t.like_count, t.last_activity_at) for t in Topic.objects.all()}
    assert stored == expected_topic_counters()
    assert sum(count for count, _likes, _at in stored.values()) == 345
    for board in Board.objects.all():
        assert board.topic_count == Topic.objects.filter(board=board).count()
        assert board.reply_count == Reply.objects.filter(topic__board=board).count()
    for member in User.objects.filter(channel="import"):
        assert member.topic_count == Topic.objects.filter(author=member).count()
        assert member.reply_count == Reply.objects.filter(author=member).count()
    assert Topic.objects.filter(hot_score__lte=0).count() == 0


def snapshot() -> dict[str, Any]:
    return {
        "tables": table_counts(),
        "anonymous": AnonymousLike.objects.aggregate(n=Sum("count"))["n"],
        "topics": list(
            Topic.objects.order_by("pk").values_list(
                "pk", "reply_count", "like_count", "last_activity_at", "hot_score", "board_id"
            )
        ),
        "members": list(
            User.objects.order_by("pk").values_list(
                "pk", "username", "topic_count", "reply_count", "likes_received", "date_joined"
            )
        ),
        "boards": list(
            Board.objects.order_by("pk").values_list("pk", "topic_count", "reply_count")
        ),
        "balances": list(
            PointBalance.objects.order_by("member_id").values_list("member_id", "lifetime")
        ),
    }


def test_a_second_run_changes_nothing(imported: str, conlang: Path) -> None:
    before = snapshot()
    again = run_import(conlang)
    assert snapshot() == before
    assert " 0 created" in again
    assert "272 already there" in again
    assert "Nothing new" in again


def test_one_board_per_first_tag(imported: str, dump: Dump) -> None:
    first_tags = {int(i): r["Tags"].split(">")[0].lstrip("<") for i, r in dump.questions.items()}
    assert set(Board.objects.values_list("name", flat=True)) == set(first_tags.values())
    topics = mapped(ImportKind.TOPIC)
    boards = dict(Topic.objects.values_list("pk", "board__name"))
    assert all(boards[topics[i]] == tag for i, tag in first_tags.items())
    tagged = Topic.objects.get(pk=topics[1])
    assert sorted(tagged.tags.values_list("name", flat=True)) == ["discussion", "on-topic"]


def test_all_in_one_board(conlang: Path, dump: Dump) -> None:
    output = run_import(conlang, "--board", "conlang-meta")
    board = Board.objects.get()
    assert board.slug == "conlang-meta"
    assert board.topic_count == Topic.objects.filter(board=board).count() == len(dump.questions)
    assert board.created_at == min(moment(r["CreationDate"]) for r in dump.questions.values())
    assert "1 created" in output


def test_members_have_valid_unique_usernames_and_no_password(
    make_member: Any, conlang: Path
) -> None:
    make_member("Adam-Lear")
    run_import(conlang)
    names = list(
        User.objects.filter(channel="import", is_active=True).values_list("username", flat=True)
    )
    assert all(USERNAME_RE.match(name) for name in names)
    assert len({name.casefold() for name in names}) == len(names) == 272
    adam = User.objects.get(display_name="Adam Lear")
    assert adam.username == "Adam-Lear-2"
    assert adam.city == "New York, NY"
    assert not adam.has_usable_password()
    assert not adam.email


def test_badges_are_staff_only_and_survive_the_backfill(imported: str) -> None:
    badge = Badge.objects.get(slug="se-autobiographer")
    assert badge.criterion == BadgeCriterion.MANUAL
    assert badge.multiple
    assert not badge.auto_revoke
    assert badge.grants.count() > 100
    from hearth.gamification.services import badges_backfill

    badges_backfill()
    assert badge.grants.filter(revoked_at__isnull=False).count() == 0


def test_history_earns_points(imported: str) -> None:
    members = mapped(ImportKind.MEMBER)
    earners = PointEntry.objects.filter(member_id__in=members.values()).values("member_id")
    assert earners.distinct().count() > 20
    first = PointEntry.objects.filter(member_id__in=members.values()).order_by("created_at").first()
    assert first is not None
    assert first.created_at.year == 2018  # dated by the post, not by the import


def test_no_backfill_leaves_points_alone(conlang: Path) -> None:
    output = run_import(conlang, "--no-backfill")
    assert PointEntry.objects.count() == 0
    assert "points_backfill" in output


def test_verbosity_zero_prints_nothing(conlang: Path) -> None:
    assert run_import(conlang, verbosity=0) == ""
    assert Topic.objects.count() == 54


def test_an_imported_thread_shows_on_its_page(imported: str) -> None:
    comment = Reply.objects.filter(quote__isnull=False).select_related("topic").first()
    assert comment is not None
    page = Client().get(reverse("community:topic", args=[comment.topic_id]))
    assert page.status_code == 200
    html = page.content.decode()
    assert comment.topic.title.replace('"', "&quot;") in html
    assert 'class="quote-box"' in html
