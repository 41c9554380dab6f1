"""The review queue: open items for held, flagged and reported content, and the decisions on them.

A moderator claims an item (the claim lapses after :data:`CLAIM_MINUTES`), then
approves it, edits and approves it, rejects it citing a rule (optionally with a
sanction), or escalates it to a community manager. Every step is audited; every
decision notifies the author and publishes :class:`ReviewDecided`.

Priority: the stored ``priority`` is updated on every write (severity, the
reports and their reporters' accuracy, the content's reach); the waiting time is
added when the queue is read (see :mod:`hearth.moderation.selectors.queue`).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.community.models import Reply, Status, Topic
from hearth.community.services import reply_edit, topic_edit
from hearth.core.events import publish
from hearth.moderation.content import content_get, content_set_status
from hearth.moderation.events import ReportUpheld, ReviewDecided
from hearth.moderation.models import CommunityRule, ContentKind, Report, ReviewItem
from hearth.moderation.selectors.queue import (
    CLAIM_MINUTES,
    CLAIM_TTL,
    can_decide_item,
    claim_holder,
    mean_pending_accuracy,
)
from hearth.moderation.services.audit import audit_record
from hearth.notifications.models import Verb
from hearth.notifications.services import notification_create

SANCTION_NONE = ""
SANCTION_WARNING = "warning"
SANCTION_LADDER = "ladder"  # the next step on the member's ladder
SANCTION_CHOICES = (SANCTION_NONE, SANCTION_WARNING, SANCTION_LADDER)

__all__ = ["CLAIM_MINUTES", "item_open", "priority_score"]


def priority_score(
    *,
    severity: int,
    reporter_accuracy: float = 0.0,
    report_count: int = 0,
    reach: int = 0,
    age_hours: float = 0.0,
) -> float:
    """Higher first: severity dominates, then trusted reports, reach and waiting time."""
    return round(
        severity * 10.0
        + reporter_accuracy * 5.0 * min(report_count, 5)
        + math.log1p(max(reach, 0)) * 2.0
        + min(age_hours, 72.0) / 6.0,
        3,
    )


def item_prioritise(item: ReviewItem, *, reach: int) -> None:
    """Set the stored priority (without the waiting time, which the queue adds when read)."""
    accuracy = mean_pending_accuracy(item) if item.pk and item.report_count else 0.0
    item.priority = priority_score(
        severity=item.severity,
        reporter_accuracy=accuracy,
        report_count=item.report_count,
        reach=reach,
    )


@transaction.atomic
def item_open(
    *,
    content_kind: str,
    content_id: int,
    author_id: int,
    board_id: int | None,
    origin: str,
    reasons: list[dict[str, Any]],
    scores: dict[str, float] | None = None,
    severity: int = 1,
    status_before: str = "",
) -> ReviewItem:
    """Open a review item for the text, or add the reasons to the one already open."""
    item = (
        ReviewItem.objects.select_for_update()
        .exclude(state=ReviewItem.State.DECIDED)
        .filter(content_kind=content_kind, content_id=content_id)
        .first()
    )
    content = content_get(content_kind, content_id)
    reach = content.reach if content is not None else 0
    if item is None:
        item = ReviewItem(
            content_kind=content_kind,
            content_id=content_id,
            author_id=author_id,
            board_id=board_id,
            origin=origin,
            status_before=status_before,
            created_at=timezone.now(),
        )
        item.reasons = []
    item.reasons = [*item.reasons, *reasons]
    item.scores = {**item.scores, **(scores or {})}
    item.severity = max(item.severity or 1, severity)
    item_prioritise(item, reach=reach)
    item.save()
    return item


# ---------------------------------------------------------------- claims


def _locked(item: ReviewItem) -> ReviewItem:
    """The item read again under a row lock: decisions act on its current state."""
    return ReviewItem.objects.select_for_update().get(pk=item.pk)


def _check_open(moderator: User, item: ReviewItem, now: dt.datetime) -> None:
    """Refuse to act on a decided item, on one claimed by someone else, or without permission."""
    if item.state == ReviewItem.State.DECIDED:
        raise ValidationError(_("This item has already been decided."), code="decided")
    if not can_decide_item(moderator, item):
        if item.state == ReviewItem.State.ESCALATED:
            raise PermissionDenied(
                _("This item was escalated: a community manager or an administrator decides it.")
            )
        raise PermissionDenied(_("You cannot decide review items."))
    holder = claim_holder(item, now=now)
    if holder is not None and holder.pk != moderator.pk and item.claimed_at is not None:
        left = item.claimed_at + CLAIM_TTL - now
        minutes = max(1, math.ceil(left.total_seconds() / 60))
        raise ValidationError(
            _(
                "%(name)s is handling this item (claimed %(at)s); "
                "their claim lapses in %(minutes)d min."
            )
            % {
                "name": holder.name,
                "at": timezone.localtime(item.claimed_at).strftime("%H:%M"),
                "minutes": minutes,
            },
            code="claimed",
        )


@transaction.atomic
def item_claim(*, moderator: User, item: ReviewItem) -> ReviewItem:
    """Take the item for the next 15 minutes, so that no other moderator handles it."""
    item = _locked(item)
    now = timezone.now()
    _check_open(moderator, item, now)
    before = {"claimed_by": item.claimed_by_id}
    item.claimed_by, item.claimed_at = moderator, now
    item.save(update_fields=["claimed_by", "claimed_at"])
    audit_record(
        actor=moderator,
        action="item.claim",
        target_kind="review_item",
        target_id=item.pk,
        member=item.author_id,
        before=before,
        after={"claimed_by": moderator.pk},
    )
    return item


@transaction.atomic
def item_release(*, moderator: User, item: ReviewItem) -> ReviewItem:
    """Give a claimed item back to the queue (only its holder can)."""
    item = _locked(item)
    if item.claimed_by_id != moderator.pk or item.state == ReviewItem.State.DECIDED:
        raise ValidationError(_("You do not hold this item."), code="not_claimed")
    item.claimed_by, item.claimed_at = None, None
    item.save(update_fields=["claimed_by", "claimed_at"])
    audit_record(
        actor=moderator,
        action="item.release",
        target_kind="review_item",
        target_id=item.pk,
        member=item.author_id,
        before={"claimed_by": moderator.pk},
        after={"claimed_by": None},
    )
    return item


# ---------------------------------------------------------------- decisions


def _topic_and_reply(item: ReviewItem) -> tuple[int | None, int | None]:
    if item.content_kind == ContentKind.TOPIC:
        return (
            item.content_id if Topic.objects.filter(pk=item.content_id).exists() else None
        ), None
    if item.content_kind == ContentKind.REPLY:
        topic_id = Reply.objects.filter(pk=item.content_id).values_list("topic_id", flat=True)
        found = topic_id.first()
        return found, item.content_id if found is not None else None
    return None, None


def notify_author(item: ReviewItem, text: str) -> None:
    """Tell the author of the item's content what moderation did (a MODERATION notification)."""
    topic_id, reply_id = _topic_and_reply(item)
    notification_create(
        recipient_id=item.author_id,
        verb=Verb.MODERATION,
        topic_id=topic_id,
        reply_id=reply_id,
        text=text,
    )


