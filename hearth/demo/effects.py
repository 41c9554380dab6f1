"""The planted effects of the demo community and of the large synthetic data set.

The simulation (:mod:`hearth.demo.sim`) draws every member and action from the
constants below, and ``tests/demo/test_default_demo.py`` measures each effect
back from the database rows of the default demo (3,000 members, 180 days).
``hearth generate`` draws from the same simulation over 365 days with fewer
actions per active day, so the same effects hold there, at scale. Later
analytics (retention, funnels, channel quality, board decline) can be checked
against these known answers.

Definitions used by every effect
--------------------------------
*Action*: a row of ``community.Read``, ``Like``, ``Reply``, ``Topic`` or
``Share`` with its ``created_at``. A member is *active on a day* when they have
at least one action whose ``created_at`` falls on that day in the community's
time zone (``settings.TIME_ZONE``, Asia/Shanghai by default). Member and board
follows are not actions.

*Day offset* of an action: its local date minus the member's local join date
(``User.date_joined``), so the join day is offset 0.

The five effects
----------------
1. **Weekly and daily seasonality.** On each day of a member's active span the
   chance of being active is multiplied by ``WEEKDAY_FACTORS[weekday]`` (Monday
   first), so Saturday and Sunday carry about ``WEEKEND_RATIO`` (1.4×) the
   actions of an average Monday–Thursday. Action times within a day follow
   ``HOUR_WEIGHTS`` (local hours): a lunch bump and an evening peak at
   20:00–22:59 holding ``EVENING_SHARE`` (≈ 26 %) of all actions, with 21:00
   the busiest hour.
2. **Heavy-tailed activity.** Each member has an intensity ``w`` drawn from a
   Pareto distribution (shape ``ACTIVITY_PARETO_SHAPE``, minimum 1, capped at
   ``ACTIVITY_CAP``); the chance of being active on a day grows with
   ``w ** 0.5`` and the number of replies and topics per active day with
   ``w ** 0.6`` and ``w ** 0.8``. The top 10 % of members by posts author at
   least ``TOP_DECILE_POST_SHARE_MIN`` (50 %) of all topics and replies.
3. **Channels retain differently.** ``CHANNELS`` gives, per acquisition
   channel, the share of sign-ups, the rate of completing the board-follow step
   and the rate of staying beyond the first week once a member has read.
   Their product with ``PROFILE_RATE`` and the first-read rate is the expected
   share of members *active on at least one day with offset 8–30*
   (``RETENTION_WINDOW``), listed as :attr:`ChannelProfile.active_8_30`:
   SEO (≈ 54 %) and referral (≈ 54 %) retain best, paid social (≈ 17 %) and
   Douyin (≈ 10 %) worst. Members who stay are active at least once in offsets
   8–30; the others have no action after offset 6. Measured on
   members who joined at least 31 days before the end of the window.
4. **One board declines among one age band.** For each theme, ``DECLINES``
   names a board and an age band (tech: 区块链 and 18-24); that band favours
   that board (``DECLINE_BAND_AFFINITY``, 2.5× in follows and visits). In the last
   ``DECLINE_WEEKS`` (6) weeks, each action of a member of that band on a topic
   of that board is kept with probability ``DECLINE_KEEP`` (0.5), so that
   band's reads of that board halve against the previous 6 weeks while other
   bands on that board, and that band on other boards, follow the
   community's overall trend.
5. **First-week drop-off concentrated in one onboarding step.** New members go
   through ``ONBOARDING_STEPS`` in order: profile completed (display name, bio,
   region and avatar set, as ``accounts.services.profile_is_complete`` checks)
   → boards followed (at least ``FOLLOW_BOARDS_REQUIRED``
   boards) → first read → first like → first reply → first topic. Each step is
   reached with the conditional rate in ``STEP_RATES``, except the board-follow
   step whose rate is the channel's ``follow_rate``: ≈ 66 % overall and only
   18 % for ``ONBOARDING_DROP_CHANNEL`` (Douyin). Members who never complete
   the board-follow step browse a few topics in their first week and are never
   active after day offset 6 (but for those effect 9's outreach brought back); members who stay less than a week also stop by
   offset 6. Of the members not active after their first week, at least
   ``WEEK1_STUCK_SHARE_MIN`` (60 %) never completed the board-follow step, and
   the reached steps happen in order in time (follows, then the first read,
   like, reply and topic), all within the first week. Steps are strict: the
   browsing reads of a member who never followed three boards do not count as
   their first-read step.

One more effect is planted in the default demo only, after the simulation
(:mod:`hearth.demo.rings`), for the fairness review in the cockpit:

6. **One like ring.** ``RING_MEMBERS`` (3) ordinary members like
   ``RING_LIKES_EACH_WAY`` (8) replies of each of the other two within the last
   ``RING_DAYS`` (21) days, far above what their share of all likes predicts;
   ``hearth.gamification`` detection raises exactly this group as an open
   like-ring alert when the demo is built.

And one more in the demo (not in ``hearth generate``), planted after the
moderation history (:mod:`hearth.demo.viral`), so that the cockpit's anomaly
alerts have something true to find:

7. **One viral day.** ``VIRAL_DAYS_AGO`` (9) days before today, a recent
   topic of one board (``VIRALS``; tech: 人工智能, shared in WeChat groups)
   spreads: that board's reads reach about ``VIRAL_READ_MULTIPLE`` (6×) their
   median on the same weekday of the previous 6 weeks (5–6× at 3,000
   members, as many as the readers below can make), ``VIRAL_CHANNEL_SHARE``
   (75 %) of the extra readers came from that channel, and ``VIRAL_SHARES``
   (40) of them share the topic again. Each extra reader opens the topic and
   up to ``VIRAL_TOPICS_MAX`` (36) more of the board's (the whole
   community's reads rise by about 60 %: a day the anomaly alerts must find
   above the ordinary ±10 % day-to-day noise of the community's reads). The readers are
   regulars (above the first level: the community's WeChat and Weibo groups)
   who already stayed (joined at least 31 days before and read on a day
   offset of 8 or more before it), so effects 3 and 5 are unchanged, drawn
   with a chance growing with the square of their reads in the 4 weeks
   before; the rows come from a random stream of their own. When the demo is
   built, anomaly detection over the last ``ALERT_DAYS`` (30) complete days
   raises that day's reads as an open alert explained first by the board,
   with the channel ahead of every other channel (and the shares, explained
   by the channel). The demo also defines one custom metric,
   ``DEMO_METRIC_KEY`` (回复转化率: members who replied ÷ members who read,
   per day).

8. **Channel spend** (:mod:`hearth.demo.spend`, after the viral day). One
   spend row per paid channel and calendar month of the window, sized at the
   sign-ups the channel brought that month × its cost per sign-up in
   ``hearth.demo.spend.CAC`` (± 10 %): content is production cost, offline is
   booth cost under the campaigns 美食节展位 and 科技展展位 (in turn by month),
   referral ¥4 per sign-up in gifts, SEO nothing (a free channel). The
   ``paid_social`` channel (信息流广告) is created. Douyin (¥25 per sign-up)
   and paid social (¥40) are not the dearest per sign-up, but with effect 3's
   retention their cost per member still active at day 30 is the highest
   (3–6× the paid channels' median), so the channel quality table ranks
   them last and the budget advice flags both "reduce" (and referral "grow").

9. **One rescue outreach with an honest lift** (:mod:`hearth.demo.outreach`,
   planted before the analytics backfill). ``OUTREACH_DAYS_AGO`` (21) days
   before today the team sent an in-site message to the members who had
   joined 2–7 days before and had not followed ``FOLLOW_BOARDS_REQUIRED``
   boards (effect 5's stall), keeping a 10 % holdout (``round(n × 0.1)``,
   seeded by the outreach's id). Within the 7 days counted as a return, about
   ``OUTREACH_EXTRA_RETURN_RATE`` (35 %) of the treated members read 1–2
   more topics (extra ``community.Read`` rows), so the treated return rate
   is visibly above the holdout's (the holdout has a handful of members, so
   the interval is wide). Two members of the current at-risk queue are
   assigned, open, to the member-operations staffer.
"""

