"""Turning the compose form's audience (member ids, the at-risk queue, a segment) into members."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hearth.analytics.models import Segment
from hearth.analytics.segments.definition import SegmentError
from hearth.growth.outreach.audience import Audience, audience_clean, audience_of_segment
from hearth.growth.rescue import at_risk_queue


@dataclass(frozen=True)
class ResolvedAudience:
    audience: Audience
    label: str
    segment_id: int | None = None


def queue_key(days: int, channel: str, step: str) -> str:
    return f"{days}:{channel}:{step}"


def _queue(value: str) -> ResolvedAudience:
    days_text, _sep, rest = value.partition(":")
    channel, _sep, step = rest.partition(":")
    days = int(days_text) if days_text.isdigit() else 7
    queue = at_risk_queue(days=days, channel=channel, step=step)
    label = _("At-risk new members (last %(days)s days)") % {"days": queue.days}
    if channel:
        label += " · " + channel
    if step:
        label += " · " + step
    return ResolvedAudience(audience_clean(m.member_id for m in queue.members), label)


def audience_resolve(data: dict[str, Any]) -> ResolvedAudience:
    """The audience the form names; ValidationError on ``audience`` (or ``segment``) when none."""
    members: list[int] = data.get("members") or []
    if members:
        return ResolvedAudience(
            audience_clean(members), _("%(n)s chosen members") % {"n": len(members)}
        )
    if data.get("queue"):
        return _queue(str(data["queue"]))
    segment: Segment | None = data.get("segment")
    if segment is not None:
        try:
            audience = audience_of_segment(segment)
        except SegmentError as error:
            raise ValidationError({"segment": str(error)}) from error
        return ResolvedAudience(
            audience, _("Segment: %(name)s") % {"name": segment.name}, segment.pk
        )
    raise ValidationError(
        {"segment": _("Choose who receives it: members, the queue or a segment.")}
    )
