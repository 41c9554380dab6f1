"""Reads: one row per member, topic and day, with accumulated dwell time."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.db.models.functions import Least
from django.utils import timezone

from hearth.accounts.models import User
from hearth.community.events import ReadRecorded
from hearth.community.models import Read, Topic
from hearth.core.events import publish

MAX_DWELL_PER_BEACON = 1800
MAX_DWELL_PER_DAY = 4 * 3600


def read_record(
    *,
    member: User,
    topic: Topic,
    dwell_seconds: int = 0,
    source: str = "",
    depth: int | None = None,
) -> Read:
    """Count a member's read of ``topic`` today and add the dwell time the page reports.

    ``depth`` is the deepest point of the topic the page reached (percent, 0–100);
    the day's read keeps the largest one reported."""
    dwell = max(0, min(int(dwell_seconds), MAX_DWELL_PER_BEACON))
    depth = max(0, min(int(depth), 100)) if depth is not None else None
    day = timezone.localdate()
    with transaction.atomic():
        read = Read.objects.filter(member=member, topic=topic, day=day).first()
        first_today = read is None
        if read is None:
            try:
                with transaction.atomic():
                    read = Read.objects.create(
                        member=member,
                        topic=topic,
                        day=day,
                        dwell_seconds=dwell,
                        depth=depth,
                        source=source[:20],
                    )
                Topic.objects.filter(pk=topic.pk).update(read_count=F("read_count") + 1)
            except IntegrityError:
                first_today = False
                read = Read.objects.get(member=member, topic=topic, day=day)
        if not first_today and dwell:
            Read.objects.filter(pk=read.pk).update(
                dwell_seconds=Least(F("dwell_seconds") + dwell, MAX_DWELL_PER_DAY)
            )
        if not first_today and depth is not None:
            Read.objects.filter(
                Q(depth__isnull=True) | Q(depth__lt=depth), pk=read.pk
            ).update(depth=depth)
        publish(
            ReadRecorded(
                member_id=member.pk,
                topic_id=topic.pk,
                board_id=topic.board_id,
                day=day.isoformat(),
                dwell_seconds=dwell,
                first_today=first_today,
                depth=depth,
            )
        )
    return read


def topic_view_count(*, topic: Topic) -> None:
    """Count an anonymous view."""
    Topic.objects.filter(pk=topic.pk).update(view_count=F("view_count") + 1)