from __future__ import annotations

from dataclasses import dataclass

WINDOW_DAYS = 180
"""The demo community's age: members join over the last 180 days (today included)."""

SIGNUP_GROWTH = 3.0
"""Daily sign-ups at the end of the window are this multiple of those at its start."""

WEEKDAY_FACTORS: tuple[float, ...] = (1.0, 1.0, 1.0, 1.0, 1.1, 1.42, 1.38)
"""Multiplier of the daily chance of being active, Monday first (sign-ups too)."""

WEEKEND_RATIO = (WEEKDAY_FACTORS[5] + WEEKDAY_FACTORS[6]) / 2 / 1.0
"""Expected actions on an average Saturday/Sunday ÷ an average Monday–Thursday (1.4)."""

HOUR_WEIGHTS: tuple[float, ...] = (
    2.0, 1.0, 0.5, 0.3, 0.3, 0.5, 1.2, 2.5, 3.5, 4.0, 4.2, 4.5,
    5.5, 5.0, 4.0, 4.0, 4.0, 4.2, 4.8, 6.0, 7.5, 8.5, 7.0, 4.0,
)  # fmt: skip
"""Relative weight of each local hour (0–23) for the time of an action or sign-up."""

EVENING_HOURS = (20, 21, 22)
EVENING_SHARE = sum(HOUR_WEIGHTS[h] for h in EVENING_HOURS) / sum(HOUR_WEIGHTS)
"""Expected share of actions between 20:00 and 22:59 local time (≈ 0.26)."""

PEAK_HOUR = 21

ACTIVITY_PARETO_SHAPE = 1.2
ACTIVITY_CAP = 100.0
TOP_DECILE_POST_SHARE_MIN = 0.5
"""The top 10 % of members by topics + replies author at least this share of them."""

RETENTION_WINDOW = (8, 30)
"""Day offsets after joining over which channel retention is measured."""

