"""The demo's dispute: a second-hand trade gone wrong, in progress, with a timeline."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext as _

from hearth.community.models import Status
from hearth.demo.moderation import effects, texts
from hearth.demo.moderation.members import not_ordinary, picked, published_replies
from hearth.moderation.models import Dispute, DisputeContent, DisputeEntry

if TYPE_CHECKING:
    from hearth.demo.moderation.plant import Planter

DAY = dt.timedelta(days=1)


def dispute(p: Planter) -> None:
    """A trade gone wrong between two members, in progress, with a timeline."""
    replies = (
        published_replies(p.now - 10 * DAY, p.now - 4 * DAY)
        .filter(topic__status=Status.PUBLISHED)
        .exclude(topic__author_id__in=not_ordinary())
    )
    reply = next(iter(picked(p.rng, replies.exclude(topic__author=F("author")), 1, set())), None)
    if reply is None:
        return
    moderator, opened = p.staff["moderator"], p.now - 3 * DAY
    seller, buyer = reply.topic.author_id, reply.author_id
    dispute = Dispute.objects.create(
        title=effects.DISPUTE_TITLE,
        state=Dispute.State.IN_PROGRESS,
        opened_by=moderator,
        assignee=moderator,
        created_at=opened,
    )
    dispute.parties.set([seller, buyer])
    DisputeContent.objects.bulk_create(
        [
            DisputeContent(dispute=dispute, content_kind="topic", content_id=reply.topic_id),
            DisputeContent(dispute=dispute, content_kind="reply", content_id=reply.pk),
        ]
    )
    with translation.override(settings.LANGUAGE_CODE):
        state_text = _("State: %(state)s.") % {"state": Dispute.State.IN_PROGRESS.label}
    timeline = [
        (DisputeEntry.Kind.NOTE, None, texts.DISPUTE_NOTE, "dispute.note"),
        (DisputeEntry.Kind.MESSAGE, seller, texts.DISPUTE_TO_SELLER, "dispute.message"),
        (DisputeEntry.Kind.MESSAGE, buyer, texts.DISPUTE_TO_BUYER, "dispute.message"),
        (DisputeEntry.Kind.STATE, None, state_text, "dispute.state"),
    ]
    target = ("dispute", dispute.pk)
    p.trail.log(
        opened,
        moderator,
        "dispute.open",
        target,
        None,
        after={"title": dispute.title, "parties": [seller, buyer]},
    )
    entries = []
    for k, (kind, recipient, body, action) in enumerate(timeline):
        at = opened + dt.timedelta(minutes=5 + 40 * k)
        entries.append(
            DisputeEntry(
                dispute=dispute,
                kind=kind,
                author=moderator,
                recipient_id=recipient,
                text=body,
                created_at=at,
            )
        )
        p.trail.log(at, moderator, action, target, recipient, note=body)
    DisputeEntry.objects.bulk_create(entries)
    p.counts["dispute_entries"] = len(entries)