def _move_content(item: ReviewItem, status: str) -> tuple[str, str]:
    """Set the content's status; returns (before, after). Deleted or vanished content stays."""
    content = content_get(item.content_kind, item.content_id)
    if content is None:
        return "", ""
    if content.status == Status.DELETED or content.status == status:
        return content.status, content.status
    content_set_status(item.content_kind, item.content_id, status)
    return content.status, status


def _close(
    item: ReviewItem,
    *,
    moderator: User,
    outcome: str,
    now: dt.datetime,
    rule: CommunityRule | None = None,
    note: str = "",
) -> None:
    item.state = ReviewItem.State.DECIDED
    item.decided_by, item.decided_at = moderator, now
    item.decision_seconds = max(0, int((now - item.created_at).total_seconds()))
    item.outcome, item.rule, item.note = outcome, rule, note
    item.save()


def _settle_reports(item: ReviewItem, outcome: str) -> int:
    return Report.objects.filter(item=item, outcome=Report.Outcome.PENDING).update(outcome=outcome)


def _approved_text(item: ReviewItem) -> str:
    if item.content_kind == ContentKind.TOPIC:
        return _("Your topic was reviewed by a moderator and is published.")
    if item.content_kind == ContentKind.REPLY:
        return _("Your reply was reviewed by a moderator and is published.")
    return _("Your profile was reviewed by a moderator.")


