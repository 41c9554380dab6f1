"""Votes.xml → likes, anonymous likes and bookmarks.

- An up-vote (VoteTypeId 2) by a member of the dump is a like by that member,
  except on their own post (Hearth refuses self-likes) or twice on one post.
- An up-vote without a known voter (the dumps publish voters only for a few
  kinds of votes) adds one to the post's :class:`AnonymousLike` of that day:
  no member is invented for it, and it earns nobody points.
- A favourite (VoteTypeId 5, always with its voter) of a question is a
  bookmark of the topic.
- Other votes (down-votes, accepted answers, close votes …) are skipped.

Vote dates are days (midnight UTC); a like or bookmark is dated the later of
that midnight and the post's creation, so none comes before its post.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from hearth.community.models import AnonymousLike, Bookmark, Like, Reply, Topic
from hearth.imports.idmap import IdMap
from hearth.imports.models import ImportKind
from hearth.imports.stackexchange import report
from hearth.imports.stackexchange.context import Context, batches
from hearth.imports.stackexchange.reader import Row, rows

UPVOTE, FAVORITE = 2, 5


@dataclass(frozen=True)
class Vote:
    external_id: int
    topic_id: int | None  # exactly one of topic_id and reply_id
    reply_id: int | None
    member_id: int | None
    at: dt.datetime


class Votes:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.maps = {
            kind: IdMap(ctx.source, kind)
            for kind in (ImportKind.LIKE, ImportKind.ANONYMOUS_LIKE, ImportKind.BOOKMARK)
        }
        self.counts = {kind: ctx.summary[kind] for kind in self.maps}
        self.other = ctx.summary[report.OTHER_VOTE]
        self.seen: set[int] = set()

    def _known(self, external_id: int) -> bool:
        for kind, ids in self.maps.items():
            if external_id in ids:
                self.counts[kind].existing += 1
                return True
        return False

    def _vote(self, row: Row, external_id: int) -> Vote:
        post_id = row.integer("PostId")
        voter = row.optional_integer("UserId")
        return Vote(
            external_id,
            self.ctx.topics.get(post_id),
            self.ctx.answers.get(post_id),
            self.ctx.members.get(voter) if voter is not None else None,
            row.moment("CreationDate"),
        )

    @staticmethod
    def _kind(vote_type: int, vote: Vote) -> ImportKind:
        if vote_type == FAVORITE:
            return ImportKind.BOOKMARK
        return ImportKind.LIKE if vote.member_id is not None else ImportKind.ANONYMOUS_LIKE

    def _usable(self, kind: ImportKind, vote: Vote) -> bool:
        """Whether the vote lands: on an imported post (a favourite: a question, by a member)."""
        if vote.external_id in self.seen:
            return False  # the same Id twice: the first row counts
        if kind == ImportKind.BOOKMARK:
            return vote.member_id is not None and vote.topic_id is not None
        return vote.topic_id is not None or vote.reply_id is not None

    def batch(self, batch: list[Row]) -> None:
        pending: dict[ImportKind, list[Vote]] = {kind: [] for kind in self.maps}
        for row in batch:
            external_id, vote_type = row.integer("Id"), row.integer("VoteTypeId")
            if vote_type not in (UPVOTE, FAVORITE):
                self.other.skipped += 1
                continue
            if self._known(external_id):
                continue
            vote = self._vote(row, external_id)
            kind = self._kind(vote_type, vote)
            if not self._usable(kind, vote):
                self.counts[kind].skipped += 1
                continue
            self.seen.add(external_id)
            pending[kind].append(vote)
        self._likes(pending[ImportKind.LIKE])
        self._anonymous(pending[ImportKind.ANONYMOUS_LIKE])
        self._bookmarks(pending[ImportKind.BOOKMARK])

    @staticmethod
    def _posts(votes: list[Vote]) -> dict[tuple[str, int], tuple[int, dt.datetime]]:
        """(author id, created at) of every voted post, keyed ("topic"|"reply", id)."""
        posts: dict[tuple[str, int], tuple[int, dt.datetime]] = {}
        topic_ids = {v.topic_id for v in votes if v.topic_id is not None}
        reply_ids = {v.reply_id for v in votes if v.reply_id is not None}
        for pk, author, at in Topic.objects.filter(pk__in=topic_ids).values_list(
            "pk", "author_id", "created_at"
        ):
            posts["topic", pk] = (author, at)
        for pk, author, at in Reply.objects.filter(pk__in=reply_ids).values_list(
            "pk", "author_id", "created_at"
        ):
            posts["reply", pk] = (author, at)
        return posts

    @staticmethod
    def _key(vote: Vote) -> tuple[str, int]:
        if vote.reply_id is not None:
            return "reply", vote.reply_id
        assert vote.topic_id is not None
        return "topic", vote.topic_id

    def _likes(self, votes: list[Vote]) -> None:
        if not votes:
            return
        ids, count = self.maps[ImportKind.LIKE], self.counts[ImportKind.LIKE]
        posts = self._posts(votes)
        members = {v.member_id for v in votes}
        held = set(
            Like.objects.filter(member_id__in=members).values_list(
                "member_id", "topic_id", "reply_id"
            )
        )
        taken = {(m, "reply" if r else "topic", r or t) for m, t, r in held}
        new: dict[int, Like] = {}
        for vote in votes:
            key, member = self._key(vote), vote.member_id
            assert member is not None
            author, created = posts[key]
            if member == author or (member, *key) in taken:
                count.skipped += 1  # a like of one's own post, or a second like of one post
                continue
            taken.add((member, *key))
            new[vote.external_id] = Like(
                member_id=member,
                topic_id=vote.topic_id if vote.reply_id is None else None,
                reply_id=vote.reply_id,
                created_at=max(vote.at, created),
            )
        Like.objects.bulk_create(new.values())
        ids.add((external_id, like.pk) for external_id, like in new.items())
        count.created += len(new)

    def _anonymous(self, votes: list[Vote]) -> None:
        """One more for each vote on its post's row of the day (rows made as needed)."""
        if not votes:
            return
        groups: dict[tuple[str, int, dt.date], list[int]] = defaultdict(list)
        for vote in votes:
            groups[(*self._key(vote), vote.at.date())].append(vote.external_id)
        rows_by_key: dict[tuple[str, int, dt.date], AnonymousLike] = {}
        topic_ids = {k[1] for k in groups if k[0] == "topic"}
        reply_ids = {k[1] for k in groups if k[0] == "reply"}
        for row in AnonymousLike.objects.filter(topic_id__in=topic_ids, reply__isnull=True):
            rows_by_key["topic", row.topic_id or 0, row.day] = row
        for row in AnonymousLike.objects.filter(reply_id__in=reply_ids):
            rows_by_key["reply", row.reply_id or 0, row.day] = row
        fresh: list[AnonymousLike] = []
        for key, external_ids in groups.items():
            found = rows_by_key.get(key)
            if found is not None:
                row = found
            else:
                kind, pk, day = key
                row = AnonymousLike(
                    topic_id=pk if kind == "topic" else None,
                    reply_id=pk if kind == "reply" else None,
                    day=day,
                )
                rows_by_key[key] = row
                fresh.append(row)
            row.count += len(external_ids)
        grown = [row for row in rows_by_key.values() if row.pk is not None]
        AnonymousLike.objects.bulk_update(grown, ["count"])
        AnonymousLike.objects.bulk_create(fresh)
        self.maps[ImportKind.ANONYMOUS_LIKE].add(
            (external_id, rows_by_key[key].pk) for key, ids in groups.items() for external_id in ids
        )
        self.counts[ImportKind.ANONYMOUS_LIKE].created += len(votes)

    def _bookmarks(self, votes: list[Vote]) -> None:
        if not votes:
            return
        count = self.counts[ImportKind.BOOKMARK]
        posts = self._posts(votes)
        members = {v.member_id for v in votes}
        taken = set(
            Bookmark.objects.filter(member_id__in=members).values_list("member_id", "topic_id")
        )
        new: dict[int, Bookmark] = {}
        for vote in votes:
            assert vote.member_id is not None
            assert vote.topic_id is not None
            if (vote.member_id, vote.topic_id) in taken:
                count.skipped += 1
                continue
            taken.add((vote.member_id, vote.topic_id))
            new[vote.external_id] = Bookmark(
                member_id=vote.member_id,
                topic_id=vote.topic_id,
                created_at=max(vote.at, posts["topic", vote.topic_id][1]),
            )
        Bookmark.objects.bulk_create(new.values())
        self.maps[ImportKind.BOOKMARK].add((e, b.pk) for e, b in new.items())
        count.created += len(new)


def votes_import(ctx: Context) -> None:
    votes = Votes(ctx)
    for batch in batches(rows(ctx.dump.path("Votes.xml"))):
        votes.batch(batch)
