"""Appeals (申诉): a member contests one rejection or one sanction, once; another moderator decides.

Overturning a rejection publishes the content again (its points come back
through the gamification subscribers), dismisses its reports (the reporters'
accuracy follows), withdraws the "report upheld" penalty and lifts the
sanctions issued for it. Overturning a sanction lifts it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.community.models import Status
from hearth.core.events import publish
from hearth.gamification.services import points_reverse
from hearth.moderation.content import content_get, content_set_status
from hearth.moderation.events import DecisionOverturned
from hearth.moderation.models import Appeal, Report, ReviewItem, Sanction
from hearth.moderation.services.audit import audit_record
from hearth.moderation.services.sanctions import can_issue_sanctions, sanction_lift
from hearth.notifications.models import Verb
from hearth.notifications.services import notification_create

TEXT_MAX = 2000


def item_appeal_refusal(member: User, item: ReviewItem) -> str | None:
    """Why ``member`` may not appeal this decision (None: they may)."""
    if item.author_id != member.pk:
        return _("Only the author of the post can appeal this decision.")
    if item.outcome != ReviewItem.Outcome.REJECTED or item.overturned:
        return _("Only a rejection that still stands can be appealed.")
    if Appeal.objects.filter(item_id=item.pk).exists():
        return _("You have already appealed this decision.")
    return None


def sanction_appeal_refusal(member: User, sanction: Sanction) -> str | None:
    """Why ``member`` may not appeal this sanction (None: they may)."""
    if sanction.member_id != member.pk:
        return _("Only the sanctioned member can appeal this sanction.")
    if sanction.lifted_at is not None:
        return _("This sanction was lifted; there is nothing to appeal.")
    if Appeal.objects.filter(sanction_id=sanction.pk).exists():
        return _("You have already appealed this sanction.")
    return None


@transaction.atomic
def appeal_file(
    *,
    member: User,
    text: str,
    item: ReviewItem | None = None,
    sanction: Sanction | None = None,
) -> Appeal:
    """File the member's one appeal against ``item`` (a rejection) or ``sanction``."""
    if (item is None) == (sanction is None):
        raise ValidationError(_("An appeal is against one decision or one sanction."))
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Say why you think the decision is wrong.")})
    if len(text) > TEXT_MAX:
        raise ValidationError({"text": _("Keep it under %(n)d characters.") % {"n": TEXT_MAX}})
    if item is not None:
        item = ReviewItem.objects.select_for_update().get(pk=item.pk)
        refusal = item_appeal_refusal(member, item)
    else:
        assert sanction is not None
        sanction = Sanction.objects.select_for_update().get(pk=sanction.pk)
        refusal = sanction_appeal_refusal(member, sanction)
    if refusal is not None:
        raise ValidationError(refusal)
    appeal = Appeal.objects.create(appellant=member, item=item, sanction=sanction, text=text)
    audit_record(
        actor=member,
        action="appeal.file",
        target_kind="appeal",
        target_id=appeal.pk,
        member=member,
        after={"item": appeal.item_id, "sanction": appeal.sanction_id, "state": appeal.state},
        note=text,
    )
    return appeal


def appeal_decider(appeal: Appeal) -> int | None:
    """Who took the contested decision (None: the system)."""
    if appeal.item is not None:
        return appeal.item.decided_by_id
    return appeal.sanction.issued_by_id if appeal.sanction is not None else None


def appeal_review_refusal(user: Any, appeal: Appeal) -> str | None:
    """Why ``user`` may not decide this appeal (None: they may)."""
    if not can_issue_sanctions(user):
        return _("You cannot review appeals.")
    if appeal.state != Appeal.State.PENDING:
        return _("This appeal has already been decided.")
    if appeal.appellant_id == user.pk:
        return _("You cannot review your own appeal.")
    if appeal_decider(appeal) == user.pk:
        return _(
            "A different moderator must review this appeal: you took the decision it contests."
        )
    return None


def can_review_appeal(user: Any, appeal: Appeal) -> bool:
    return appeal_review_refusal(user, appeal) is None


def _overturn_item(actor: User, item: ReviewItem, why: str) -> dict[str, Any]:
    """Undo a rejection; returns what changed, for the audit log."""
    content = content_get(item.content_kind, item.content_id)
    restored = False
    if content is not None and content.status not in (Status.PUBLISHED, Status.DELETED):
        content_set_status(item.content_kind, item.content_id, Status.PUBLISHED)
        restored = True
    item.overturned = True
    item.save(update_fields=["overturned"])
    dismissed = Report.objects.filter(item_id=item.pk).update(outcome=Report.Outcome.DISMISSED)
    reversed_points = points_reverse(source_key=f"report_upheld:{item.pk}", reason=why)
    lifted = []
    for sanction in item.sanctions.filter(lifted_at__isnull=True).order_by("pk"):
        sanction_lift(actor=actor, sanction=sanction, reason=why)
        lifted.append(sanction.pk)
    return {
        "content_restored": restored,
        "reports_dismissed": dismissed,
        "penalties_reversed": len(reversed_points),
        "sanctions_lifted": lifted,
    }


def _outcome_text(appeal: Appeal) -> str:
    if appeal.state == Appeal.State.OVERTURNED:
        text = (
            _("Your appeal was accepted: the post is restored.")
            if appeal.item_id is not None
            else _("Your appeal was accepted: the sanction is lifted.")
        )
    else:
        text = _("Your appeal was reviewed and the decision stands.")
    if appeal.response:
        text = f"{text} {appeal.response}"
    return text


@transaction.atomic
def appeal_decide(*, actor: User, appeal: Appeal, overturn: bool, response: str = "") -> Appeal:
    """Uphold (with an answer to the member) or overturn the contested decision."""
    locked = (
        Appeal.objects.select_for_update(of=("self",))
        .select_related("item", "sanction", "appellant")
        .get(pk=appeal.pk)
    )
    if not can_issue_sanctions(actor):
        raise PermissionDenied(_("You cannot review appeals."))
    refusal = appeal_review_refusal(actor, locked)
    if refusal is not None:
        raise ValidationError(refusal)
    response = response.strip()
    if not overturn and not response:
        raise ValidationError({"response": _("Tell the member why the decision stands.")})
    before = {"state": locked.state}
    changes: dict[str, Any] = {}
    why = response or _("Overturned on appeal.")
    if overturn and locked.item is not None:
        changes = _overturn_item(actor, locked.item, why)
    elif overturn and locked.sanction is not None and locked.sanction.lifted_at is None:
        sanction_lift(actor=actor, sanction=locked.sanction, reason=why)
        changes = {"sanctions_lifted": [locked.sanction.pk]}
    locked.state = Appeal.State.OVERTURNED if overturn else Appeal.State.UPHELD
    locked.reviewed_by = actor
    locked.decided_at = timezone.now()
    locked.response = response
    locked.save(update_fields=["state", "reviewed_by", "decided_at", "response"])
    audit_record(
        actor=actor,
        action="appeal.overturn" if overturn else "appeal.uphold",
        target_kind="appeal",
        target_id=locked.pk,
        member=locked.appellant_id,
        before=before,
        after={"state": locked.state, **changes},
        note=response,
    )
    if overturn:
        publish(
            DecisionOverturned(
                appeal_id=locked.pk,
                member_id=locked.appellant_id,
                item_id=locked.item_id,
                sanction_id=locked.sanction_id,
            )
        )
    notification_create(
        recipient_id=locked.appellant_id,
        verb=Verb.MODERATION,
        actor_id=actor.pk,
        text=_outcome_text(locked),
    )
    return locked
