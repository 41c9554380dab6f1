"""Plant the demo's moderation history (see :mod:`hearth.demo.moderation.effects`)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Any

from django.db import transaction
from django.utils import timezone

from hearth.accounts.models import User
from hearth.community.models import Reply, Status, Topic
from hearth.community.selectors.featuring import feature_candidates
from hearth.demo.moderation import effects, queue, texts
from hearth.demo.moderation.cases import CasePlanter
from hearth.demo.moderation.dispute import dispute
from hearth.demo.moderation.members import ordinary_members, sample
from hearth.demo.moderation.rows import (
    Trail,
    decision_seconds,
    severity_of,
)
from hearth.moderation.defaults import moderation_restore_defaults
from hearth.moderation.models import (
    CommunityRule,
    Dispute,
    Report,
    ReviewItem,
    ScreeningRecord,
    WordList,
)
from hearth.moderation.services.queue import priority_score

HOUR = dt.timedelta(hours=1)
DECISION_ACTIONS: dict[str, str] = {
    ReviewItem.Outcome.APPROVED: "item.approve",
    ReviewItem.Outcome.EDITED: "item.edit_approve",
    ReviewItem.Outcome.REJECTED: "item.reject",
}
DAY = dt.timedelta(days=1)


def moderation_plant(*, seed: int, now: dt.datetime | None = None) -> dict[str, int]:
    """Plant the demo's moderation history; answers how many of each thing were planted."""
    now = now or timezone.now()
    with transaction.atomic():
        moderation_restore_defaults()
        WordList.objects.filter(name=effects.WORD_LIST).delete()
        Dispute.objects.filter(parties__isnull=True).delete()  # left by a reset of the members
        staff = {u.username: u for u in User.objects.filter(username__in=effects.MODERATOR_SHARES)}
        if len(staff) < len(effects.MODERATOR_SHARES):
            return {}
        planter = Planter(rng=random.Random(seed * 17 + 3), now=now, staff=staff)
        counts = planter.plant()
    from hearth.moderation.pipeline.state import words_changed

    words_changed()
    return counts