PROFILE_RATE = 0.88
"""Share of new members who complete their profile (the first onboarding step)."""

FOLLOW_BOARDS_REQUIRED = 3

ONBOARDING_STEPS: tuple[str, ...] = (
    "profile_completed",
    "boards_followed",
    "first_read",
    "first_like",
    "first_reply",
    "first_topic",
)

STEP_RATES: dict[str, float] = {
    "profile_completed": PROFILE_RATE,
    # "boards_followed": per channel, ChannelProfile.follow_rate
    "first_read": 0.96,
    "first_like": 0.88,
    "first_reply": 0.82,
    "first_topic": 0.8,
}
"""Chance of reaching each step given the previous one."""

ONBOARDING_DROP_CHANNEL = "douyin"
WEEK1_STUCK_SHARE_MIN = 0.6
FIRST_WEEK_LAST_OFFSET = 6
"""Members who churn in their first week have no action after this day offset."""

RETAINED_LIFETIME_MEAN_DAYS = 150.0
"""Members who stay beyond week 1 stop after 8 + Exponential(mean) days."""


@dataclass(frozen=True)
class ChannelProfile:
    """An acquisition channel's share of sign-ups and how its members behave."""

    key: str
    weight: float
    follow_rate: float
    retained_rate: float
    """Chance of staying beyond the first week, given the member reached the first read."""
    utm_medium: str

    @property
    def active_8_30(self) -> float:
        """Expected share of the channel's members active on a day with offset 8–30."""
        return PROFILE_RATE * self.follow_rate * STEP_RATES["first_read"] * self.retained_rate


CHANNELS: tuple[ChannelProfile, ...] = (
    ChannelProfile("seo", 0.14, 0.75, 0.85, "organic"),
    ChannelProfile("referral", 0.08, 0.78, 0.82, "invite"),
    ChannelProfile("content", 0.08, 0.72, 0.75, "article"),
    ChannelProfile("zhihu", 0.09, 0.72, 0.72, "social"),
    ChannelProfile("bilibili", 0.10, 0.70, 0.70, "video"),
    ChannelProfile("offline", 0.05, 0.75, 0.62, "booth"),
    ChannelProfile("wechat", 0.13, 0.70, 0.62, "social"),
    ChannelProfile("weibo", 0.10, 0.68, 0.55, "social"),
    ChannelProfile("xiaohongshu", 0.08, 0.68, 0.52, "social"),
    ChannelProfile("douyin", 0.10, 0.18, 0.65, "video"),
    ChannelProfile("paid_social", 0.05, 0.66, 0.30, "cpc"),
)
CHANNEL_KEYS: tuple[str, ...] = tuple(c.key for c in CHANNELS)
BEST_RETAINING = ("seo", "referral")
WORST_RETAINING = ("paid_social", "douyin")


@dataclass(frozen=True)
class Decline:
    """A board whose reads by one age band fall in the last weeks of the window."""

    board_slug: str
    band: str


DECLINE_WEEKS = 6
DECLINE_KEEP = 0.5
DECLINE_BAND_AFFINITY = 2.5
"""Members of the declining band favour the declining board this much (follows and visits)."""
DECLINES: dict[str, Decline] = {
    "tech": Decline("blockchain", "18-24"),
    "parenting": Decline("early-learning", "25-30"),
    "fitness": Decline("crossfit", "18-24"),
    "food": Decline("baking", "18-24"),
    "education": Decline("study-abroad", "18-24"),
}


RING_MEMBERS = 3
RING_LIKES_EACH_WAY = 8
RING_DAYS = 21
"""The planted like ring: group size, likes from each member to each other, days."""


@dataclass(frozen=True)
class Viral:
    """A board whose recent topic spread through one acquisition channel on one day."""

    board_slug: str
    channel: str  # the readers' acquisition channel (``User.channel``)
    share_channel: str  # where they shared it again (``community.ShareChannel``)


VIRAL_DAYS_AGO = 9
VIRAL_READ_MULTIPLE = 6.0
"""The board's reads on the viral day ÷ its median on the same weekday of the 6 weeks before."""
VIRAL_CHANNEL_SHARE = 0.75
VIRAL_SHARES = 40
VIRAL_TOPICS_MAX = 36
"""A viral reader reads the topic and up to this many more topics of the board."""
VIRALS: dict[str, Viral] = {
    "tech": Viral("ai", "wechat", "wechat"),
    "parenting": Viral("newborn", "xiaohongshu", "wechat"),
    "fitness": Viral("running", "weibo", "weibo"),
    "food": Viral("home-cooking", "xiaohongshu", "wechat"),
    "education": Viral("exam-prep", "weibo", "weibo"),
}
ALERT_DAYS = 30
"""Anomaly detection runs over this many complete days (up to yesterday) when the demo is built."""
DEMO_METRIC_KEY = "reply_conversion"

OUTREACH_DAYS_AGO = 21
"""Effect 9: the demo's rescue outreach was sent this many days before today."""
OUTREACH_EXTRA_RETURN_RATE = 0.35
"""Effect 9: the share of treated members given extra reads within the return window."""
