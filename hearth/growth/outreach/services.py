"""Creating and sending an outreach: the audience split, then messages, idempotently.

``outreach_create`` records every member of the audience as a recipient,
treated or holdout (the holdout receives nothing, and is what makes the lift
honest). ``outreach_send`` goes through the treated recipients not yet handled,
one at a time, so that a send that stopped midway (a crash, the hourly e-mail
cap, a batch's end) resumes without sending anything twice: a recipient is
handled once it has ``notified_at``, ``emailed_at`` or a skip reason.

Sending runs in the request for ``BATCH_SIZE`` recipients at a time; a bigger
audience is sent by pressing "send the rest" (background workers arrive with
issue #7).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.events.models import Event, EventStatus
from hearth.events.services import event_invite
from hearth.growth.models import (
    MessagePreference,
    Outreach,
    OutreachKind,
    OutreachRecipient,
    OutreachStatus,
    RecipientGroup,
    SkipReason,
)
from hearth.growth.outreach.holdout import holdout_split
from hearth.growth.outreach.mail import message_render, outreach_body, outreach_email
from hearth.notifications.models import Verb
from hearth.notifications.services import notification_create

RATE_LIMIT_HOURS = 72
"""A member gets at most one outreach message in this many hours (others: rate_limited)."""
EMAILS_PER_HOUR = 1000
"""At most this many outreach e-mails leave in any hour; the rest wait for "send the rest"."""
BATCH_SIZE = 500
"""Recipients handled per call (one request)."""
HOLDOUT_MAX = 0.5
NOTIFICATION_TEXT_MAX = 300


@dataclass(frozen=True)
class SendReport:
    notified: int
    emailed: int
    skipped: int
    remaining: int
    capped: bool


def _check(
    *,
    name: str,
    subject: str,
    body: str,
    in_site: bool,
    email: bool,
    kind: str,
    event: Event | None,
    holdout_share: float,
    return_days: int,
    member_ids: Sequence[int],
) -> None:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = _("Give the outreach a name.")
    if not subject.strip():
        errors["subject"] = _("Write a subject.")
    if not body.strip():
        errors["body"] = _("Write the message.")
    if not in_site and not email:
        errors["in_site"] = _("Choose in-site notification, e-mail or both.")
    if not 0 <= holdout_share <= HOLDOUT_MAX:
        errors["holdout_share"] = _("The holdout is between 0 and 50%.")
    if not 1 <= return_days <= 60:
        errors["return_days"] = _("Count returns over 1 to 60 days.")
    if kind == OutreachKind.EVENT_INVITE:
        if event is None:
            errors["event"] = _("Choose the event to invite members to.")
        elif event.status != EventStatus.PUBLISHED or event.ends_at <= timezone.now():
            errors["event"] = _("Invite members to a published event that is not over.")
    if not member_ids:
        errors["audience"] = _("Nobody to send to: the audience has no members.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def outreach_create(
    *,
    name: str,
    subject: str,
    body: str,
    member_ids: Sequence[int],
    audience: str = "",
    in_site: bool = True,
    email: bool = False,
    kind: str = OutreachKind.MESSAGE,
    event: Event | None = None,
    segment_id: int | None = None,
    holdout_share: float = 0.1,
    return_days: int = 7,
    created_by: User | None = None,
    now: dt.datetime | None = None,
) -> Outreach:
    """A draft outreach with its recipients split into treated and holdout.

    ``member_ids`` must already be cleaned (``audience_clean``). Raises
    ValidationError naming the field that is wrong.
    """
    _check(
        name=name,
        subject=subject,
        body=body,
        in_site=in_site,
        email=email,
        kind=kind,
        event=event,
        holdout_share=holdout_share,
        return_days=return_days,
        member_ids=member_ids,
    )
    outreach = Outreach.objects.create(
        name=name.strip(),
        kind=kind,
        audience=audience[:200],
        segment_id=segment_id,
        subject=subject.strip(),
        body=body.strip(),
        in_site=in_site,
        email=email,
        event=event if kind == OutreachKind.EVENT_INVITE else None,
        holdout_share=holdout_share,
        return_days=return_days,
        created_by=created_by,
        created_at=now or timezone.now(),
    )
    treated, holdout = holdout_split(
        outreach_id=outreach.pk, member_ids=member_ids, share=holdout_share
    )
    OutreachRecipient.objects.bulk_create(
        [
            OutreachRecipient(outreach=outreach, member_id=m, group=RecipientGroup.TREATED)
            for m in treated
        ]
        + [
            OutreachRecipient(outreach=outreach, member_id=m, group=RecipientGroup.HOLDOUT)
            for m in holdout
        ]
    )
    return outreach


def _pending(outreach: Outreach) -> Q:
    return Q(
        outreach=outreach,
        group=RecipientGroup.TREATED,
        skipped="",
        notified_at__isnull=True,
        emailed_at__isnull=True,
    )


def outreach_pending_count(outreach: Outreach) -> int:
    """Treated recipients not handled yet."""
    return OutreachRecipient.objects.filter(_pending(outreach)).count()


def _recently_messaged(member_ids: list[int], outreach: Outreach, now: dt.datetime) -> set[int]:
    since = now - dt.timedelta(hours=RATE_LIMIT_HOURS)
    rows = (
        OutreachRecipient.objects.filter(member_id__in=member_ids)
        .exclude(outreach=outreach)
        .filter(Q(notified_at__gte=since) | Q(emailed_at__gte=since))
    )
    return set(rows.values_list("member_id", flat=True))


def _skip_reason(outreach: Outreach, member: User, pref: MessagePreference | None) -> str:
    """Why nothing can reach ``member`` ("" when at least one chosen kind can)."""
    site_off = pref is not None and pref.in_site_unsubscribed_at is not None
    mail_off = pref is not None and pref.email_unsubscribed_at is not None
    if outreach.in_site and not site_off:
        return ""
    if outreach.email and not mail_off and member.email:
        return ""
    if (outreach.in_site and site_off) or (outreach.email and mail_off):
        return SkipReason.UNSUBSCRIBED
    return SkipReason.NO_EMAIL


def _deliver(
    outreach: Outreach,
    row: OutreachRecipient,
    pref: MessagePreference | None,
    site_url: str,
    now: dt.datetime,
) -> tuple[bool, bool]:
    """Send what may reach the member; the row is saved in the same transaction."""
    member = row.member
    send_site = outreach.in_site and (pref is None or pref.in_site_unsubscribed_at is None)
    send_mail = (
        outreach.email
        and bool(member.email)
        and (pref is None or pref.email_unsubscribed_at is None)
    )
    with transaction.atomic():
        if outreach.event is not None:
            event_invite(event=outreach.event, member=member, now=now)
        if send_site:
            text = f"{message_render(outreach.subject, member)}: {outreach_body(outreach, member, site_url)}"
            notification_create(
                recipient_id=member.pk,
                verb=Verb.SYSTEM,
                text=text[:NOTIFICATION_TEXT_MAX],
            )
            row.notified_at = now
        if send_mail:
            outreach_email(outreach, member, site_url).send()
            row.emailed_at = now
        row.save(update_fields=["notified_at", "emailed_at"])
    return send_site, send_mail


def outreach_send(
    *,
    outreach: Outreach,
    site_url: str,
    now: dt.datetime | None = None,
    batch: int = BATCH_SIZE,
) -> SendReport:
    """Send to up to ``batch`` treated recipients not handled yet; a sent outreach sends nothing.

    Unsubscribed members are skipped (``unsubscribed``), as are members messaged by
    another outreach in the last ``RATE_LIMIT_HOURS`` (``rate_limited``). The
    outreach is ``sent`` once no treated recipient is left to handle.
    """
    now = now or timezone.now()
    if outreach.status == OutreachStatus.SENT:
        return SendReport(0, 0, 0, 0, capped=False)
    Outreach.objects.filter(pk=outreach.pk).update(
        status=OutreachStatus.SENDING, sent_at=outreach.sent_at or now
    )
    outreach.refresh_from_db()
    rows = list(
        OutreachRecipient.objects.filter(_pending(outreach))
        .select_related("member")
        .order_by("member_id")[:batch]
    )
    ids = [r.member_id for r in rows]
    prefs = {p.member_id: p for p in MessagePreference.objects.filter(member_id__in=ids)}
    recent = _recently_messaged(ids, outreach, now)
    mail_budget = (
        EMAILS_PER_HOUR
        - OutreachRecipient.objects.filter(emailed_at__gt=now - dt.timedelta(hours=1)).count()
    )
    notified = emailed = skipped = 0
    capped = False
    for row in rows:
        pref = prefs.get(row.member_id)
        reason = _skip_reason(outreach, row.member, pref)
        if not reason and row.member_id in recent:
            reason = SkipReason.RATE_LIMITED
        if reason:
            row.skipped = reason
            row.save(update_fields=["skipped"])
            skipped += 1
            continue
        if outreach.email and mail_budget <= 0:
            capped = True
            break
        site, mail = _deliver(outreach, row, pref, site_url, now)
        notified += site
        emailed += mail
        mail_budget -= mail
    remaining = outreach_pending_count(outreach)
    if remaining == 0:
        Outreach.objects.filter(pk=outreach.pk).update(status=OutreachStatus.SENT)
        outreach.status = OutreachStatus.SENT
    return SendReport(notified, emailed, skipped, remaining, capped)
