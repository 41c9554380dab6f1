"""Bulk inserts of the demo's topics, replies, actions and the admin's notifications."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import numpy as np
from django.utils.translation import gettext as _

from hearth.accounts.models import MemberFollow
from hearth.community.models import (
    BoardFollow,
    Bookmark,
    Like,
    Read,
    Reply,
    Share,
    ShareChannel,
    Tag,
    Topic,
)
from hearth.demo.depth import demo_read_depth
from hearth.demo.rows import db_date, db_datetime, insert_rows
from hearth.demo.sim.engine import READ_SOURCES
from hearth.demo.sim.window import DAY
from hearth.notifications.models import Notification, Verb

if TYPE_CHECKING:
    from hearth.demo.writer import DemoWriter

BATCH = 2000
MENTION_RATE = 0.08
QUOTE_RATE = 0.1
SHARE_CODE_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
ADMIN_NOTICE = (
    "演示社区已生成：所有成员和员工账号的密码都是 hearth-demo，可以用任意成员身份登录体验。"
)
SHARE_CHANNELS = (ShareChannel.WECHAT, ShareChannel.WEIBO, ShareChannel.QQ, ShareChannel.LINK)


class RowWriter:
    def __init__(self, writer: DemoWriter) -> None:
        self.w = writer
        self.topic_pk = np.zeros(0, dtype=np.int64)
        self.reply_pk = np.zeros(0, dtype=np.int64)

    def topics(self) -> None:
        w = self.w
        created = Topic.objects.bulk_create(w.topic_objects(), batch_size=BATCH)
        self.topic_pk = np.array([t.pk for t in created], dtype=np.int64)
        tag_ids = dict(Tag.objects.values_list("name", "pk"))
        rng = random.Random(w.seed + 93)
        through = Topic.tags.through
        rows = []
        for i, topic in enumerate(created):
            tags = w.bank.boards[int(w.r.topics.board[i])].tags
            for name in rng.sample(tags, rng.randint(0, min(3, len(tags)))):
                rows.append(through(topic_id=topic.pk, tag_id=tag_ids[name]))
        through.objects.bulk_create(rows, batch_size=BATCH)
        w.progress(_("  %(n)d topics") % {"n": len(created)})

    def replies(self) -> None:
        w, r = self.w, self.w.r.replies
        rng = np.random.default_rng([w.seed, 94])
        likes = np.bincount(w.r.reply_likes["reply"], minlength=len(r)).tolist()
        mention = (rng.random(len(r)) < MENTION_RATE).tolist()
        topic_author = w.topic_author.tolist()
        user_pk = w.user_pk.tolist()
        topic_pk = self.topic_pk.tolist()
        boards = w.r.topics.board.tolist()
        objects = []
        for j, (topic, author, t) in enumerate(
            zip(r.topic.tolist(), r.author.tolist(), r.t.tolist(), strict=True)
        ):
            op = topic_author[topic]
            name = w.usernames[op] if mention[j] and op != author else ""
            body = w.writer.reply_body(
                board=boards[topic], mention=name, subject=w.topic_subjects[topic]
            )
            objects.append(
                Reply(
                    topic_id=topic_pk[topic],
                    author_id=user_pk[author],
                    body=body,
                    body_html=w.render(body, {name: user_pk[op]} if name else None),
                    created_at=w.at(t),
                    like_count=likes[j],
                )
            )
        created = Reply.objects.bulk_create(objects, batch_size=BATCH)
        self.reply_pk = np.array([x.pk for x in created], dtype=np.int64)
        previous = np.full(len(r), -1, dtype=np.int64)
        same = r.topic[r.order[1:]] == r.topic[r.order[:-1]]
        previous[r.order[1:][same]] = r.order[:-1][same]
        quoting = np.flatnonzero((rng.random(len(r)) < QUOTE_RATE) & (previous >= 0))
        for j in quoting.tolist():
            created[j].quote_id = int(self.reply_pk[previous[j]])
        Reply.objects.bulk_update([created[j] for j in quoting.tolist()], ["quote"], batch_size=500)
        w.progress(_("  %(n)d replies") % {"n": len(created)})

    def actions(self) -> None:
        w, r = self.w, self.w.r
        upk, tpk, rpk = w.user_pk.tolist(), self.topic_pk.tolist(), self.reply_pk.tolist()
        at = self._db_time
        likes = insert_rows(
            Like,
            ("member", "topic", "reply", "created_at"),
            (
                (upk[m], tpk[t], None, at(ts))
                for m, t, ts in _rows(r.topic_likes, "member", "topic", "t")
            ),
        )
        likes += insert_rows(
            Like,
            ("member", "topic", "reply", "created_at"),
            (
                (upk[m], None, rpk[x], at(ts))
                for m, x, ts in _rows(r.reply_likes, "member", "reply", "t")
            ),
        )
        days = [db_date(w.window.date(d)) for d in range(w.window.days)]
        reads = insert_rows(
            Read,
            ("member", "topic", "day", "dwell_seconds", "depth", "source", "created_at"),
            (
                (
                    upk[m],
                    tpk[t],
                    days[ts // DAY],
                    dwell,
                    demo_read_depth(dwell, m, t),
                    READ_SOURCES[source],
                    at(ts),
                )
                for m, t, ts, dwell, source in _rows(
                    r.reads, "member", "topic", "t", "dwell", "source"
                )
            ),
        )
        self._shares()
        insert_rows(
            Bookmark,
            ("member", "topic", "created_at"),
            (
                (upk[m], tpk[t], at(ts + 30))
                for m, t, ts in _rows(r.bookmarks, "member", "topic", "t")
            ),
        )
        member, board, t = w.board_follows()
        insert_rows(
            BoardFollow,
            ("member", "board", "created_at"),
            (
                (upk[m], w.board_pks[b], at(ts))
                for m, b, ts in zip(member.tolist(), board.tolist(), t.tolist(), strict=True)
            ),
        )
        insert_rows(
            MemberFollow,
            ("follower", "followed", "created_at"),
            (
                (upk[m], upk[f], at(ts))
                for m, f, ts in _rows(r.member_follows, "member", "target", "t")
            ),
        )
        w.progress(_("  %(likes)d likes, %(reads)d reads") % {"likes": likes, "reads": reads})

    def _db_time(self, t: int) -> object:
        return db_datetime(self.w.at(t))

    def _shares(self) -> None:
        w, s = self.w, self.w.r.shares
        rng = np.random.default_rng([w.seed, 95])
        letters = rng.integers(0, len(SHARE_CODE_ALPHABET), (len(s["t"]), 10)).tolist()
        visits = rng.poisson(2.0, len(s["t"])).tolist()
        seen: set[str] = set()
        upk, tpk = w.user_pk.tolist(), self.topic_pk.tolist()
        rows = []
        for k, (m, t, ts, channel) in enumerate(_rows(s, "member", "topic", "t", "channel")):
            code = "".join(SHARE_CODE_ALPHABET[c] for c in letters[k])
            while code in seen:  # 56**10 codes: practically never
                code = code[1:] + SHARE_CODE_ALPHABET[len(seen) % len(SHARE_CODE_ALPHABET)]
            seen.add(code)
            rows.append(
                (upk[m], tpk[t], str(SHARE_CHANNELS[channel]), code, visits[k], self._db_time(ts))
            )
        insert_rows(Share, ("member", "topic", "channel", "code", "visits", "created_at"), rows)

    def notifications(self) -> None:
        """A few notifications for the admin, so that the bell has something to show."""
        w, r = self.w, self.w.r
        admin = int(w.user_pk[w.n])
        mine = w.topic_author == w.n
        notes = [
            Notification(
                recipient_id=admin,
                verb=Verb.SYSTEM,
                text=ADMIN_NOTICE,
                created_at=w.at(w.window.now_s - 60),
            )
        ]
        replies = np.flatnonzero(mine[r.replies.topic])[-8:].tolist()
        for k, j in enumerate(replies):
            created = w.at(r.replies.t[j])
            notes.append(
                Notification(
                    recipient_id=admin,
                    actor_id=int(w.user_pk[r.replies.author[j]]),
                    verb=Verb.REPLY,
                    topic_id=int(self.topic_pk[r.replies.topic[j]]),
                    reply_id=int(self.reply_pk[j]),
                    created_at=created,
                    read_at=None if k >= len(replies) - 5 else created,
                )
            )
        liked = np.flatnonzero(mine[r.topic_likes["topic"]])
        liked = liked[np.argsort(r.topic_likes["t"][liked])][-4:]
        for j in liked.tolist():
            notes.append(
                Notification(
                    recipient_id=admin,
                    actor_id=int(w.user_pk[r.topic_likes["member"][j]]),
                    verb=Verb.LIKE,
                    topic_id=int(self.topic_pk[r.topic_likes["topic"][j]]),
                    created_at=w.at(r.topic_likes["t"][j]),
                )
            )
        Notification.objects.bulk_create(notes)


def _rows(table: dict[str, np.ndarray], *columns: str) -> zip[tuple[int, ...]]:
    return zip(*(table[c].tolist() for c in columns), strict=True)
