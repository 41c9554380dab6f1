"""Boards, topics and replies of the large data set, with their final counters."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from hearth.core import markdown
from hearth.demo.bulk.large import STAFF_IDS, topic_authors, user_ids
from hearth.demo.bulk.text import REPLY_BODIES_PER_BOARD, TOPIC_BODIES_PER_BOARD, TextPool
from hearth.demo.rows import Renderer
from hearth.demo.sim.engine import Replies, Topics
from hearth.demo.sim.window import DAY

if TYPE_CHECKING:
    from hearth.demo.bulk.large import LargeLoad

SLICE = 200_000
FEATURED_SHARE = 0.01
MODERATOR_ID = 6


def hot_scores(engagement: np.ndarray, epochs: np.ndarray) -> np.ndarray:
    """hearth.community.services.text.hot_score, vectorised."""
    out: np.ndarray = np.round(np.log10(np.maximum(engagement, 1.0)) + epochs / 45_000, 6)
    return out


def write_content(load: LargeLoad, topics: Topics, replies: Replies) -> None:
    acc, clock, bank = load.acc, load.clock, load.bank
    n_topics, n_boards = len(topics), len(bank.boards)
    reply_count = np.bincount(replies.topic, minlength=n_topics)
    load.write(
        "community_board",
        {
            "id": list(range(1, n_boards + 1)),
            "name": [b.name for b in bank.boards],
            "slug": [b.slug for b in bank.boards],
            "description": [b.description for b in bank.boards],
            "colour": [b.colour for b in bank.boards],
            "icon": [b.icon for b in bank.boards],
            "position": list(range(n_boards)),
            "visibility": "public",
            "posting": "members",
            "topic_count": np.bincount(topics.board, minlength=n_boards).tolist(),
            "reply_count": np.bincount(topics.board[replies.topic], minlength=n_boards).tolist(),
            "follower_count": acc.board_followers.tolist(),
            "created_at": clock.stamps(np.array([-2 * DAY]))[0],
        },
        n_boards,
    )
    load.write(
        "community_board_moderators",
        {"board_id": list(range(1, n_boards + 1)), "user_id": MODERATOR_ID},
        n_boards,
    )
    pool = TextPool(bank, load.o.seed + 2, load.spec.window.today.year)
    _topics(load, pool, topics, reply_count)
    _replies(load, pool, topics, replies)


def _topics(load: LargeLoad, pool: TextPool, topics: Topics, reply_count: np.ndarray) -> None:
    acc, clock, window = load.acc, load.clock, load.spec.window
    n, n_topics = acc.sim.members.n, len(topics)
    rng = np.random.default_rng([load.o.seed, 60])
    last = topics.t.copy()
    np.maximum.at(last, acc.replies.topic, acc.replies.t)
    engagement = acc.topic_likes + 2 * reply_count + 3 * acc.topic_shares + acc.topic_reads / 10
    epochs = window.epochs(topics.t)
    featured = np.zeros(n_topics, dtype=np.int64)
    best = np.argsort(-engagement[1:], kind="stable")[: max(1, int(n_topics * FEATURED_SHARE))] + 1
    featured[best] = (
        1 + (np.arange(len(best)) < len(best) // 3) + (np.arange(len(best)) < len(best) // 10)
    )
    authors = topic_authors(topics, n)
    staff = authors >= n
    body_pick = rng.integers(0, TOPIC_BODIES_PER_BOARD, n_topics)
    views = rng.poisson(acc.topic_reads * 0.6)
    welcome_html = Renderer()(load.bank.welcome_body)
    now = window.now_s
    for lo in range(0, n_topics, SLICE):
        idx = np.arange(lo, min(lo + SLICE, n_topics))
        bodies = [
            pool.topics[b][k]
            for b, k in zip(topics.board[idx].tolist(), body_pick[idx].tolist(), strict=True)
        ]
        titles = [
            pool.writer.title(board=b, city="", staff=s, subjects=pool.subjects[b][k])
            for b, k, s in zip(
                topics.board[idx].tolist(),
                body_pick[idx].tolist(),
                staff[idx].tolist(),
                strict=True,
            )
        ]
        if lo == 0:
            titles[0] = load.bank.welcome_title
            bodies[0] = (
                load.bank.welcome_body,
                welcome_html,
                markdown.excerpt(load.bank.welcome_body),
            )
        feat_at = clock.stamps(np.minimum(topics.t[idx] + DAY, now - 60))
        load.write(
            "community_topic",
            {
                "id": (idx + 1).tolist(),
                "board_id": (topics.board[idx] + 1).tolist(),
                "author_id": user_ids(authors[idx], n).tolist(),
                "title": titles,
                "body": [b[0] for b in bodies],
                "body_html": [b[1] for b in bodies],
                "excerpt": [b[2] for b in bodies],
                "kind": np.where(staff[idx], "pgc", "ugc").tolist(),
                "status": "published",
                "featured_level": featured[idx].tolist(),
                "featured_at": [
                    a if f else None for a, f in zip(feat_at, featured[idx].tolist(), strict=True)
                ],
                "pin_scope": ["global" if i == 0 else "" for i in idx.tolist()],
                "pinned_until": [
                    clock.stamps(np.array([now + 90 * DAY]))[0] if i == 0 else None
                    for i in idx.tolist()
                ],
                "created_at": clock.stamps(topics.t[idx]),
                "last_activity_at": clock.stamps(last[idx]),
                "reply_count": reply_count[idx].tolist(),
                "like_count": acc.topic_likes[idx].tolist(),
                "share_count": acc.topic_shares[idx].tolist(),
                "read_count": acc.topic_reads[idx].tolist(),
                "view_count": (acc.topic_reads[idx] + views[idx]).tolist(),
                "hot_score": hot_scores(engagement[idx], epochs[idx]).tolist(),
            },
            len(idx),
        )


def _replies(load: LargeLoad, pool: TextPool, topics: Topics, replies: Replies) -> None:
    clock = load.clock
    rng = np.random.default_rng([load.o.seed, 61])
    pick = rng.integers(0, REPLY_BODIES_PER_BOARD, len(replies))
    for lo in range(0, len(replies), SLICE):
        idx = np.arange(lo, min(lo + SLICE, len(replies)))
        boards = topics.board[replies.topic[idx]].tolist()
        bodies = [pool.replies[b][k] for b, k in zip(boards, pick[idx].tolist(), strict=True)]
        load.write(
            "community_reply",
            {
                "id": (idx + 1).tolist(),
                "topic_id": (replies.topic[idx] + 1).tolist(),
                "author_id": (replies.author[idx] + STAFF_IDS + 1).tolist(),
                "body": [b[0] for b in bodies],
                "body_html": [b[1] for b in bodies],
                "status": "published",
                "created_at": clock.stamps(replies.t[idx]),
                "like_count": load.acc.reply_likes[idx].tolist(),
            },
            len(idx),
        )
