"""History written in bulk (the demo, ``hearth generate``, an import) into the activity log.

Rows written without the services raise no events, so the log misses them.
The backfill derives the same rows the subscribers would have written, with
the same keys, from the community's tables: running it twice, or after live
events, adds nothing. Member attributes are the members' current ones.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from hearth.accounts.models import MemberFollow, User, age_band_for
from hearth.analytics.definitions import Action
from hearth.analytics.models import Activity
from hearth.analytics.recording import MemberAttributes
from hearth.community.models import BoardFollow, Like, Read, Reply, Share, Topic
from hearth.gamification.selectors import level_positions

BATCH = 5_000


@dataclass(frozen=True)
class BackfillReport:
    added: dict[str, int]
    seconds: float


def activity_backfill() -> BackfillReport:
    """Add every action the community's rows show and the log lacks."""
    started = time.perf_counter()
    people = _attributes()
    added: dict[str, int] = {}
    for name, rows in _sources():
        added[name] = _write(_activity(people, **row) for row in rows)
    return BackfillReport(added, round(time.perf_counter() - started, 3))


def _attributes() -> dict[int, MemberAttributes]:
    first, positions = level_positions()
    levels = dict(positions)
    return {
        pk: MemberAttributes(
            channel=channel[:40],
            region=province[:20],
            age_band=age_band_for(birth_year),
            gender=gender[:1],
            level=levels.get(pk, first),
        )
        for pk, channel, province, birth_year, gender in User.objects.values_list(
            "pk", "channel", "province", "birth_year", "gender"
        ).iterator(chunk_size=BATCH)
    }


def _stream(query: QuerySet[Any, Any]) -> Iterator[dict[str, Any]]:
    rows: Iterator[dict[str, Any]] = query.iterator(chunk_size=BATCH)
    return rows


def _sources() -> Iterable[tuple[str, Iterator[dict[str, Any]]]]:
    yield (
        "sign_up",
        (
            {
                "action": Action.SIGN_UP,
                "member_id": r["pk"],
                "at": r["date_joined"],
                "source": r["channel"],
                "key": f"sign_up:{r['pk']}",
            }
            for r in _stream(
                User.objects.filter(is_active=True).values("pk", "date_joined", "channel")
            )
        ),
    )
    yield (
        "profile_complete",
        (
            {
                "action": Action.PROFILE_COMPLETE,
                "member_id": r["pk"],
                "at": r["date_joined"],
                "key": f"profile_complete:{r['pk']}",
            }
            for r in _stream(_complete_profiles().values("pk", "date_joined"))
        ),
    )
    yield (
        "topic",
        (
            {
                "action": Action.TOPIC,
                "member_id": r["author_id"],
                "at": r["created_at"],
                "board_id": r["board_id"],
                "topic_id": r["pk"],
                "key": f"topic:{r['pk']}",
            }
            for r in _stream(Topic.objects.values("pk", "author_id", "board_id", "created_at"))
        ),
    )
    yield (
        "reply",
        (
            {
                "action": Action.REPLY,
                "member_id": r["author_id"],
                "at": r["created_at"],
                "board_id": r["topic__board_id"],
                "topic_id": r["topic_id"],
                "key": f"reply:{r['pk']}",
            }
            for r in _stream(
                Reply.objects.values("pk", "author_id", "topic_id", "topic__board_id", "created_at")
            )
        ),
    )
    likes = Like.objects.values(
        "pk",
        "member_id",
        "topic_id",
        "reply_id",
        "created_at",
        "topic__author_id",
        "reply__author_id",
    )
    yield (
        "like",
        (
            {
                "action": Action.LIKE,
                "member_id": r["member_id"],
                "at": r["created_at"],
                "topic_id": r["topic_id"],
                "key": f"like:{r['pk']}",
            }
            for r in _stream(likes)
        ),
    )
    yield (
        "like_received",
        (
            {
                "action": Action.LIKE_RECEIVED,
                "member_id": r["reply__author_id"] or r["topic__author_id"],
                "at": r["created_at"],
                "topic_id": r["topic_id"],
                "key": f"like_received:{r['pk']}",
            }
            for r in _stream(likes)
        ),
    )
    yield (
        "share",
        (
            {
                "action": Action.SHARE,
                "member_id": r["member_id"],
                "at": r["created_at"],
                "topic_id": r["topic_id"],
                "source": r["channel"],
                "key": f"share:{r['pk']}",
            }
            for r in _stream(
                Share.objects.values("pk", "member_id", "topic_id", "channel", "created_at")
            )
        ),
    )
    yield (
        "read",
        (
            {
                "action": Action.READ,
                "member_id": r["member_id"],
                "at": r["created_at"],
                "board_id": r["topic__board_id"],
                "topic_id": r["topic_id"],
                "value": float(r["dwell_seconds"]),
                "source": r["source"],
                "depth": r["depth"],
                "key": f"read:{r['member_id']}:{r['topic_id']}:{r['day'].isoformat()}",
            }
            for r in _stream(
                Read.objects.values(
                    "member_id",
                    "topic_id",
                    "topic__board_id",
                    "day",
                    "dwell_seconds",
                    "depth",
                    "source",
                    "created_at",
                )
            )
        ),
    )
    yield (
        "follow",
        (
            {
                "action": Action.FOLLOW,
                "member_id": r["follower_id"],
                "at": r["created_at"],
                "key": f"follow:member:{r['follower_id']}:{r['followed_id']}",
            }
            for r in _stream(
                MemberFollow.objects.values("follower_id", "followed_id", "created_at")
            )
        ),
    )
    yield (
        "board_follow",
        (
            {
                "action": Action.FOLLOW,
                "member_id": r["member_id"],
                "at": r["created_at"],
                "board_id": r["board_id"],
                "key": f"follow:board:{r['member_id']}:{r['board_id']}",
            }
            for r in _stream(BoardFollow.objects.values("member_id", "board_id", "created_at"))
        ),
    )


def _complete_profiles() -> QuerySet[User]:
    """Members whose profile is complete as ``accounts.services.profile_is_complete`` says
    (display name, bio, region and avatar set). Rows written in bulk carry no time of
    completion, so it is taken as the join time: the earliest it can have been."""
    return (
        User.objects.filter(is_active=True)
        .exclude(display_name="")
        .exclude(bio="")
        .exclude(province="")
        .exclude(avatar="")
    )


def _activity(
    people: dict[int, MemberAttributes],
    *,
    action: str,
    member_id: int | None,
    at: Any,
    key: str,
    board_id: int | None = None,
    topic_id: int | None = None,
    value: float | None = None,
    source: str = "",
    depth: int | None = None,
) -> Activity:
    who = people.get(member_id or 0, MemberAttributes())
    return Activity(
        occurred_at=at,
        member_id=member_id,
        action=action,
        board_id=board_id,
        topic_id=topic_id,
        value=value,
        source=(source or "")[:40],
        key=key,
        properties={"depth": depth} if depth is not None else {},
        channel=who.channel,
        region=who.region,
        age_band=who.age_band,
        gender=who.gender,
        level=who.level,
    )


def _write(rows: Iterable[Activity]) -> int:
    """Insert in batches, skipping keys already in the log; returns the rows added."""
    before = Activity.objects.count()
    batch: list[Activity] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            Activity.objects.bulk_create(batch, ignore_conflicts=True)
            batch.clear()
    if batch:
        Activity.objects.bulk_create(batch, ignore_conflicts=True)
    return Activity.objects.count() - before