def _rejected_text(item: ReviewItem, rule: CommunityRule, note: str) -> str:
    if item.content_kind == ContentKind.TOPIC:
        text = _("Your topic was rejected: it breaks the rule “%(rule)s”.")
    elif item.content_kind == ContentKind.REPLY:
        text = _("Your reply was rejected: it breaks the rule “%(rule)s”.")
    else:
        text = _("Your profile text was removed: it breaks the rule “%(rule)s”.")
    text %= {"rule": rule.title}
    if note:
        text += " " + _("Moderator's note: %(note)s") % {"note": note}
    return text + " " + _("Edit it to resubmit, or appeal the decision.")


def _decided(
    item: ReviewItem,
    moderator: User,
    *,
    action: str,
    before: dict[str, Any],
    after: dict[str, Any],
    note: str = "",
) -> None:
    """Audit the decision (before and after) and announce it."""
    audit_record(
        actor=moderator,
        action=action,
        target_kind=item.content_kind,
        target_id=item.content_id,
        member=item.author_id,
        before=before,
        after={
            **after,
            "state": item.state,
            "outcome": item.outcome,
            "rule": item.rule.code if item.rule else "",
            "item": item.pk,
            "decision_seconds": item.decision_seconds,
        },
        note=note,
    )
    publish(
        ReviewDecided(
            item_id=item.pk,
            content_kind=item.content_kind,
            content_id=item.content_id,
            author_id=item.author_id,
            outcome=item.outcome,
            moderator_id=moderator.pk,
            rule_id=item.rule_id,
        )
    )


def _approve(item: ReviewItem, moderator: User, *, outcome: str, action: str) -> ReviewItem:
    now = timezone.now()
    state = item.state
    before, after = _move_content(item, Status.PUBLISHED)
    _close(item, moderator=moderator, outcome=outcome, now=now)
    dismissed = _settle_reports(item, Report.Outcome.DISMISSED)
    _decided(
        item,
        moderator,
        action=action,
        before={"status": before, "state": state},
        after={"status": after, "reports_dismissed": dismissed},
    )
    notify_author(item, _approved_text(item))
    return item


@transaction.atomic
def item_approve(*, moderator: User, item: ReviewItem) -> ReviewItem:
    """Publish the content (its points follow); pending reports against it are dismissed."""
    item = _locked(item)
    _check_open(moderator, item, timezone.now())
    return _approve(item, moderator, outcome=ReviewItem.Outcome.APPROVED, action="item.approve")


@transaction.atomic
def item_edit_approve(
    *, moderator: User, item: ReviewItem, body: str, title: str = ""
) -> ReviewItem:
    """Correct the text (kept as a revision, by the moderator), then publish it."""
    item = _locked(item)
    _check_open(moderator, item, timezone.now())
    if item.content_kind == ContentKind.TOPIC:
        topic = Topic.objects.select_for_update().get(pk=item.content_id)
        topic_edit(
            editor=moderator,
            topic=topic,
            title=title or topic.title,
            body=body,
        )
    elif item.content_kind == ContentKind.REPLY:
        reply = (
            Reply.objects.select_for_update().select_related("topic__board").get(pk=item.content_id)
        )
        reply_edit(editor=moderator, reply=reply, body=body)
    else:
        raise ValidationError(_("Only topics and replies can be edited here."), code="kind")
    item.refresh_from_db()  # a held edit may have added the pipeline's reasons
    return _approve(item, moderator, outcome=ReviewItem.Outcome.EDITED, action="item.edit_approve")


def _issue_sanction(
    item: ReviewItem, moderator: User, rule: CommunityRule, sanction: str, note: str
) -> None:
    if not sanction:
        return
    from hearth.moderation.services.sanctions import sanction_issue

    sanction_issue(
        actor=moderator,
        member=User.objects.get(pk=item.author_id),
        rule=rule,
        kind=SANCTION_WARNING if sanction == SANCTION_WARNING else None,
        item=item,
        reason=note,
    )


def _check_reject(
    rule: CommunityRule | None, note: str, sanction: str
) -> tuple[CommunityRule, str]:
    if rule is None or not rule.active:
        raise ValidationError({"rule": _("Choose the community rule the content breaks.")})
    if sanction not in SANCTION_CHOICES:
        raise ValidationError({"sanction": _("Unknown sanction.")})
    note = note.strip()
    if len(note) > 1000:
        raise ValidationError({"note": _("Keep the note under 1,000 characters.")})
    return rule, note


