"""Building blocks of the planted moderation rows: times, posts, reasons, the audit trail."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.community.models import Reply, Topic
from hearth.community.services import text
from hearth.core import markdown
from hearth.demo.moderation.effects import DECISION_MEDIAN_SECONDS, DECISION_SIGMA, WORDS
from hearth.demo.moderation.members import Post
from hearth.demo.moderation.texts import PHONE, QQ, WX
from hearth.moderation.models import AuditEntry, ReportReason, ScreeningRecord
from hearth.moderation.text.detectors import Reason as Detector
from hearth.moderation.text.detectors import Signal
from hearth.moderation.text.lexicon import Action, Category, Hit


@dataclass
class Trail:
    """Audit entries and screening records, collected, then written with two bulk inserts."""

    audit: list[AuditEntry] = field(default_factory=list)
    screenings: list[ScreeningRecord] = field(default_factory=list)

    def log(
        self,
        at: dt.datetime,
        actor: User | int | None,
        action: str,
        target: tuple[str, int | None],
        member: int | None,
        *,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
        note: str = "",
    ) -> None:
        kind, pk = target
        self.audit.append(
            AuditEntry(
                actor_id=actor.pk if isinstance(actor, User) else actor,
                action=action,
                target_kind=kind,
                target_id=pk,
                member_id=member,
                before=before or {},
                after=after or {},
                note=note,
                created_at=at,
            )
        )

    def write(self) -> None:
        AuditEntry.objects.bulk_create(sorted(self.audit, key=lambda e: e.created_at))
        ScreeningRecord.objects.bulk_create(self.screenings)


def local_day_end(at: dt.datetime) -> dt.datetime:
    return timezone.localtime(at).replace(hour=23, minute=59, second=0, microsecond=0)


def just_after(anchor: dt.datetime, rng: random.Random, now: dt.datetime) -> dt.datetime:
    """A moment minutes after ``anchor``, on the same local day and not after ``now``."""
    later = anchor + dt.timedelta(minutes=rng.uniform(3, 40))
    return max(anchor + dt.timedelta(seconds=1), min(later, local_day_end(anchor), now))


def decision_seconds(rng: random.Random) -> int:
    """A time to decision, log-normal around the planted median (40 s to 36 h)."""
    seconds = math.exp(rng.gauss(math.log(DECISION_MEDIAN_SECONDS), DECISION_SIGMA))
    return int(min(max(seconds, 40), 36 * 3600))


def new_post(
    kind: str,
    *,
    author_id: int,
    anchor: Post,
    title: str,
    body: str,
    at: dt.datetime,
    status: str,
) -> Topic | Reply:
    """An unsaved topic (in the anchor's board) or reply (in the anchor's topic), rendered."""
    html = text.render(body, text.mentions(body, exclude=author_id))
    if kind == "reply":
        return Reply(
            topic_id=anchor.topic_id,
            author_id=author_id,
            body=body,
            body_html=html,
            status=status,
            created_at=at,
        )
    topic = Topic(
        board_id=anchor.board_id,
        author_id=author_id,
        title=title,
        body=body,
        body_html=html,
        excerpt=markdown.excerpt(body),
        status=status,
        created_at=at,
        last_activity_at=at,
    )
    topic.hot_score = text.hot_score(topic)
    return topic


def contacts(written: str) -> list[Signal]:
    """The planted contact details in ``written``, as the detectors report them.

    The texts are ours, so the fakes are looked up directly: the detectors would
    first build their folding table, a second of demo build for three values.
    """
    found = []
    for value, reason in ((WX, Detector.WECHAT_ID), (PHONE, Detector.PHONE), (QQ, Detector.QQ_ID)):
        at = written.find(value)
        if at >= 0:
            found.append(Signal(reason, at, at + len(value), value))
    return sorted(found, key=lambda s: s.start)


def screening_reasons(written: str, *, posts_before: int | None = None) -> list[dict[str, Any]]:
    """What the pipeline says of ``written``: watched words, contact details, a new member."""
    from hearth.moderation.pipeline import reasons

    with translation.override(settings.LANGUAGE_CODE):
        texts = reasons.texts()
        found = []
        for term, category, action, severity, _hits in WORDS:
            at = written.find(term)
            if at >= 0 and action != "block":
                hit = Hit(
                    term, Category(category), Action(action), severity, at, at + len(term), term
                )
                found.append(reasons.word_reason(hit, texts))
        found += [reasons.detector_reason(s, texts, block=False) for s in contacts(written)]
        if posts_before is not None and posts_before < 3:
            found.append(reasons.first_posts_reason(posts_before + 1, 3, texts))
    return [asdict(r) for r in found]


def report_reasons(reports: Iterable[tuple[str, int]]) -> list[dict[str, Any]]:
    """The queue reasons the reports service gives, one per reason reported."""
    from hearth.moderation.services.reports import REASON_CATEGORY, REASON_SEVERITY

    with translation.override(settings.LANGUAGE_CODE):
        return [
            {
                "code": "report",
                "category": str(REASON_CATEGORY[reason]),
                "severity": REASON_SEVERITY[reason],
                "message": _("Reported by members: %(reason)s")
                % {"reason": str(ReportReason(reason).label)},
            }
            for reason, _n in reports
        ]


def severity_of(reasons: list[dict[str, Any]]) -> int:
    return max((int(r.get("severity", 1)) for r in reasons), default=1)
