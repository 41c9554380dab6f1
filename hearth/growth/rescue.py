"""The first-week rescue's at-risk queue (新人挽留): new members whose first week is going wrong.

A *new member* joined in the last ``days`` (7 or 14) days, is active (not
deactivated) and holds no staff role. They are *at risk* when either

- **onboarding stalled**: a checklist step is still missing (the first missing
  one is the *stall step*) and no step was completed in the last
  ``STALL_HOURS`` (48 h) — counting from joining when none was, so members
  younger than 48 h are never stalled yet; or
- **activity falling**: at least ``FALLING_DAYS`` (3) days old, active (an own
  action in the analytics log) before the last 3 days but not within them.

The queue is grouped by channel (``User.channel``, empty = direct) and stall
step; a channel's headline names its most common stall step as a share of the
channel's sign-ups old enough to be judged (at least 48 h old).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.analytics.selectors import members_active_between, members_last_active
from hearth.growth.assignments import open_assignees
from hearth.growth.models import (
    STEP_FIELDS,
    Channel,
    OnboardingProgress,
    OnboardingStep,
)
from hearth.growth.models.channels import DIRECT
from hearth.growth.onboarding.config import onboarding_settings_get
from hearth.growth.onboarding.selectors import onboarding_stall_step
from hearth.growth.outreach.audience import staff_q

WINDOWS = (7, 14)
STALL_HOURS = 48
FALLING_DAYS = 3
STALLED = "stalled"
FALLING = "falling"


@dataclass(frozen=True)
class AtRiskMember:
    member_id: int
    username: str
    name: str
    date_joined: dt.datetime
    channel: str
    channel_name: str
    steps_done: int
    stall_step: str | None
    stall_label: str
    last_active: dt.datetime | None
    reasons: tuple[str, ...]
    assignee: str | None


@dataclass(frozen=True)
class StepCount:
    step: str
    label: str
    count: int
    share: float  # of the channel's judged sign-ups


@dataclass(frozen=True)
class ChannelGroup:
    channel: str
    channel_name: str
    signups: int  # judged sign-ups: at least STALL_HOURS old
    at_risk: int
    steps: list[StepCount]
    headline: str


@dataclass(frozen=True)
class AtRiskQueue:
    days: int
    now: dt.datetime
    signups: int
    members: list[AtRiskMember]
    groups: list[ChannelGroup] = field(default_factory=list)


def step_phrase(step: str, boards: int, reads: int) -> str:
    """What a member stalled at ``step`` never did, for a headline."""
    phrases: dict[str, str] = {
        OnboardingStep.PROFILE: _("never completed their profile"),
        OnboardingStep.BOARDS: _("never followed %(n)s boards") % {"n": boards},
        OnboardingStep.READS: _("never read %(n)s topics") % {"n": reads},
        OnboardingStep.LIKE: _("never gave a like"),
        OnboardingStep.REPLY: _("never replied"),
        OnboardingStep.TOPIC: _("never started a topic"),
    }
    return phrases.get(step, step)


def channel_names() -> dict[str, str]:
    return dict(Channel.objects.values_list("key", "name"))


def _stalled(progress: OnboardingProgress | None, joined: dt.datetime, now: dt.datetime) -> bool:
    cutoff = now - dt.timedelta(hours=STALL_HOURS)
    if joined > cutoff:
        return False
    if progress is None:
        return True
    if onboarding_stall_step(progress) is None:
        return False
    done = [t for f in STEP_FIELDS.values() if (t := getattr(progress, f)) is not None]
    return max(done, default=joined) <= cutoff


def new_members(*, now: dt.datetime, days: int) -> list[User]:
    """Members who joined in the last ``days`` days (no staff, no deactivated accounts)."""
    return list(
        User.objects.filter(date_joined__gt=now - dt.timedelta(days=days), date_joined__lte=now)
        .filter(is_active=True)
        .exclude(pk__in=User.objects.filter(staff_q()).values("pk"))
        .order_by("-date_joined", "pk")
    )


def at_risk_queue(
    *, now: dt.datetime | None = None, days: int = 7, channel: str = "", step: str = ""
) -> AtRiskQueue:
    """The at-risk new members, grouped; ``channel`` / ``step`` narrow the member list only."""
    now = now or timezone.now()
    days = days if days in WINDOWS else WINDOWS[0]
    members = new_members(now=now, days=days)
    ids = [m.pk for m in members]
    progress = {p.member_id: p for p in OnboardingProgress.objects.filter(member_id__in=ids)}
    recent_from = now - dt.timedelta(days=FALLING_DAYS)
    active_before = members_active_between(ids, now - dt.timedelta(days=days + 1), recent_from)
    active_recently = members_active_between(ids, recent_from, now)
    last_active = members_last_active(ids)
    assigned = open_assignees(ids)
    names = channel_names()
    config = onboarding_settings_get()
    boards, reads = config.boards_required, config.reads_required
    labels = dict(OnboardingStep.choices)

    at_risk: list[AtRiskMember] = []
    judged: Counter[str] = Counter()
    for member in members:
        key = member.channel or DIRECT
        if member.date_joined <= now - dt.timedelta(hours=STALL_HOURS):
            judged[key] += 1
        row = progress.get(member.pk)
        reasons: list[str] = []
        if _stalled(row, member.date_joined, now):
            reasons.append(STALLED)
        if (
            member.date_joined <= recent_from
            and member.pk in active_before
            and member.pk not in active_recently
        ):
            reasons.append(FALLING)
        if not reasons:
            continue
        stall = onboarding_stall_step(row) if row is not None else str(OnboardingStep.PROFILE)
        done = sum(1 for f in STEP_FIELDS.values() if row is not None and getattr(row, f))
        assignment = assigned.get(member.pk)
        at_risk.append(
            AtRiskMember(
                member_id=member.pk,
                username=member.username,
                name=member.name,
                date_joined=member.date_joined,
                channel=key,
                channel_name=names.get(key, key),
                steps_done=done,
                stall_step=stall,
                stall_label=str(labels.get(stall, "")) if stall else "",
                last_active=last_active.get(member.pk),
                reasons=tuple(reasons),
                assignee=assignment.assignee.username if assignment else None,
            )
        )
    groups = _groups(at_risk, judged, names, boards, reads)
    shown = [
        m
        for m in at_risk
        if (not channel or m.channel == channel) and (not step or m.stall_step == step)
    ]
    return AtRiskQueue(days=days, now=now, signups=len(members), members=shown, groups=groups)


def _groups(
    at_risk: list[AtRiskMember],
    judged: Counter[str],
    names: dict[str, str],
    boards: int,
    reads: int,
) -> list[ChannelGroup]:
    by_channel: dict[str, list[AtRiskMember]] = defaultdict(list)
    for m in at_risk:
        by_channel[m.channel].append(m)
    labels = dict(OnboardingStep.choices)
    groups = []
    for key, rows in by_channel.items():
        signups = judged[key]
        counts = Counter(m.stall_step for m in rows if STALLED in m.reasons and m.stall_step)
        steps = [
            StepCount(
                step=s, label=str(labels.get(s, s)), count=n, share=n / signups if signups else 0.0
            )
            for s, n in sorted(
                counts.items(), key=lambda item: (-item[1], list(STEP_FIELDS).index(item[0]))
            )
        ]
        headline = ""
        if steps and signups:
            top = steps[0]
            headline = _("%(share)s of %(channel)s sign-ups %(step)s") % {
                "share": f"{round(top.share * 100)}%",
                "channel": names.get(key, key),
                "step": step_phrase(top.step, boards, reads),
            }
        groups.append(ChannelGroup(key, names.get(key, key), signups, len(rows), steps, headline))
    groups.sort(key=lambda g: (-(g.steps[0].share if g.steps else 0.0), -g.at_risk, g.channel))
    return groups
