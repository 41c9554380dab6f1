"""Every analytics definition, written once: what an action is, who is active, the windows.

Pages, reports, goals and commands all read these; nothing else decides what
"active" means.

* **Actions** are what the activity log records. The built-in ones come from
  the community (visit, read, topic, reply, like given and received, share,
  follow, sign-up, event participation; ``visit`` is the start of a session,
  i.e. a request after 30 minutes without one; ``dwell`` is reading time the
  page reports after the first read of a topic that day); *custom events* posted through the
  API (``course_enrolled``, ``course_completed`` …) are actions too, named by
  the poster (lower-case letters, digits and ``_``).
* **Active** is a set of actions, editable in the cockpit
  (``AnalyticsSettings.active_actions``). The default is any visit, read or
  interaction: every built-in action a member takes themselves (a like
  *received* or being followed is not the member's own action) plus custom
  events. Completing one's profile (``profile_complete``, recorded once per
  member, when display name, bio, region and avatar are first all set) is the
  member's own action, so it counts as active like sign-up does.
* **DAU, WAU, MAU** are the distinct active members on a day, in the 7 days
  and in the 30 days ending that day (rolling windows). **Stickiness** is
  DAU / MAU of the same day.
* **Days** are cut in one time zone: the community's (``TIME_ZONE``) unless a
  query names another.
* **Lifecycle** (PostHog's definitions), per period: *new* — joined in the
  period and active in it; *returning* — active in this and the previous
  period; *resurrecting* — active in this period, not in the previous one,
  and joined before it; *dormant* — active in the previous period and not in
  this one (shown as a negative count).
* **Retention** of a cohort (members grouped by the period they joined, or by
  channel, region, age band or the board of their first post): the share
  active in period N after the cohort's period (*N-day*), or in period N or
  any later one (*on or after*).
* **Metrics** (:mod:`hearth.analytics.metrics`) are named by one key: built-in
  (``dau`` … ``follows``) or *custom*: an action's count per period, or one
  action's count over another's (*completion rate* = ``course_completed`` ÷
  ``course_enrolled``), as events or distinct members, with no value where
  the denominator is 0. Over several days a count is summed, a gauge (DAU,
  WAU, MAU, stickiness) averaged, a ratio recomputed from its counts.
* **Anomalies** (:mod:`hearth.analytics.anomalies`): a key metric's day is
  expected at the median of the same weekday over the 6 weeks before, scaled
  by the recent level; it is flagged when it leaves expected ± 3 robust
  spreads (MAD × 1.4826) by at least a minimum change (10, or 5 points for
  a ratio).
* **Content** (:mod:`hearth.analytics.queries.content`, ``replies``,
  ``reading``): a topic is *UGC* when a member wrote it and *PGC* when staff
  did (``Topic.kind``). The *UGC/PGC share of content* is that of the published
  topics created in the window; *of reads*, that of the reads in the window of
  topics of each kind. *Time to first reply* runs from a published topic's
  creation to its first reply by someone other than its author (whenever that
  came); the median and 90th percentile are over the answered topics, the
  shares answered within 1 h / 24 h over all of them. An *unanswered topic* is
  a published topic without such a reply yet; its age runs from creation to
  now. An *engaged member* took at least ``ENGAGED_MIN`` (3) interactions of
  ``ENGAGING`` (topic, reply, like, share) in the window; shown against the
  window's active members. A read is one member, topic and day; its *dwell*
  is the reading time reported that day and its *read depth* the deepest
  point of the topic the page reached (percent, 0–100; only reads whose page
  reported one, i.e. live reads, have a depth).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Action(StrEnum):
    VISIT = "visit"
    READ = "read"
    DWELL = "dwell"  # more reading time on a topic already read that day
    TOPIC = "topic"
    REPLY = "reply"
    LIKE = "like"
    LIKE_RECEIVED = "like_received"
    SHARE = "share"
    FOLLOW = "follow"
    SIGN_UP = "sign_up"
    EVENT_JOIN = "event_join"
    PROFILE_COMPLETE = "profile_complete"  # appended last: earlier actions keep their bits


ACTION_LABELS = {
    Action.VISIT: _("Visit"),
    Action.READ: _("Read"),
    Action.DWELL: _("Reading time"),
    Action.TOPIC: _("Topic"),
    Action.REPLY: _("Reply"),
    Action.LIKE: _("Like given"),
    Action.LIKE_RECEIVED: _("Like received"),
    Action.SHARE: _("Share"),
    Action.FOLLOW: _("Follow"),
    Action.SIGN_UP: _("Sign-up"),
    Action.EVENT_JOIN: _("Event participation"),
    Action.PROFILE_COMPLETE: _("Profile completed"),
}

PASSIVE = frozenset({Action.LIKE_RECEIVED})
INTERACTIONS = frozenset({Action.TOPIC, Action.REPLY, Action.LIKE, Action.SHARE, Action.FOLLOW})
CUSTOM = "custom"  # stands for every custom event in an active-action set
DEFAULT_ACTIVE: frozenset[str] = frozenset({a.value for a in Action if a not in PASSIVE} | {CUSTOM})

# one bit per built-in action, and one for all custom events: a member-day keeps the OR
ACTION_BITS: dict[str, int] = {a.value: 1 << i for i, a in enumerate(Action)}
CUSTOM_BIT = 1 << 15

CUSTOM_NAME = re.compile(r"[a-z][a-z0-9_]{1,39}")

ROLLING_WINDOWS = {"dau": 1, "wau": 7, "mau": 30}

PERIODS = ("day", "week", "month")

# member attributes a breakdown or a cohort may use
DIMENSIONS = ("channel", "region", "age_band", "gender", "level", "device")

# content: an engaged member took at least ENGAGED_MIN of these in the window
ENGAGING = ("topic", "reply", "like", "share")
ENGAGED_MIN = 3


def is_custom(action: str) -> bool:
    return action not in ACTION_BITS


def custom_name_valid(name: str) -> bool:
    """A custom event's name: 2–40 of a–z, 0–9 and _, starting with a letter, not built-in."""
    return bool(CUSTOM_NAME.fullmatch(name)) and name not in ACTION_BITS and name != CUSTOM


def action_mask(actions: Iterable[str]) -> int:
    """The bit mask of a set of actions (``custom`` or any custom name sets the custom bit)."""
    mask = 0
    for action in actions:
        mask |= ACTION_BITS.get(action, CUSTOM_BIT)
    return mask


def bit_action(action: str) -> int:
    return ACTION_BITS.get(action, CUSTOM_BIT)
