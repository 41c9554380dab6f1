"""Members report (举报) topics and replies; reports feed the review queue.

A report joins the content's open review item (or opens one). When
``hide_after_reports`` distinct trusted members have reports pending on it,
the content is hidden until a moderator decides.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hearth.accounts.models import User
from hearth.community.models import Status
from hearth.community.permissions import local_day_start
from hearth.moderation.content import ContentView, content_get, content_set_status
from hearth.moderation.models import (
    ContentKind,
    ModerationSettings,
    Report,
    ReportReason,
    ReviewItem,
    WordCategory,
)
from hearth.moderation.selectors.reports import (
    NO_RECORD,
    moderation_settings,
    report_exists,
    reporter_is_trusted,
    reporter_records,
    reports_made_since,
)
from hearth.moderation.services.audit import audit_record
from hearth.moderation.services.queue import item_open, item_prioritise, notify_author

REPORTABLE_KINDS = (ContentKind.TOPIC, ContentKind.REPLY)
TEXT_MAX = 500

REASON_CATEGORY: dict[str, str] = {
    ReportReason.SPAM: WordCategory.ADVERTISING,
    ReportReason.VULGAR: WordCategory.VULGAR,
    ReportReason.ABUSE: WordCategory.ABUSE,
    ReportReason.INFRINGEMENT: WordCategory.INFRINGEMENT,
    ReportReason.FALSE_INFO: WordCategory.ADVERTISING,
    ReportReason.OTHER: WordCategory.CUSTOM,
}
REASON_SEVERITY: dict[str, int] = {
    ReportReason.SPAM: 2,
    ReportReason.VULGAR: 2,
    ReportReason.ABUSE: 3,
    ReportReason.INFRINGEMENT: 2,
    ReportReason.FALSE_INFO: 2,
    ReportReason.OTHER: 1,
}


def _clean_input(kind: str, reason: str, text: str) -> str:
    if kind not in REPORTABLE_KINDS:
        raise ValidationError({"kind": _("Only topics and replies can be reported.")})
    if reason not in ReportReason.values:
        raise ValidationError({"reason": _("Choose one of the reasons.")})
    text = (text or "").strip()
    if reason == ReportReason.OTHER and not text:
        raise ValidationError({"text": _("Say what is wrong with this post.")})
    if len(text) > TEXT_MAX:
        raise ValidationError(
            {"text": _("Keep the details under %(n)d characters.") % {"n": TEXT_MAX}}
        )
    return text


def _rate_check(reporter: User, settings: ModerationSettings) -> None:
    limit = settings.reports_per_day
    if reports_made_since(member_id=reporter.pk, since=local_day_start()) >= limit:
        raise ValidationError(
            ngettext(
                "You can report %(n)d post a day. Thank you for your help; try again tomorrow.",
                "You can report %(n)d posts a day. Thank you for your help; try again tomorrow.",
                limit,
            )
            % {"n": limit},
            code="rate_limited",
        )


def _reportable(reporter: User, kind: str, content_id: int) -> ContentView:
    if not reporter.is_authenticated or not reporter.is_active:
        raise PermissionDenied(_("Log in to report a post."))
    content = content_get(kind, content_id)
    if content is None or content.status != Status.PUBLISHED:
        raise ValidationError(
            _("This post cannot be reported: it is not shown."), code="unavailable"
        )
    if content.author_id == reporter.pk:
        raise PermissionDenied(_("You cannot report your own post."))
    return content


def _duplicate() -> ValidationError:
    return ValidationError(_("You have already reported this post."), code="duplicate")


def _new_reasons(kind: str, content_id: int, reason: str) -> list[dict[str, object]]:
    """The queue reason for this report, unless the open item already names its category."""
    category = REASON_CATEGORY[reason]
    existing = (
        ReviewItem.objects.exclude(state=ReviewItem.State.DECIDED)
        .filter(content_kind=kind, content_id=content_id)
        .values_list("reasons", flat=True)
        .first()
    )
    if any(r.get("code") == "report" and r.get("category") == category for r in existing or []):
        return []
    label = str(ReportReason(reason).label)
    return [
        {
            "code": "report",
            "category": category,
            "severity": REASON_SEVERITY[reason],
            "message": _("Reported by members: %(reason)s") % {"reason": label},
        }
    ]


@transaction.atomic
def report_create(
    *, reporter: User, kind: str, content_id: int, reason: str, text: str = ""
) -> Report:
    """Report a topic or reply (not one's own, once, within the daily limit).

    Raises ValidationError (bad input; code ``duplicate``, ``rate_limited`` or
    ``unavailable``) or PermissionDenied (one's own post).
    """
    text = _clean_input(kind, reason, text)
    content = _reportable(reporter, kind, content_id)
    settings = moderation_settings()
    if report_exists(member_id=reporter.pk, kind=kind, content_id=content_id):
        raise _duplicate()
    _rate_check(reporter, settings)
    try:
        with transaction.atomic():
            report = Report.objects.create(
                reporter=reporter, content_kind=kind, content_id=content_id, reason=reason,
                text=text,
            )  # fmt: skip
    except IntegrityError as error:  # the same member, twice at once
        raise _duplicate() from error
    item = item_open(
        content_kind=kind,
        content_id=content_id,
        author_id=content.author_id,
        board_id=content.board_id,
        origin=ReviewItem.Origin.REPORTED,
        reasons=_new_reasons(kind, content_id, reason),
        severity=REASON_SEVERITY[reason],
    )
    report.item = item
    report.save(update_fields=["item"])
    item.report_count += 1
    item_prioritise(item, reach=content.reach)
    item.save(update_fields=["report_count", "priority"])
    audit_record(
        actor=reporter,
        action="report.create",
        target_kind=kind,
        target_id=content_id,
        member=content.author_id,
        after={"report": report.pk, "reason": reason, "item": item.pk},
    )
    _hide_if_trusted(item, content, settings)
    return report


def trusted_reporters(item: ReviewItem, settings: ModerationSettings) -> int:
    """How many distinct trusted members have a report pending on the item."""
    reporters = list(
        User.objects.filter(
            reports_made__item=item, reports_made__outcome=Report.Outcome.PENDING
        ).distinct()
    )
    records = reporter_records(u.pk for u in reporters)
    return sum(
        1
        for member in reporters
        if reporter_is_trusted(member, record=records.get(member.pk, NO_RECORD), settings=settings)
    )


def _hide_if_trusted(item: ReviewItem, content: ContentView, settings: ModerationSettings) -> None:
    needed = settings.hide_after_reports
    if needed <= 0 or content.status != Status.PUBLISHED:
        return
    if trusted_reporters(item, settings) < needed:
        return
    content_set_status(content.kind, content.pk, Status.HIDDEN)
    item.status_before = content.status
    item.reasons = [
        *item.reasons,
        {
            "code": "hidden_by_reports",
            "severity": 1,
            "message": ngettext(
                "Hidden after reports from %(n)d trusted member.",
                "Hidden after reports from %(n)d trusted members.",
                needed,
            )
            % {"n": needed},
        },
    ]
    item.save(update_fields=["status_before", "reasons"])
    audit_record(
        actor=None,
        action="content.hide",
        target_kind=content.kind,
        target_id=content.pk,
        member=content.author_id,
        before={"status": content.status},
        after={"status": Status.HIDDEN, "item": item.pk},
        note="trusted reports",
    )
    notify_author(
        item,
        _(
            "Several members reported your post, so it is hidden until a moderator "
            "reviews it. You will be told the outcome."
        ),
    )
