"""The rejected posts of the demo (``effects.CASES``), their sanctions, and the appeals."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from hearth.community.models import Status
from hearth.demo.moderation import effects, texts
from hearth.demo.moderation.effects import Case
from hearth.demo.moderation.members import (
    Post,
    PostIndex,
    ordinary_members,
    picked,
    published_replies,
)
from hearth.demo.moderation.rows import just_after, new_post, report_reasons, screening_reasons
from hearth.moderation.models import Appeal, CommunityRule, Report, ReviewItem, Sanction
from hearth.moderation.services.sanctions import sanction_snapshot

if TYPE_CHECKING:
    from hearth.accounts.models import User
    from hearth.demo.moderation.plant import Planter

MINUTE = dt.timedelta(minutes=1)
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
Decided = tuple[ReviewItem, Sanction | None]


class CasePlanter:
    """Finds a member for each offender of ``effects.CASES`` and writes what happened."""

    def __init__(self, planter: Planter) -> None:
        self.p = planter
        self.decided: dict[str, list[Decided]] = defaultdict(list)

    def plant(self) -> None:
        groups: dict[str, list[Case]] = defaultdict(list)
        for case in effects.CASES:
            groups[case.who].append(case)
        regulars = ordinary_members().filter(reply_count__gte=10, reply_count__lte=80)
        candidates = list(regulars.order_by("pk").values_list("pk", flat=True)[:150])
        index = PostIndex(candidates, self.p.now - 60 * DAY, self.p.now)
        for cases in groups.values():
            found = self._offender(index, candidates, cases)
            if found is None:
                continue
            member, anchors = found
            for case, anchor in zip(cases, anchors, strict=True):
                self.reject(member, case, anchor)
            self.p.used.add(member)
        self.appeals()
        self.overturned()

    def _offender(
        self, index: PostIndex, candidates: list[int], cases: list[Case]
    ) -> tuple[int, list[Post]] | None:
        for member in candidates:
            if member in self.p.used:
                continue
            anchors = [
                index.anchor(member, c.kind, self.p.now - dt.timedelta(days=c.days_ago), 2 * DAY)
                for c in cases
            ]
            fitting = [a for a in anchors if a is not None]
            if len(fitting) == len(cases) and len({a.pk for a in fitting}) == len(cases):
                return member, fitting
        return None

    def reject(self, member: int, case: Case, anchor: Post) -> None:
        """The post, its item (held or reported), the rejection, and the sanction if any."""
        p = self.p
        title, body = texts.REJECTED[case.text]
        title = title if case.kind == "topic" else ""
        at = just_after(anchor.at, p.rng, p.now)
        post = new_post(
            case.kind,
            author_id=member,
            anchor=anchor,
            title=title,
            body=texts.fill(body),
            at=at,
            status=Status.REJECTED,
        )
        post.save()
        written = f"{title}\n\n{post.body}" if title else post.body
        reported = case.origin == ReviewItem.Origin.REPORTED
        queued = min(at + dt.timedelta(minutes=p.rng.uniform(20, 360)), p.now) if reported else at
        item = p.open_item(
            post,
            case.kind,
            case.origin,
            created_at=queued,
            reasons=report_reasons(case.reports) if reported else screening_reasons(written),
            report_count=sum(n for _reason, n in case.reports),
        )
        if not reported:
            p.screened(item, written)
        decided, seconds = p.decided_at(queued)
        for reason, n in case.reports:
            p.reports(item, reason, n, until=decided, outcome=Report.Outcome.UPHELD)
        moderator, rule = p.decider(), p.rules[case.rule]
        note = texts.REJECT_NOTES[case.rule]
        p.decide(
            item,
            moderator,
            decided,
            seconds,
            outcome=ReviewItem.Outcome.REJECTED,
            rule=rule,
            note=note,
        )
        sanction = self.sanction(item, case.sanction, moderator, rule) if case.sanction else None
        self.decided[case.who].append((item, sanction))

    def sanction(
        self, item: ReviewItem, spec: str, moderator: User, rule: CommunityRule
    ) -> Sanction:
        """``spec`` is "kind:hours:step"; a sanction still running is not seen yet."""
        kind, hours, step = spec.split(":")
        at = item.decided_at or self.p.now
        ends = at + dt.timedelta(hours=int(hours)) if hours else None
        running = ends is not None and ends > self.p.now
        sanction = Sanction.objects.create(
            member_id=item.author_id,
            kind=kind,
            step=int(step),
            rule=rule,
            reason=item.note,
            starts_at=at,
            ends_at=ends,
            issued_by=moderator,
            item=item,
            created_at=at,
            seen_at=None if running else min(at + 2 * HOUR, self.p.now),
        )
        self.p.trail.log(
            at,
            moderator,
            "sanction.issue",
            ("sanction", sanction.pk),
            item.author_id,
            after=sanction_snapshot(sanction),
            note=item.note,
        )
        self.p.counts["sanctions"] += 1
        return sanction

    def _file(self, item: ReviewItem, text: str, *, after: dt.timedelta) -> Appeal:
        filed = min((item.decided_at or self.p.now) + after, self.p.now - 5 * MINUTE)
        appeal = Appeal.objects.create(
            appellant_id=item.author_id, item=item, text=text, created_at=filed
        )
        self.p.trail.log(
            filed,
            item.author_id,
            "appeal.file",
            ("appeal", appeal.pk),
            item.author_id,
            after={"item": item.pk, "sanction": None, "state": Appeal.State.PENDING},
            note=text,
        )
        self.p.counts["appeals"] += 1
        return appeal

    def _reviewer(self, item: ReviewItem) -> User:
        order = ("manager", "admin", "moderator")
        return next(self.p.staff[n] for n in order if self.p.staff[n].pk != item.decided_by_id)

    def appeals(self) -> None:
        """One appeal still pending, one where the decision stands."""
        if self.decided.get(effects.PENDING_APPEAL):
            item, _sanction = self.decided[effects.PENDING_APPEAL][0]
            self._file(item, texts.APPEAL_PENDING, after=3 * HOUR)
        if self.decided.get(effects.UPHELD_APPEAL):
            item, _sanction = self.decided[effects.UPHELD_APPEAL][0]
            appeal = self._file(item, texts.APPEAL_UPHELD, after=20 * HOUR)
            reviewer = self._reviewer(item)
            appeal.state, appeal.reviewed_by = Appeal.State.UPHELD, reviewer
            appeal.decided_at = min(appeal.created_at + DAY, self.p.now)
            appeal.response = texts.UPHELD_RESPONSE
            appeal.save()
            self.p.trail.log(
                appeal.decided_at,
                reviewer,
                "appeal.uphold",
                ("appeal", appeal.pk),
                item.author_id,
                before={"state": Appeal.State.PENDING},
                after={"state": appeal.state},
                note=appeal.response,
            )

    def overturned(self) -> None:
        """A reply rejected as advertising and warned for; the appeal restores both."""
        p = self.p
        replies = published_replies(p.now - 15 * DAY, p.now - 8 * DAY)
        reply = next(iter(picked(p.rng, replies, 1, p.used)), None)
        if reply is None:
            return
        n = effects.OVERTURNED_REPORTS
        queued = reply.created_at + dt.timedelta(hours=p.rng.uniform(1, 6))
        item = p.open_item(
            reply,
            "reply",
            ReviewItem.Origin.REPORTED,
            created_at=queued,
            reasons=report_reasons([("spam", n)]),
            report_count=n,
        )
        decided, seconds = p.decided_at(queued)
        p.reports(item, "spam", n, until=decided, outcome=Report.Outcome.DISMISSED)
        moderator, rule = p.staff["moderator"], p.rules["no-ads"]
        p.decide(
            item,
            moderator,
            decided,
            seconds,
            outcome=ReviewItem.Outcome.REJECTED,
            rule=rule,
            note=texts.REJECT_NOTES["no-ads"],
        )
        sanction = self.sanction(item, "warning::1", moderator, rule)
        appeal = self._file(item, texts.APPEAL_OVERTURNED, after=5 * HOUR)
        reviewer, why = p.staff["manager"], texts.OVERTURNED_RESPONSE
        at = min(appeal.created_at + DAY, p.now)
        before = sanction_snapshot(sanction)
        sanction.lifted_at, sanction.lifted_by, sanction.lift_reason = at, reviewer, why
        sanction.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
        p.trail.log(
            at,
            reviewer,
            "sanction.lift",
            ("sanction", sanction.pk),
            reply.author_id,
            before=before,
            after=sanction_snapshot(sanction),
            note=why,
        )
        item.overturned = True
        item.save(update_fields=["overturned"])
        appeal.state, appeal.reviewed_by, appeal.decided_at = Appeal.State.OVERTURNED, reviewer, at
        appeal.response = why
        appeal.save()
        changes = {
            "content_restored": True,
            "reports_dismissed": n,
            "sanctions_lifted": [sanction.pk],
        }
        p.trail.log(
            at,
            reviewer,
            "appeal.overturn",
            ("appeal", appeal.pk),
            reply.author_id,
            before={"state": Appeal.State.PENDING},
            after={"state": appeal.state, **changes},
            note=why,
        )
        p.used.add(reply.author_id)
