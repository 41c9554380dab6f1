"""Disputes (纠纷): a case between members, with linked content and a timeline, handled by staff.

Every action adds a timeline entry and an audit entry; a message to a party
also notifies that member.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.moderation.content import content_get
from hearth.moderation.models import ContentKind, Dispute, DisputeContent, DisputeEntry
from hearth.moderation.services.audit import audit_record
from hearth.moderation.services.sanctions import can_issue_sanctions
from hearth.notifications.models import Verb
from hearth.notifications.services import notification_create

TITLE_MAX = 120
TEXT_MAX = 4000
PARTIES_MAX = 20
CONTENTS_MAX = 20

_TOPIC_PATH = re.compile(r"/t/(?P<topic>\d+)/?")
_REPLY_ANCHOR = re.compile(r"^reply-(?P<reply>\d+)$")
_SHORT = re.compile(r"^(?P<kind>topic|reply|t|r)\s*[:#]?\s*(?P<id>\d+)$", re.IGNORECASE)


def can_handle_disputes(user: Any) -> bool:
    return can_issue_sanctions(user)


def _require(actor: User) -> None:
    if not can_handle_disputes(actor):
        raise PermissionDenied(_("You cannot handle disputes."))


@dataclass(frozen=True)
class PostRef:
    kind: str
    pk: int


def content_ref_parse(text: str) -> PostRef:
    """A topic or reply named by its address (…/t/12/#reply-34), ``topic:12``, ``r34`` or ``12``."""
    value = text.strip()
    short = _SHORT.match(value)
    if short:
        kind = ContentKind.TOPIC if short["kind"].lower().startswith("t") else ContentKind.REPLY
        return PostRef(kind=kind, pk=int(short["id"]))
    if value.isdigit():
        return PostRef(kind=ContentKind.TOPIC, pk=int(value))
    parts = urlsplit(value)
    path = _TOPIC_PATH.search(parts.path)
    if path is not None:
        anchor = _REPLY_ANCHOR.match(parts.fragment)
        if anchor is not None:
            return PostRef(kind=ContentKind.REPLY, pk=int(anchor["reply"]))
        return PostRef(kind=ContentKind.TOPIC, pk=int(path["topic"]))
    raise ValidationError(
        _("“%(text)s” is not a topic or reply address, nor topic:ID or reply:ID.") % {"text": value}
    )


def _checked_refs(refs: list[PostRef]) -> list[PostRef]:
    unique = list(dict.fromkeys(refs))
    if len(unique) > CONTENTS_MAX:
        raise ValidationError({"contents": _("Link at most %(n)d posts.") % {"n": CONTENTS_MAX}})
    for ref in unique:
        if content_get(ref.kind, ref.pk) is None:
            raise ValidationError(
                {
                    "contents": _("There is no %(kind)s with the id %(id)d.")
                    % {"kind": ContentKind(ref.kind).label.lower(), "id": ref.pk}
                }
            )
    return unique


def _entry(
    dispute: Dispute, *, kind: str, author: User, text: str, recipient: User | None = None
) -> DisputeEntry:
    return DisputeEntry.objects.create(
        dispute=dispute, kind=kind, author=author, recipient=recipient, text=text
    )


def _clean_text(text: str, field: str, empty: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError({field: empty})
    if len(text) > TEXT_MAX:
        raise ValidationError({field: _("Keep it under %(n)d characters.") % {"n": TEXT_MAX}})
    return text


def _audit(actor: User, dispute: Dispute, action: str, **fields: Any) -> None:
    audit_record(actor=actor, action=action, target_kind="dispute", target_id=dispute.pk, **fields)


@transaction.atomic
def dispute_open(
    *,
    actor: User,
    title: str,
    parties: list[User],
    contents: list[PostRef] | None = None,
    note: str = "",
) -> Dispute:
    """Open a case between ``parties`` (at least one member), linking the posts it is about."""
    _require(actor)
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Give the dispute a title.")})
    if len(title) > TITLE_MAX:
        raise ValidationError(
            {"title": _("The title is at most %(n)d characters.") % {"n": TITLE_MAX}}
        )
    members = list({p.pk: p for p in parties}.values())
    if not members:
        raise ValidationError({"parties": _("Name at least one member involved.")})
    if len(members) > PARTIES_MAX:
        raise ValidationError({"parties": _("At most %(n)d members.") % {"n": PARTIES_MAX}})
    refs = _checked_refs(contents or [])
    dispute = Dispute.objects.create(title=title, opened_by=actor)
    dispute.parties.set(members)
    DisputeContent.objects.bulk_create(
        DisputeContent(dispute=dispute, content_kind=r.kind, content_id=r.pk) for r in refs
    )
    if note.strip():
        _entry(dispute, kind=DisputeEntry.Kind.NOTE, author=actor, text=note.strip()[:TEXT_MAX])
    _audit(
        actor,
        dispute,
        "dispute.open",
        after={
            "title": title,
            "parties": [m.username for m in members],
            "contents": [f"{r.kind}:{r.pk}" for r in refs],
        },
    )
    return dispute


@transaction.atomic
def dispute_link(
    *, actor: User, dispute: Dispute, parties: list[User], contents: list[PostRef]
) -> Dispute:
    """Add members and posts to an open case."""
    _require(actor)
    present = set(dispute.parties.values_list("pk", flat=True))
    new_members = [p for p in {p.pk: p for p in parties}.values() if p.pk not in present]
    if len(present) + len(new_members) > PARTIES_MAX:
        raise ValidationError({"parties": _("At most %(n)d members.") % {"n": PARTIES_MAX}})
    linked = {PostRef(kind=c.content_kind, pk=c.content_id) for c in dispute.contents.all()}
    new_refs = [r for r in _checked_refs(contents) if r not in linked]
    if len(linked) + len(new_refs) > CONTENTS_MAX:
        raise ValidationError({"contents": _("Link at most %(n)d posts.") % {"n": CONTENTS_MAX}})
    if not new_members and not new_refs:
        raise ValidationError(_("Nothing new to add."))
    dispute.parties.add(*new_members)
    DisputeContent.objects.bulk_create(
        DisputeContent(dispute=dispute, content_kind=r.kind, content_id=r.pk) for r in new_refs
    )
    _audit(
        actor,
        dispute,
        "dispute.link",
        after={
            "parties": [m.username for m in new_members],
            "contents": [f"{r.kind}:{r.pk}" for r in new_refs],
        },
    )
    return dispute


@transaction.atomic
def dispute_note(*, actor: User, dispute: Dispute, text: str) -> DisputeEntry:
    """A staff note on the timeline (the parties never see it)."""
    _require(actor)
    text = _clean_text(text, "text", _("Write the note."))
    entry = _entry(dispute, kind=DisputeEntry.Kind.NOTE, author=actor, text=text)
    _audit(actor, dispute, "dispute.note", after={"entry": entry.pk}, note=text)
    return entry


@transaction.atomic
def dispute_message(*, actor: User, dispute: Dispute, recipient: User, text: str) -> DisputeEntry:
    """A message to one party: kept on the timeline and sent to them as a notification."""
    _require(actor)
    if not dispute.parties.filter(pk=recipient.pk).exists():
        raise ValidationError({"recipient": _("Send messages to members involved in the dispute.")})
    text = _clean_text(text, "text", _("Write the message."))
    entry = _entry(
        dispute, kind=DisputeEntry.Kind.MESSAGE, author=actor, text=text, recipient=recipient
    )
    notification_create(
        recipient_id=recipient.pk,
        verb=Verb.MODERATION,
        actor_id=actor.pk,
        text=_("About “%(title)s”: %(text)s") % {"title": dispute.title, "text": text},
    )
    _audit(
        actor,
        dispute,
        "dispute.message",
        member=recipient,
        after={"entry": entry.pk, "recipient": recipient.username},
        note=text,
    )
    return entry


@transaction.atomic
def dispute_assign(*, actor: User, dispute: Dispute, assignee: User | None) -> Dispute:
    """Give the case to a moderator (None: nobody)."""
    _require(actor)
    if assignee is not None and not can_handle_disputes(assignee):
        raise ValidationError({"assignee": _("Assign the dispute to a moderator.")})
    before = {"assignee": dispute.assignee.username if dispute.assignee else None}
    dispute.assignee = assignee
    dispute.save(update_fields=["assignee"])
    after = {"assignee": assignee.username if assignee else None}
    text = (
        _("Assigned to %(name)s.") % {"name": assignee.username}
        if assignee is not None
        else _("No longer assigned.")
    )
    _entry(dispute, kind=DisputeEntry.Kind.STATE, author=actor, text=text)
    _audit(actor, dispute, "dispute.assign", before=before, after=after)
    return dispute


_SETTABLE = (Dispute.State.OPEN, Dispute.State.IN_PROGRESS, Dispute.State.CLOSED)


@transaction.atomic
def dispute_set_state(*, actor: User, dispute: Dispute, state: str) -> Dispute:
    """Open, in progress, or closed without outcome (resolving takes an outcome)."""
    _require(actor)
    if state not in _SETTABLE:
        raise ValidationError({"state": _("Choose open, in progress or closed.")})
    if state == dispute.state:
        raise ValidationError({"state": _("The dispute is already in that state.")})
    before = {"state": dispute.state}
    dispute.state = state
    dispute.resolved_at = timezone.now() if state == Dispute.State.CLOSED else None
    dispute.save(update_fields=["state", "resolved_at"])
    label = Dispute.State(state).label
    _entry(
        dispute,
        kind=DisputeEntry.Kind.STATE,
        author=actor,
        text=_("State: %(state)s.") % {"state": label},
    )
    _audit(actor, dispute, "dispute.state", before=before, after={"state": state})
    return dispute


@transaction.atomic
def dispute_resolve(*, actor: User, dispute: Dispute, outcome: str) -> Dispute:
    """Close the case with its outcome (what was decided and done)."""
    _require(actor)
    if dispute.state == Dispute.State.RESOLVED:
        raise ValidationError(_("The dispute is already resolved."))
    outcome = _clean_text(outcome, "outcome", _("Write the outcome."))
    before = {"state": dispute.state, "outcome": dispute.outcome}
    dispute.state = Dispute.State.RESOLVED
    dispute.outcome = outcome
    dispute.resolved_at = timezone.now()
    dispute.save(update_fields=["state", "outcome", "resolved_at"])
    _entry(dispute, kind=DisputeEntry.Kind.OUTCOME, author=actor, text=outcome)
    _audit(
        actor,
        dispute,
        "dispute.resolve",
        before=before,
        after={"state": dispute.state, "outcome": outcome},
        note=outcome,
    )
    return dispute
