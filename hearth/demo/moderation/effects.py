"""The planted moderation history of the demo community, with its numbers.

Written as rows after the points backfill (the bulk writer fires no events):

- an enabled manual word list, ``WORD_LIST`` (advertising, vulgar, abuse and
  illegal terms of our own), with the hit counts of ``WORDS``;
- ``OPEN_ITEMS`` open review items: ``HELD_TOPICS`` topics and ``HELD_REPLIES``
  replies held from new members (contact details, advertising words), and
  ``len(REPORTED_OPEN)`` replies reported by several members (one claimed);
- ``DECIDED_ITEMS`` decisions over the last ``DECIDED_DAYS`` days (one case
  50 days ago) by three staff (``MODERATOR_SHARES``), times to decision drawn
  log-normally around ``DECISION_MEDIAN_SECONDS``: ``APPROVED_ITEMS`` new
  members' posts approved (``EDITED_ITEMS`` after an edit), ``REJECTED_ITEMS``
  posts rejected citing a rule (``CASES`` and one overturned on appeal), and
  one reported reply whose reports were dismissed;
- sanctions: warnings, member ``MUTED`` muted right now (a 7-day mute from
  2 days ago), an expired 30-day ban; ``REPEAT_OFFENDERS`` members with two or
  more sanctions or rejections in 30 days;
- a pending, an upheld and an overturned appeal (the overturned reply is
  published again and its warning lifted);
- one dispute in progress with ``DISPUTE_ENTRIES`` timeline entries;
- an audit entry for every action above;
- ``RECOMMENDED`` topics recommended on the home page for a week.

New rows (held and rejected posts) are written on a day their author was
active, minutes after one of their own posts, and only by members who had
already written a topic (for a topic) or a reply (for a reply), so the
activity and onboarding effects of :mod:`hearth.demo.effects` are unchanged.
A small demo may lack fitting members: then fewer cases are planted.
"""

from __future__ import annotations

from dataclasses import dataclass

WORD_LIST = "社区常用敏感词（运营维护）"
# term, category, action, severity, hits
WORDS: tuple[tuple[str, str, str, int, int], ...] = (
    ("加微信", "advertising", "hold", 3, 46),
    ("免费领取", "advertising", "flag", 2, 33),
    ("刷单", "advertising", "hold", 3, 27),
    ("傻逼", "vulgar", "replace", 3, 22),
    ("代开发票", "advertising", "block", 4, 18),
    ("兼职日结", "advertising", "hold", 3, 15),
    ("他妈的", "vulgar", "replace", 2, 14),
    ("脑残", "abuse", "replace", 2, 12),
    ("私聊领取", "advertising", "hold", 2, 11),
    ("低价代购", "advertising", "hold", 2, 9),
    ("稳赚不赔", "advertising", "hold", 3, 7),
    ("滚蛋", "abuse", "flag", 1, 6),
    ("网赌", "illegal", "block", 4, 3),
    ("无需实名", "illegal", "hold", 3, 0),
)
TOP_WORD = "加微信"
WORDS_WITH_HITS = sum(1 for *_rest, hits in WORDS if hits)

HELD_TOPICS = 5
HELD_REPLIES = 2
NEW_MEMBER_DAYS = 7
"""Held posts come from members who joined at most this many days ago."""
REPORTED_OPEN: tuple[tuple[str, int], ...] = (("spam", 4), ("abuse", 3), ("vulgar", 3))
"""Open reported replies: the reason and how many members reported each."""
OPEN_ITEMS = HELD_TOPICS + HELD_REPLIES + len(REPORTED_OPEN)

APPROVED_ITEMS = 24
EDITED_ITEMS = 3
DECIDED_DAYS = 35
MODERATOR_SHARES: dict[str, float] = {"moderator": 0.6, "manager": 0.25, "admin": 0.15}
"""Who decides (demo staff usernames) and how often."""
DECISION_MEDIAN_SECONDS = 20 * 60
DECISION_SIGMA = 1.0
"""Log-normal times to decision: median 20 min, 90 % within about 72 min."""


@dataclass(frozen=True)
class Case:
    """One rejected post: who wrote it, what, when, which rule, and the sanction that followed."""

    who: str  # "a" and "b" offend repeatedly, "s1"… once, "c" was banned
    kind: str  # topic or reply
    origin: str  # held or reported
    days_ago: float
    rule: str
    text: int  # index into texts.REJECTED
    sanction: str = ""  # "" or "kind:hours:step"
    reports: tuple[tuple[str, int], ...] = ()


WEEK_HOURS = 7 * 24
BAN_HOURS = 30 * 24
CASES: tuple[Case, ...] = (
    Case("a", "reply", "reported", 25, "be-respectful", 0, "warning::1", (("abuse", 3),)),
    Case("a", "reply", "reported", 12, "be-respectful", 1, "mute:24:2", (("abuse", 2),)),
    Case("a", "reply", "reported", 2, "be-respectful", 2, f"mute:{WEEK_HOURS}:3", (("abuse", 4),)),
    Case("b", "topic", "held", 20, "no-ads", 3, "warning::1"),
    Case("b", "topic", "held", 6, "no-ads", 4, "warning::1"),
    Case("s1", "reply", "held", 16, "no-ads", 5, "warning::1"),
    Case("s2", "topic", "held", 9, "no-ads", 6),
    Case("s3", "reply", "reported", 5, "no-false-info", 7, "", (("false_info", 3),)),
    Case("s4", "topic", "reported", 3, "no-infringement", 8, "", (("infringement", 2),)),
    Case("s5", "reply", "reported", 1, "be-respectful", 9, "warning::1", (("abuse", 2),)),
    Case("c", "topic", "held", 50, "legal", 10, f"ban:{BAN_HOURS}:4"),
)
REJECTED_ITEMS = len(CASES) + 1
DECIDED_ITEMS = APPROVED_ITEMS + REJECTED_ITEMS + 1
SANCTIONS = sum(1 for c in CASES if c.sanction) + 1  # and the overturned reply's warning
REPEAT_OFFENDERS = ("a", "b")
MUTED = "a"
BANNED = "c"
PENDING_APPEAL = "s5"
UPHELD_APPEAL = "b"  # against the first of b's rejections
OVERTURNED_REPORTS = 2
DISMISSED_REPORTS = 2
REPORTS = (
    sum(n for _reason, n in REPORTED_OPEN)
    + sum(n for case in CASES for _reason, n in case.reports)
    + OVERTURNED_REPORTS
    + DISMISSED_REPORTS
)
DISPUTE_TITLE = "二手显卡交易纠纷：收到的货与描述不符"
DISPUTE_ENTRIES = 4
RECOMMENDED = 3
RECOMMEND_DAYS = 7
