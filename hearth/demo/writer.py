"""Writes a simulated community into the database through the ORM's bulk paths.

Counters are computed from the simulated rows before anything is inserted, so
every denormalised counter matches the rows by construction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.community.models import Board, PinScope, Tag, Topic, TopicKind
from hearth.community.services import text
from hearth.core import markdown, roles
from hearth.demo import effects
from hearth.demo.avatars import avatars_ensure
from hearth.demo.banks import ThemeBank, common
from hearth.demo.rows import Renderer
from hearth.demo.sim.members import I64, STAGE_PROFILE
from hearth.demo.sim.window import DAY
from hearth.demo.spec import GENDERS, SimResult
from hearth.demo.writer_rows import RowWriter
from hearth.demo.writing import Writer

BATCH = 2000
STAFF_AUTHORS = (2, 2, 1, 3, 0)
"""Staff topics are written by the content editor (most), the manager, the event planner
and the admin (indexes into STAFF)."""


@dataclass(frozen=True)
class Staff:
    username: str
    role: str
    display_name: str
    bio: str


STAFF: tuple[Staff, ...] = (
    Staff("admin", roles.ADMIN, common.ADMIN_DISPLAY_NAME, "社区管理员。"),
    *(Staff(u, role, name, bio) for u, role, name, bio in common.STAFF),
)


class DemoWriter:
    """Inserts members, staff, boards, topics, replies and every action of a simulation."""

    def __init__(
        self,
        *,
        bank: ThemeBank,
        result: SimResult,
        seed: int,
        password: str,
        progress: Callable[[str], object],
    ) -> None:
        self.bank, self.r, self.seed, self.progress = bank, result, seed, progress
        self.window = result.sim.spec.window
        self.members = result.sim.members
        self.n = self.members.n
        self.midnights = self.window.midnights()
        self.writer = Writer(bank, seed, self.window.today.year)
        self.places = common.region_table()[0]
        self.password_hash = make_password(password)
        self.user_pk = np.zeros(self.n + len(STAFF), dtype=np.int64)
        self.topic_author = self._topic_authors()
        self.usernames: list[str] = []
        self.render = Renderer()
        self.topic_subjects: list[str] = []

    def at(self, t: int | np.integer) -> dt.datetime:
        day, sec = divmod(int(t), DAY)
        if day + 1 < 0:  # before the window: count back from its first midnight
            return self.midnights[0] + dt.timedelta(days=day + 1, seconds=sec)
        return self.midnights[day + 1] + dt.timedelta(seconds=sec)

    def _topic_authors(self) -> I64:
        """Topic authors as user indexes: members, then staff (admin writes the welcome)."""
        rng = np.random.default_rng([self.seed, 90])
        author = self.r.topics.author.copy()
        staff = np.flatnonzero(author < 0)
        author[staff] = self.n + rng.choice(STAFF_AUTHORS, size=len(staff))
        author[0] = self.n
        return author

    # ------------------------------------------------------------------------------------
    def write(self) -> None:
        with transaction.atomic():
            self._staff()
            self._members()
            self.board_pks = self._boards()
            rows = RowWriter(self)
            rows.topics()
            rows.replies()
            rows.actions()
            rows.notifications()

    def _staff(self) -> None:
        # The team was there before the first member: a month before the window opens.
        start = self.midnights[0] - dt.timedelta(days=30) + dt.timedelta(hours=10)
        for k, staff in enumerate(STAFF):
            user, _created = User.objects.get_or_create(
                username=staff.username, defaults={"date_joined": start}
            )
            user.display_name, user.bio = staff.display_name, staff.bio
            user.email = f"{staff.username}@demo.hearth.test"
            user.password = self.password_hash
            user.is_staff = user.is_superuser = staff.role == roles.ADMIN
            user.privacy_accepted_at = start
            user.province, user.city = "北京", "北京"
            user.save()
            user.groups.add(Group.objects.get(name=staff.role))
            self.user_pk[self.n + k] = user.pk
            self.usernames.append(staff.username)

    def _interests(self, index: int) -> list[str]:
        follows = self.members.follows[index, : self.members.follow_n[index]]
        return [self.bank.boards[b].name for b in follows[:3]]

    def _members(self) -> None:
        m, rng = self.members, np.random.default_rng([self.seed, 91])
        taken = set(User.objects.values_list("username", flat=True))
        avatars = avatars_ensure(self.seed)
        last_t = self._last_action_times()
        users = []
        for i in range(self.n):
            province, city = self.places[m.region[i]]
            channel = effects.CHANNELS[m.channel[i]]
            username = self.writer.username(taken)
            complete = m.stage[i] >= STAGE_PROFILE
            interests = self._interests(i) if complete else []
            joined = self.at(m.join_t[i])
            users.append(
                User(
                    username=username,
                    email=f"{username}@demo.hearth.test",
                    password=self.password_hash,
                    display_name=self.writer.nickname(),
                    bio=self.writer.bio(city=city, interests=interests) if complete else "",
                    avatar=avatars[int(rng.integers(len(avatars)))] if complete else "",
                    province=province,
                    city=city,
                    birth_year=int(m.birth_year[i]),
                    gender=GENDERS[m.gender[i]],
                    interests=interests,
                    channel=channel.key,
                    utm_source=channel.key,
                    utm_medium=channel.utm_medium,
                    utm_campaign=f"{channel.key}-{joined:%Y%m}",
                    invite_code=f"INV{int(rng.integers(10_000, 99_999))}"
                    if channel.key == "referral"
                    else "",
                    landing_path="/",
                    date_joined=joined,
                    last_login=self.at(max(last_t[i], m.join_t[i])),
                    privacy_accepted_at=joined,
                )
            )
        self._set_user_counters(users)
        created = User.objects.bulk_create(users, batch_size=BATCH)
        self.user_pk[: self.n] = [u.pk for u in created]
        self.usernames[:0] = [u.username for u in created]
        self.progress(_("  %(n)d members") % {"n": self.n})

    def _last_action_times(self) -> I64:
        last = self.members.join_t.copy()
        r = self.r
        for member, t in (
            (r.reads["member"], r.reads["t"]),
            (r.topic_likes["member"], r.topic_likes["t"]),
            (r.replies.author, r.replies.t),
            (r.shares["member"], r.shares["t"]),
        ):
            np.maximum.at(last, member, t)
        return last

    def _set_user_counters(self, users: list[User]) -> None:
        r, total = self.r, self.n + len(STAFF)
        topics = np.bincount(self.topic_author, minlength=total)
        replies = np.bincount(r.replies.author, minlength=total)
        likes = np.bincount(self.topic_author[r.topic_likes["topic"]], minlength=total)
        likes += np.bincount(r.replies.author[r.reply_likes["reply"]], minlength=total)
        followers = np.bincount(r.member_follows["target"], minlength=total)
        for i, user in enumerate(users):
            user.topic_count, user.reply_count = int(topics[i]), int(replies[i])
            user.likes_received, user.follower_count = int(likes[i]), int(followers[i])
        for k in range(len(STAFF)):
            i = self.n + k
            User.objects.filter(pk=self.user_pk[i]).update(
                topic_count=int(topics[i]),
                reply_count=int(replies[i]),
                likes_received=int(likes[i]),
                follower_count=int(followers[i]),
            )

    def _boards(self) -> list[int]:
        r, n_boards = self.r, len(self.bank.boards)
        topic_count = np.bincount(r.topics.board, minlength=n_boards)
        reply_count = np.bincount(r.topics.board[r.replies.topic], minlength=n_boards)
        follower_count = np.bincount(self.board_follows()[1], minlength=n_boards)
        boards = Board.objects.bulk_create(
            Board(
                name=b.name,
                slug=b.slug,
                description=b.description,
                colour=b.colour,
                icon=b.icon,
                position=i,
                topic_count=int(topic_count[i]),
                reply_count=int(reply_count[i]),
                follower_count=int(follower_count[i]),
                created_at=self.at(-2 * DAY),
            )
            for i, b in enumerate(self.bank.boards)
        )
        moderator = int(self.user_pk[self.n + 5])
        for i, board in enumerate(boards):
            in_board = r.replies.author[r.topics.board[r.replies.topic] == i]
            ids = [moderator]
            if len(in_board):
                ids.append(int(self.user_pk[np.bincount(in_board).argmax()]))
            board.moderators.add(*ids)
        Tag.objects.bulk_create(
            [Tag(name=name) for name in sorted({t for b in self.bank.boards for t in b.tags})],
            ignore_conflicts=True,
        )
        return [b.pk for b in boards]

    def board_follows(self) -> tuple[I64, I64, I64]:
        """(member, board, time) of every board follow made before now."""
        m = self.members
        width = m.follows.shape[1]
        mask = (np.arange(width)[None, :] < m.follow_n[:, None]) & (m.follow_t < self.window.now_s)[
            :, None
        ]
        member, slot = np.nonzero(mask)
        return member, m.follows[member, slot], m.follow_t[member] + slot * 20

    # Topics ------------------------------------------------------------------------------
    def topic_objects(self) -> list[Topic]:
        r, t = self.r, self.r.topics
        n_topics = len(t)
        replies = np.bincount(r.replies.topic, minlength=n_topics)
        likes = np.bincount(r.topic_likes["topic"], minlength=n_topics)
        shares = np.bincount(r.shares["topic"], minlength=n_topics)
        reads = np.bincount(r.reads["topic"], minlength=n_topics)
        last = t.t.copy()
        np.maximum.at(last, r.replies.topic, r.replies.t)
        featured = self._featured(likes + 2 * replies + 3 * shares)
        views = np.random.default_rng([self.seed, 92]).poisson(reads * 0.6)
        objects = []
        for i in range(n_topics):
            author = int(self.topic_author[i])
            staff = author >= self.n
            city = "" if staff else self.places[self.members.region[author]][1]
            board = int(t.board[i])
            if i == 0:
                title, body = self.bank.welcome_title, self.bank.welcome_body
                self.topic_subjects.append("")
            else:
                title, body, subject = self.writer.topic(board=board, city=city, staff=staff)
                self.topic_subjects.append(subject)
            created = self.at(t.t[i])
            topic = Topic(
                board_id=self.board_pks[board],
                author_id=int(self.user_pk[author]),
                title=title,
                body=body,
                body_html=self.render(body),
                excerpt=markdown.excerpt(body),
                kind=TopicKind.PGC if staff else TopicKind.UGC,
                created_at=created,
                last_activity_at=self.at(last[i]),
                reply_count=int(replies[i]),
                like_count=int(likes[i]),
                share_count=int(shares[i]),
                read_count=int(reads[i]),
                view_count=int(reads[i] + views[i]),
                featured_level=int(featured[i]),
                featured_at=min(created + dt.timedelta(days=1), self.at(self.window.now_s - 60))
                if featured[i]
                else None,
            )
            topic.hot_score = text.hot_score(topic)
            objects.append(topic)
        self._pin(objects)
        return objects

    def _featured(self, engagement: I64) -> I64:
        """精华 levels: the top 2 % of topics by engagement (level 3 for the very best)."""
        level = np.zeros(len(engagement), dtype=np.int64)
        count = max(3, len(engagement) // 50)
        best = np.argsort(-engagement[1:], kind="stable")[:count] + 1
        level[best] = 1
        level[best[: count * 4 // 10]] = 2
        level[best[: max(1, count // 10)]] = 3
        return level

    def _pin(self, topics: list[Topic]) -> None:
        now = self.at(self.window.now_s)
        topics[0].pin_scope, topics[0].pinned_until = PinScope.GLOBAL, now + dt.timedelta(days=90)
        staff = [i for i in range(1, len(topics)) if self.topic_author[i] >= self.n]
        if staff:
            latest = topics[staff[-1]]
            latest.pin_scope, latest.pinned_until = PinScope.BOARD, now + dt.timedelta(days=30)
