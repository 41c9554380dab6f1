"""Demo: one past rescue outreach with a holdout, and returns that show its lift (effect 9).

Three weeks before ``now`` the team messaged the new members of the week before
who had not followed 3 boards (then the at-risk queue's biggest stall group):
10 % were held out. Some treated members read again within the 7 days counted
as a return (extra ``community.Read`` rows, picked up by the analytics
backfill, so this runs before ``activity_backfill``), so the treated return
rate is visibly above the holdout's. Two current new members are assigned to
the member-operations staffer. :func:`outreach_reset` deletes these rows.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from django.db.models import Count
from django.utils import timezone

from hearth.accounts.models import User
from hearth.community.models import BoardFollow, Read, Status, Topic
from hearth.community.services.text import hot_score
from hearth.demo.depth import demo_read_depth
from hearth.demo.effects import (
    FOLLOW_BOARDS_REQUIRED,
    OUTREACH_DAYS_AGO,
    OUTREACH_EXTRA_RETURN_RATE,
)
from hearth.growth.assignments import assignees, assignments_create
from hearth.growth.models import (
    Assignment,
    MessagePreference,
    Outreach,
    OutreachRecipient,
    OutreachStatus,
    RecipientGroup,
)
from hearth.growth.outreach.audience import audience_clean
from hearth.growth.outreach.services import outreach_create
from hearth.notifications.models import Notification, Verb

SUBJECT = "{name}，欢迎来到社区"
BODY = (
    "{name}，你好！关注 3 个感兴趣的版块，首页就会出现适合你的话题。"
    "有问题随时在「新手区」提问，我们都在。"
)
RETURN_DAYS = 7


def _stalled_new(joined_from: dt.datetime, joined_to: dt.datetime, at: dt.datetime) -> list[int]:
    """Members who joined in ``[joined_from, joined_to)`` with fewer than 3 boards followed by
    ``at`` (the board-follow stall of effect 5)."""
    joined = User.objects.filter(date_joined__gte=joined_from, date_joined__lt=joined_to)
    ids = list(joined.values_list("pk", flat=True))
    follows = (
        BoardFollow.objects.filter(member_id__in=ids, created_at__lt=at)
        .values("member_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=FOLLOW_BOARDS_REQUIRED)
    )
    followed = {row["member_id"] for row in follows}
    return audience_clean(m for m in ids if m not in followed).member_ids


def _extra_reads(rng: random.Random, members: list[int], sent_at: dt.datetime) -> list[Read]:
    topics = list(
        Topic.objects.filter(status=Status.PUBLISHED, created_at__lt=sent_at)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    seen = set(
        Read.objects.filter(member_id__in=members).values_list("member_id", "topic_id", "day")
    )
    reads = []
    for member in members:
        if not topics or rng.random() >= OUTREACH_EXTRA_RETURN_RATE:
            continue
        at = sent_at + dt.timedelta(hours=rng.uniform(3, 24 * (RETURN_DAYS - 2)))
        for topic in rng.sample(topics, min(len(topics), rng.randint(1, 2))):
            day = timezone.localdate(at)
            if (member, topic, day) in seen:
                continue
            seen.add((member, topic, day))
            dwell = rng.randint(30, 240)
            reads.append(
                Read(
                    member_id=member,
                    topic_id=topic,
                    day=day,
                    dwell_seconds=dwell,
                    depth=demo_read_depth(dwell, member, topic),
                    source="notification",
                    created_at=at,
                )
            )
    return reads


def _counters_add(reads: list[Read]) -> None:
    """Keep each read topic's read count and hot score in step with the planted rows."""
    per_topic = Counter(read.topic_id for read in reads)
    for topic in Topic.objects.filter(pk__in=per_topic):
        topic.read_count += per_topic[topic.pk]
        topic.hot_score = hot_score(topic)
        topic.save(update_fields=["read_count", "hot_score"])


def outreach_plant(seed: int, now: dt.datetime) -> None:
    """Plant the past outreach, its notifications and extra returns, and two assignments."""
    rng = random.Random(seed + 9)
    sent_at = now - dt.timedelta(days=OUTREACH_DAYS_AGO)
    staffer = assignees().first()
    audience = _stalled_new(sent_at - dt.timedelta(days=7), sent_at - dt.timedelta(days=2), sent_at)
    if len(audience) < 10:
        return
    outreach = outreach_create(
        name="新人第一周：关注版块提醒",
        subject=SUBJECT,
        body=BODY,
        member_ids=audience,
        audience="上周注册、还没关注 3 个版块的新人",
        in_site=True,
        email=False,
        holdout_share=0.1,
        return_days=RETURN_DAYS,
        created_by=staffer,
        now=sent_at - dt.timedelta(minutes=10),
    )
    Outreach.objects.filter(pk=outreach.pk).update(status=OutreachStatus.SENT, sent_at=sent_at)
    treated = OutreachRecipient.objects.filter(outreach=outreach, group=RecipientGroup.TREATED)
    treated.update(notified_at=sent_at)
    members = {u.pk: u for u in User.objects.filter(pk__in=treated.values("member_id"))}
    Notification.objects.bulk_create(
        Notification(
            recipient_id=pk,
            verb=Verb.SYSTEM,
            text=f"{SUBJECT}: {BODY}".replace("{name}", member.name)[:300],
            created_at=sent_at,
        )
        for pk, member in members.items()
    )
    reads = Read.objects.bulk_create(_extra_reads(rng, sorted(members), sent_at))
    _counters_add(reads)
    if staffer is not None:
        current = _stalled_new(now - dt.timedelta(days=7), now - dt.timedelta(days=2), now)
        picked = sorted(rng.sample(current, min(2, len(current))))
        if picked:
            assignments_create(
                member_ids=picked,
                assignee=staffer,
                assigned_by=None,
                note="私信问问卡在哪一步",
                now=now - dt.timedelta(hours=2),
            )


def outreach_reset() -> None:
    """Delete every outreach, assignment and message preference (the demo's own)."""
    Outreach.objects.all().delete()
    Assignment.objects.all().delete()
    MessagePreference.objects.all().delete()
