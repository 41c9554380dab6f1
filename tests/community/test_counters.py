"""counters_recompute sets from the rows what the live services keep step by step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from hearth.accounts.models import User
from hearth.community.models import Board, Reply, Status, Topic
from hearth.community.services import (
    counters_recompute,
    like_give,
    reply_create,
    reply_set_status,
    topic_create,
)

BODY = "A body long enough to pass the checks of the community services."


def counters() -> dict[str, Any]:
    return {
        "topics": list(
            Topic.objects.order_by("pk").values_list(
                "pk", "reply_count", "like_count", "last_activity_at", "hot_score"
            )
        ),
        "replies": list(Reply.objects.order_by("pk").values_list("pk", "like_count")),
        "boards": list(
            Board.objects.order_by("pk").values_list("pk", "topic_count", "reply_count")
        ),
        "members": list(
            User.objects.order_by("pk").values_list(
                "pk", "topic_count", "reply_count", "likes_received"
            )
        ),
    }


@pytest.mark.django_db
def test_recompute_matches_the_live_services(
    make_member: Callable[..., Any], make_board: Callable[..., Any], no_posting_limit: None
) -> None:
    ann, bo, cy = make_member(), make_member(), make_member()
    board, other = make_board(), make_board()
    first = topic_create(author=ann, board=board, title="First", body=BODY)
    second = topic_create(author=bo, board=other, title="Second", body=BODY)
    answer = reply_create(author=bo, topic=first, body=BODY)
    reply_create(author=cy, topic=first, body=BODY)
    hidden = reply_create(author=cy, topic=second, body=BODY)
    reply_set_status(actor=None, reply=hidden, status=Status.HIDDEN)
    like_give(member=bo, target=first)
    like_give(member=cy, target=first)
    like_give(member=ann, target=answer)
    live = counters()
    Topic.objects.update(
        reply_count=9, like_count=9, last_activity_at=second.created_at, hot_score=0
    )
    Reply.objects.update(like_count=7)
    Board.objects.update(topic_count=5, reply_count=5)
    User.objects.update(topic_count=3, reply_count=3, likes_received=3)
    counters_recompute(topic_ids=[first.pk, second.pk])
    recomputed = counters()
    assert recomputed["topics"][0] == live["topics"][0]
    # Hiding a reply leaves the live last activity and hot score as they were; from the
    # rows, a topic whose only reply is hidden was last active when it was created.
    assert recomputed["topics"][1][:3] == live["topics"][1][:3] == (second.pk, 0, 0)
    assert recomputed["topics"][1][3] == second.created_at
    assert {k: v for k, v in recomputed.items() if k != "topics"} == {
        k: v for k, v in live.items() if k != "topics"
    }
    assert live["topics"][0][1:3] == (2, 2)
    assert live["members"][0][1:] == (1, 0, 2)