@transaction.atomic
def item_reject(
    *,
    moderator: User,
    item: ReviewItem,
    rule: CommunityRule | None,
    note: str = "",
    sanction: str = SANCTION_NONE,
) -> ReviewItem:
    """Reject the content citing ``rule``: the author sees why and may edit it to resubmit.

    Pending reports are upheld (``ReportUpheld`` when there was at least one);
    ``sanction`` "warning" warns the author, "ladder" applies their next ladder step.
    """
    rule, note = _check_reject(rule, note, sanction)
    item = _locked(item)
    now = timezone.now()
    _check_open(moderator, item, now)
    state = item.state
    before, after = _move_content(item, Status.REJECTED)
    _close(
        item,
        moderator=moderator,
        outcome=ReviewItem.Outcome.REJECTED,
        now=now,
        rule=rule,
        note=note,
    )
    upheld = _settle_reports(item, Report.Outcome.UPHELD)
    _issue_sanction(item, moderator, rule, sanction, note)
    _decided(
        item,
        moderator,
        action="item.reject",
        before={"status": before, "state": state},
        after={"status": after, "reports_upheld": upheld, "sanction": sanction},
        note=note,
    )
    if upheld:
        publish(
            ReportUpheld(
                item_id=item.pk,
                member_id=item.author_id,
                content_kind=item.content_kind,
                content_id=item.content_id,
            )
        )
    notify_author(item, _rejected_text(item, rule, note))
    return item


@transaction.atomic
def item_escalate(*, moderator: User, item: ReviewItem, note: str) -> ReviewItem:
    """Pass the item to a community manager or an administrator, saying why."""
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Say why you escalate this item.")})
    if len(note) > 1000:
        raise ValidationError({"note": _("Keep the note under 1,000 characters.")})
    item = _locked(item)
    now = timezone.now()
    _check_open(moderator, item, now)
    if item.state == ReviewItem.State.ESCALATED:
        raise ValidationError(_("This item is already escalated."), code="escalated")
    item.state, item.escalated_at = ReviewItem.State.ESCALATED, now
    item.claimed_by, item.claimed_at = None, None
    item.reasons = [
        *item.reasons,
        {"code": "escalated", "message": note, "by": moderator.username, "at": now.isoformat()},
    ]
    item.save()
    audit_record(
        actor=moderator,
        action="item.escalate",
        target_kind=item.content_kind,
        target_id=item.content_id,
        member=item.author_id,
        before={"state": ReviewItem.State.OPEN, "item": item.pk},
        after={"state": ReviewItem.State.ESCALATED, "item": item.pk},
        note=note,
    )
    return item


# ---------------------------------------------------------------- bulk


@dataclass
class BulkResult:
    done: list[int] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)  # (item id, why)


BULK_MAX = 100


def items_bulk_decide(
    *,
    moderator: User,
    item_ids: list[int],
    action: str,
    rule: CommunityRule | None = None,
    note: str = "",
) -> BulkResult:
    """Approve or reject (citing one rule) several items; each is decided on its own.

    An item that cannot be decided (claimed by someone else, decided meanwhile,
    escalated) is refused with the reason and the others go ahead.
    """
    if action not in ("approve", "reject"):
        raise ValidationError({"action": _("Choose approve or reject.")})
    if not item_ids:
        raise ValidationError({"items": _("Select at least one item.")})
    if len(item_ids) > BULK_MAX:
        raise ValidationError({"items": _("Select at most %(n)d items.") % {"n": BULK_MAX}})
    if action == "reject":
        rule, note = _check_reject(rule, note, SANCTION_NONE)
    result = BulkResult()
    items = {i.pk: i for i in ReviewItem.objects.filter(pk__in=item_ids)}
    for pk in dict.fromkeys(item_ids):
        found = items.get(pk)
        if found is None:
            result.refused.append((pk, _("This item does not exist.")))
            continue
        try:
            with transaction.atomic():
                if action == "approve":
                    item_approve(moderator=moderator, item=found)
                else:
                    item_reject(moderator=moderator, item=found, rule=rule, note=note)
        except (ValidationError, PermissionDenied) as error:
            message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            result.refused.append((pk, message))
        else:
            result.done.append(pk)
    return result