class Planter:
    """Writes each part of the history; ``trail`` collects the audit entries for one insert."""

    def __init__(self, *, rng: random.Random, now: dt.datetime, staff: dict[str, User]) -> None:
        self.rng, self.now, self.staff = rng, now, staff
        self.rules = {rule.code: rule for rule in CommunityRule.objects.all()}
        self.trail = Trail()
        self.used: set[int] = set()
        self.counts: Counter[str] = Counter()
        self.reporter_pool = list(
            ordinary_members()
            .filter(reply_count__gte=3)
            .order_by("pk")
            .values_list("pk", flat=True)
        )

    def plant(self) -> dict[str, int]:
        queue.word_list(self)
        queue.held_open(self)
        queue.reported_open(self)
        queue.approved(self)
        CasePlanter(self).plant()
        queue.dismissed(self)
        dispute(self)
        self.trail.write()
        picks = [
            c.topic.pk for c in feature_candidates(days=14, limit=effects.RECOMMENDED, now=self.now)
        ]
        until = self.now + dt.timedelta(days=effects.RECOMMEND_DAYS)
        self.counts["recommended"] = Topic.objects.filter(pk__in=picks).update(
            recommended_until=until
        )
        return dict(self.counts)

    # helpers -------------------------------------------------------------------------------

    def decider(self, *, other_than: User | None = None) -> User:
        names = [n for n in effects.MODERATOR_SHARES if self.staff[n] != other_than]
        weights = [effects.MODERATOR_SHARES[n] for n in names]
        return self.staff[self.rng.choices(names, weights)[0]]

    def reporters(self, n: int, *, author_id: int) -> list[int]:
        pool = [pk for pk in self.reporter_pool if pk != author_id and pk not in self.used]
        return sample(self.rng, pool, n)

    def decided_at(self, queued: dt.datetime) -> tuple[dt.datetime, int]:
        seconds = decision_seconds(self.rng)
        decided = min(queued + dt.timedelta(seconds=seconds), self.now)
        return decided, int((decided - queued).total_seconds())

    def open_item(self, post: Topic | Reply, kind: str, origin: str, **fields: Any) -> ReviewItem:
        """A saved review item for ``post``."""
        item = self.new_item(post, kind, origin, **fields)
        item.save()
        return item

    def new_item(self, post: Topic | Reply, kind: str, origin: str, **fields: Any) -> ReviewItem:
        """An unsaved review item for ``post``, queued at ``created_at`` with its reasons."""
        board_id = post.board_id if isinstance(post, Topic) else post.topic.board_id
        reasons = fields.pop("reasons")
        severity = severity_of(reasons)
        created = fields.pop("created_at")
        age = (self.now - created).total_seconds() / 3600
        item = ReviewItem(
            content_kind=kind,
            content_id=post.pk,
            author_id=post.author_id,
            board_id=board_id,
            origin=origin,
            reasons=reasons,
            severity=severity,
            created_at=created,
            priority=priority_score(
                severity=severity, report_count=fields.get("report_count", 0), age_hours=age
            ),
            **fields,
        )
        self.counts["items"] += 1
        return item

    def screened(self, item: ReviewItem, written: str) -> None:
        """The pipeline's record of a held post, and its audit entry (the system's)."""
        self.trail.screenings.append(
            ScreeningRecord(
                content_kind=item.content_kind,
                content_id=item.content_id,
                author_id=item.author_id,
                board_id=item.board_id,
                decision="hold",
                reasons=item.reasons,
                text=written,
                created_at=item.created_at,
            )
        )
        summary = {"decision": "hold", "reasons": [r["code"] for r in item.reasons], "scores": {}}
        self.trail.log(
            item.created_at,
            None,
            "pipeline.hold",
            (item.content_kind, item.content_id),
            item.author_id,
            after=summary,
        )

    def reports(
        self,
        item: ReviewItem,
        reason: str,
        n: int,
        *,
        until: dt.datetime,
        outcome: str = Report.Outcome.PENDING,
    ) -> None:
        """``n`` members report the item's post between its queueing and ``until``."""
        rows = []
        span = max((until - item.created_at).total_seconds(), 60.0)
        for k, reporter in enumerate(self.reporters(n, author_id=item.author_id)):
            at = item.created_at + dt.timedelta(seconds=span * k / max(n, 1))
            rows.append(
                Report(
                    reporter_id=reporter,
                    content_kind=item.content_kind,
                    content_id=item.content_id,
                    reason=reason,
                    text=texts.REPORT_DETAILS.get(reason, ""),
                    item=item,
                    outcome=outcome,
                    created_at=at,
                )
            )
        Report.objects.bulk_create(rows)
        for report in rows:
            self.trail.log(
                report.created_at,
                report.reporter_id,
                "report.create",
                (item.content_kind, item.content_id),
                item.author_id,
                after={"report": report.pk, "reason": reason, "item": item.pk},
            )
        self.counts["reports"] += len(rows)

    def decide(
        self,
        item: ReviewItem,
        moderator: User,
        at: dt.datetime,
        seconds: int,
        *,
        outcome: str,
        rule: CommunityRule | None = None,
        note: str = "",
    ) -> None:
        """Close the item with the moderator's decision, and audit it (before and after)."""
        self.close(item, moderator, at, seconds, outcome=outcome, rule=rule, note=note)
        item.save()
        self.log_decision(item)

    @staticmethod
    def close(
        item: ReviewItem,
        moderator: User,
        at: dt.datetime,
        seconds: int,
        *,
        outcome: str,
        rule: CommunityRule | None = None,
        note: str = "",
    ) -> None:
        item.state, item.decided_by, item.decided_at = ReviewItem.State.DECIDED, moderator, at
        item.decision_seconds, item.outcome, item.rule, item.note = seconds, outcome, rule, note

    def log_decision(self, item: ReviewItem) -> None:
        """The decision's audit entry, as the queue services write it."""
        outcome, rule, at = item.outcome, item.rule, item.decided_at or self.now
        action = DECISION_ACTIONS[outcome]
        before = Status.HELD if item.origin == ReviewItem.Origin.HELD else Status.PUBLISHED
        after = Status.REJECTED if outcome == ReviewItem.Outcome.REJECTED else Status.PUBLISHED
        self.trail.log(
            at,
            item.decided_by,
            action,
            (item.content_kind, item.content_id),
            item.author_id,
            before={"status": before, "state": ReviewItem.State.OPEN},
            after={
                "status": after,
                "state": item.state,
                "outcome": outcome,
                "rule": rule.code if rule else "",
                "item": item.pk,
                "decision_seconds": item.decision_seconds,
            },
            note=item.note,
        )
        self.counts[f"decided_{outcome}"] += 1
