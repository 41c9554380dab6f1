"""Reports (举报): a member flags a topic or reply for the moderators."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from hearth.api import selectors
from hearth.api.auth import MEMBER, member
from hearth.api.errors import ERRORS_WRITE, Conflict, ErrorOut, NotFound
from hearth.moderation.models import Report, ReportReason
from hearth.moderation.services.reports import report_create

router = Router(tags=[gettext_noop("reports")])

REPORT_ERRORS = {**ERRORS_WRITE, 409: ErrorOut, 429: ErrorOut}


class ReportIn(Schema):
    kind: Literal["topic", "reply"] = Field(description=gettext_noop("What is reported."))
    id: int = Field(description=gettext_noop("The topic's or reply's id."))
    reason: Literal["spam", "vulgar", "abuse", "infringement", "false_info", "other"] = Field(
        description=gettext_noop(
            "spam (or advertising), vulgar, abuse, infringement, false_info or other."
        )
    )
    text: str = Field("", description=gettext_noop("Details; required with reason other."))


class ReportOut(Schema):
    id: int
    kind: str
    content_id: int
    reason: str
    text: str
    outcome: str = Field(description=gettext_noop("pending, upheld or dismissed."))
    created_at: dt.datetime

    @classmethod
    def of(cls, report: Report) -> ReportOut:
        return cls(
            id=report.pk,
            kind=report.content_kind,
            content_id=report.content_id,
            reason=report.reason,
            text=report.text,
            outcome=report.outcome,
            created_at=report.created_at,
        )


@router.post(
    "/reports",
    response={201: ReportOut, **REPORT_ERRORS},
    auth=MEMBER,
    summary=gettext_noop("Report a topic or reply to the moderators"),
    description=gettext_noop(
        "403 on one's own post, 404 when the post is not visible, 409 when already "
        "reported, 422 for a bad reason (other needs text), 429 past the daily limit."
    ),
)
def report_add(request: HttpRequest, payload: ReportIn) -> Status[ReportOut]:
    me = member(request)
    visible = (
        selectors.topic_get_visible(user=me, topic_id=payload.id)
        if payload.kind == "topic"
        else selectors.reply_get_visible(user=me, reply_id=payload.id)
    )
    if visible is None:
        raise NotFound(_("There is no such post."))
    try:
        report = report_create(
            reporter=me,
            kind=payload.kind,
            content_id=payload.id,
            reason=ReportReason(payload.reason),
            text=payload.text,
        )
    except ValidationError as exc:
        code = getattr(exc, "code", None)
        if code == "duplicate":
            raise Conflict(" ".join(exc.messages)) from exc
        if code == "rate_limited":
            raise HttpError(429, " ".join(exc.messages)) from exc
        raise
    return Status(201, ReportOut.of(report))
