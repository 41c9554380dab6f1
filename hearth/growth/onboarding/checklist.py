"""The member's checklist as pages draw it: each step, its points, its next action."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hearth.accounts.models import User
from hearth.community.models import BoardFollow, Read, Status, Topic
from hearth.community.permissions import visible_board_levels
from hearth.gamification.actions import PointAction
from hearth.gamification.selectors import point_rule_list
from hearth.growth.models import STEP_FIELDS, OnboardingProgress, OnboardingStep
from hearth.growth.onboarding.config import onboarding_settings_get

CARD_DAYS = 30
"""The home page card shows to members who joined this many days ago or less."""


@dataclass(frozen=True)
class ChecklistStep:
    key: str
    label: str
    done_at: dt.datetime | None
    points: int
    action_label: str
    action_url: str


@dataclass(frozen=True)
class Checklist:
    progress: OnboardingProgress
    steps: list[ChecklistStep]
    topic: Topic | None

    @property
    def done(self) -> int:
        return sum(1 for s in self.steps if s.done_at is not None)

    @property
    def percent(self) -> int:
        return round(100 * self.done / len(self.steps))

    @property
    def next_step(self) -> ChecklistStep | None:
        return next((s for s in self.steps if s.done_at is None), None)

    @property
    def points_left(self) -> int:
        return sum(s.points for s in self.steps if s.done_at is None)


def onboarding_step_points() -> int:
    """Points one step earns under the active rule (0 when the rule is off)."""
    rule = point_rule_list().filter(action=PointAction.ONBOARDING_STEP, active=True).first()
    return max(0, rule.points) if rule is not None else 0


def step_label(step: str) -> str:
    """The step's name, with the thresholds staff set."""
    settings = onboarding_settings_get()
    if step == OnboardingStep.BOARDS:
        n = settings.boards_required
        return ngettext("Follow %(n)d board", "Follow %(n)d boards", n) % {"n": n}
    if step == OnboardingStep.READS:
        n = settings.reads_required
        return ngettext("Read %(n)d topic", "Read %(n)d topics", n) % {"n": n}
    return str(OnboardingStep(step).label)


def topic_to_read(*, member: User) -> Topic | None:
    """A lively published topic the member has not read, from a followed board if any."""
    unread = (
        Topic.objects.filter(
            status=Status.PUBLISHED, board__visibility__in=visible_board_levels(member)
        )
        .exclude(author_id=member.pk)
        .exclude(Exists(Read.objects.filter(member_id=member.pk, topic_id=OuterRef("pk"))))
        .order_by("-last_activity_at")
    )
    followed = BoardFollow.objects.filter(member_id=member.pk).values("board_id")
    return unread.filter(board_id__in=followed).first() or unread.first()


def _actions(topic: Topic | None) -> dict[str, tuple[str, str]]:
    topic_url = reverse("community:topic", args=[topic.pk]) if topic else reverse("community:home")
    return {
        OnboardingStep.PROFILE: (_("Edit your profile"), reverse("accounts:settings")),
        OnboardingStep.BOARDS: (_("See boards for you"), "#boards"),
        OnboardingStep.READS: (_("Read a topic"), topic_url),
        OnboardingStep.LIKE: (_("Like a post you enjoy"), topic_url),
        OnboardingStep.REPLY: (_("Reply to a topic"), topic_url),
        OnboardingStep.TOPIC: (_("Start a topic"), reverse("community:topic_new")),
    }


def checklist_for(*, member: User, progress: OnboardingProgress) -> Checklist:
    topic = topic_to_read(member=member) if progress.completed_at is None else None
    points = onboarding_step_points()
    actions = _actions(topic)
    steps = [
        ChecklistStep(
            key=str(step),
            label=step_label(step),
            done_at=getattr(progress, field),
            points=points,
            action_label=actions[step][0],
            action_url=actions[step][1],
        )
        for step, field in STEP_FIELDS.items()
    ]
    return Checklist(progress=progress, steps=steps, topic=topic)


def card_is_due(*, member: User, progress: OnboardingProgress | None) -> bool:
    """The home card shows to a recent member whose checklist is open and not dismissed."""
    if progress is None or progress.completed_at or progress.dismissed_at:
        return False
    return member.date_joined >= timezone.now() - dt.timedelta(days=CARD_DAYS)
