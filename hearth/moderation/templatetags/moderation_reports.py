"""The report (举报) button, and the author's view of a moderation decision.

Both are built as escaped strings (like :mod:`hearth.community.fragments`):
the topic page shows them on the topic and on up to 100 reply rows, so labels
are translated and URLs reversed once per page, and the rows cost one query
for the viewer's reports and one for the review items of rows that need a
notice, whatever their number.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from hearth.community import permissions
from hearth.community.fragments import RowExtras
from hearth.community.models import Status
from hearth.community.permissions import AnyUser
from hearth.community.selectors import ReplyView
from hearth.moderation.models import ContentKind, ReportReason, ReviewItem
from hearth.moderation.selectors.queue import can_review_queue, latest_item, latest_items
from hearth.moderation.selectors.reports import report_exists, reported_ids

register = template.Library()

NOTICE_STATUSES = (Status.HELD, Status.HIDDEN, Status.REJECTED)
_ID = 987_654_321


@dataclass(frozen=True)
class ReportLabels:
    """The report box's words, translated (and escaped) once per page."""

    button: str
    reason: str
    details: str
    submit: str
    reported: str
    thanks: str
    reasons: tuple[tuple[str, str], ...]

    @classmethod
    def translated(cls) -> ReportLabels:
        return cls(
            button=escape(_("Report")),
            reason=escape(_("Why are you reporting this post?")),
            details=escape(_("Details (required for “Other”)")),
            submit=escape(_("Send report")),
            reported=escape(_("Reported")),
            thanks=escape(_("Thank you: moderators will review it.")),
            reasons=tuple((value, escape(str(label))) for value, label in ReportReason.choices),
        )


def report_url(kind: str, pk: int) -> str:
    return reverse("moderation:report", args=[kind, pk])


def report_box_html(
    kind: str,
    pk: int,
    *,
    csrf_token: str,
    labels: ReportLabels,
    url: str = "",
    reported: bool = False,
    thanked: bool = False,
    error: str = "",
    reason: str = "",
    text: str = "",
) -> str:
    """The report button (a form in a disclosure: works without JavaScript), or "Reported"."""
    box_id = f"report-{kind}-{pk}"
    if reported or thanked:
        words = f"{labels.reported} · {labels.thanks}" if thanked else labels.reported
        role = ' role="status"' if thanked else ""
        return (
            f'<span class="report-box" id="{box_id}"><span class="chip" data-testid="reported"'
            f"{role}>⚑ {words}</span></span>"
        )
    url = url or report_url(kind, pk)
    options = "".join(
        f'<option value="{value}"{" selected" if value == reason else ""}>{label}</option>'
        for value, label in labels.reasons
    )
    alert = (
        f'<span class="action-error" role="alert" data-testid="report-error">{escape(error)}</span>'
        if error
        else ""
    )
    return (
        f'<span class="report-box" id="{box_id}">'
        f'<details class="share-menu report-menu"{" open" if error else ""}>'
        f'<summary class="button button-small" data-testid="report-button">⚑ {labels.button}'
        "</summary>"
        f'<form method="post" action="{url}" hx-post="{url}" hx-target="#{box_id}" '
        'hx-swap="outerHTML" class="share-options report-form" data-testid="report-form" '
        'style="flex-direction: column; align-items: stretch; width: 280px; white-space: normal">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">{alert}'
        f'<select name="reason" aria-label="{labels.reason}" required>{options}</select>'
        f'<input type="text" name="text" maxlength="500" value="{escape(text)}" '
        f'placeholder="{labels.details}" aria-label="{labels.details}">'
        f'<button type="submit" class="button button-small button-primary">{labels.submit}'
        "</button></form></details></span>"
    )


# ---------------------------------------------------------------- notices


def _appeal_url(item: ReviewItem) -> str:
    return reverse("moderation:appeal_item", args=[item.pk])


def _edit_url(kind: str, pk: int) -> str:
    if kind == ContentKind.TOPIC:
        return reverse("community:topic_edit", args=[pk])
    return reverse("moderation:reply_resubmit", args=[pk])


def _status_sentence(status: str, item: ReviewItem | None, *, for_author: bool) -> str:
    if status == Status.HELD:
        if for_author:
            return _("Your post is waiting for review; only you and moderators can see it.")
        return _("This post is waiting for review; only its author and moderators can see it.")
    if status == Status.HIDDEN:
        reported = (
            item is not None and item.state != ReviewItem.State.DECIDED and (item.report_count > 0)
        )
        if reported and for_author:
            return _(
                "Members reported your post, so it is hidden until a moderator reviews it; "
                "only you and moderators can see it."
            )
        if reported:
            return _("Hidden after members' reports, until a moderator reviews it.")
        if for_author:
            return _("A moderator hid your post; only you and moderators can see it.")
        return _("A moderator hid this post.")
    if for_author:
        return _("Your post was rejected by a moderator.")
    return _("This post was rejected; its author can edit it to resubmit.")


def notice_html(
    kind: str, pk: int, status: str, item: ReviewItem | None, *, for_author: bool, staff: bool
) -> str:
    """Why a post is held, hidden or rejected, and what its author (or a moderator) can do."""
    if status not in NOTICE_STATUSES:
        return ""
    lines = [escape(_status_sentence(status, item, for_author=for_author))]
    rejected = status == Status.REJECTED and item is not None and item.outcome == "rejected"
    if rejected and item is not None:
        if item.rule is not None:
            lines.append(escape(_("Rule broken: %(rule)s") % {"rule": item.rule.title}))
        if item.note:
            lines.append(escape(_("Moderator's note: %(note)s") % {"note": item.note}))
    links = []
    if status == Status.REJECTED and for_author:
        links.append(
            f'<a href="{_edit_url(kind, pk)}" data-testid="resubmit-link">'
            f"{escape(_('Edit it to resubmit'))}</a>"
        )
        appeal = _appeal_url(item) if rejected and item is not None else ""
        if appeal:
            links.append(f'<a href="{appeal}" data-testid="appeal-link">{escape(_("Appeal"))}</a>')
    if staff and item is not None:
        links.append(
            f'<a href="{reverse("cockpit:review_item", args=[item.pk])}" '
            f'data-testid="queue-link">{escape(_("Open in the review queue"))}</a>'
        )
    body = "".join(f'<p style="margin: 0 0 4px">{line}</p>' for line in lines)
    if links:
        body += f'<p class="notice-links" style="margin: 0">{" · ".join(links)}</p>'
    return (
        f'<div class="message message-warning moderation-notice" role="status" '
        f'data-testid="moderation-notice" data-status="{escape(status)}">{body}</div>'
    )


# ---------------------------------------------------------------- tags


@register.simple_tag(takes_context=True)
def report_button(context: dict[str, Any], kind: str, content: Any) -> SafeString:
    """The 举报 (report) button for a topic or reply: members, on others' published posts."""
    user = context["user"]
    if not user.is_authenticated or content.author_id == user.pk:
        return mark_safe("")
    if content.status != Status.PUBLISHED:
        return mark_safe("")
    reported = report_exists(member_id=user.pk, kind=kind, content_id=content.pk)
    html = report_box_html(
        kind,
        content.pk,
        csrf_token=str(context.get("csrf_token", "")),
        labels=ReportLabels.translated(),
        reported=reported,
    )
    return mark_safe(html)  # noqa: S308 (every value escaped in report_box_html)


def _is_moderator_of(context: dict[str, Any], content: Any) -> bool:
    page = context.get("tp")
    perms = getattr(page, "perms", None)
    if perms is not None:
        return bool(perms.moderate)
    topic = getattr(content, "topic", content)
    return permissions.can_moderate_topic(context["user"], topic)


@register.simple_tag(takes_context=True)
def moderation_notice(context: dict[str, Any], kind: str, content: Any) -> SafeString:
    """For the author: why their post is held, hidden or rejected, and what they can do.

    Moderators see the same, with a link to the item in the review queue.
    """
    user = context["user"]
    if content.status not in NOTICE_STATUSES or not user.is_authenticated:
        return mark_safe("")
    for_author = content.author_id == user.pk
    if not for_author and not _is_moderator_of(context, content):
        return mark_safe("")
    item = latest_item(kind=kind, content_id=content.pk)
    html = notice_html(
        kind, content.pk, content.status, item, for_author=for_author, staff=can_review_queue(user)
    )
    return mark_safe(html)  # noqa: S308 (escaped in notice_html)


# ---------------------------------------------------------------- reply rows


def reply_row_extras(rows: list[ReplyView], user: AnyUser, csrf_token: str) -> dict[int, RowExtras]:
    """The report button and the author's notice of each reply row (registered with the
    community's fragments in moderation's ``ready``): two queries at most per page."""
    if not user.is_authenticated or not rows:
        return {}
    reportable = {r.id for r in rows if r.author_id != user.pk and r.status == Status.PUBLISHED}
    noticed = [r.id for r in rows if r.status in NOTICE_STATUSES]
    done = reported_ids(member_id=user.pk, kind=ContentKind.REPLY, ids=reportable)
    items = latest_items(kind=ContentKind.REPLY, ids=noticed)
    labels = ReportLabels.translated()
    pattern = report_url(ContentKind.REPLY, _ID)
    staff = can_review_queue(user) if noticed else False
    extras: dict[int, RowExtras] = {}
    for row in rows:
        actions = ""
        if row.id in done or row.id in reportable:
            actions = report_box_html(
                ContentKind.REPLY,
                row.id,
                csrf_token=csrf_token,
                labels=labels,
                url=pattern.replace(str(_ID), str(row.id)),
                reported=row.id in done,
            )
        notice = ""
        if row.status in NOTICE_STATUSES:
            notice = notice_html(
                ContentKind.REPLY,
                row.id,
                row.status,
                items.get(row.id),
                for_author=row.author_id == user.pk,
                staff=staff,
            )
        if actions or notice:
            extras[row.id] = RowExtras(notice=notice, actions=actions)
    return extras
