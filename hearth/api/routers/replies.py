"""Replies of a topic: list and answer."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Query, Router, Status

from hearth.api import selectors
from hearth.api.auth import ANYONE, MEMBER, OPTIONAL_AUTH_EXTRA, caller, member
from hearth.api.errors import ERRORS_READ, ERRORS_WRITE, fields_renamed
from hearth.api.pagination import PageParams, paginate
from hearth.api.routers.topics import topic_or_404
from hearth.api.schemas import ReplyIn, ReplyOut, ReplyPage
from hearth.community.services import reply_create

router = Router(tags=[gettext_noop("replies")])


@router.get(
    "/topics/{topic_id}/replies",
    response={200: ReplyPage, **ERRORS_READ},
    auth=ANYONE,
    openapi_extra=OPTIONAL_AUTH_EXTRA,
    summary=gettext_noop("List a topic's replies, oldest first"),
)
def reply_list(request: HttpRequest, topic_id: int, params: Query[PageParams]) -> dict[str, object]:
    user = caller(request)
    topic = topic_or_404(user, topic_id)
    page = paginate(selectors.reply_list_for_topic(topic=topic), params)
    liked = selectors.liked_reply_ids(user=user, reply_ids=[r.pk for r in page.items])
    return {**page.meta(), "items": [ReplyOut.of(r, liked=r.pk in liked) for r in page.items]}


@router.post(
    "/topics/{topic_id}/replies",
    response={201: ReplyOut, **ERRORS_WRITE},
    auth=MEMBER,
    summary=gettext_noop("Reply to a topic, optionally quoting one of its replies"),
)
def reply_add(request: HttpRequest, topic_id: int, payload: ReplyIn) -> Status[ReplyOut]:
    me = member(request)
    topic = topic_or_404(me, topic_id)
    quote = None
    if payload.quote_id is not None:
        quote = selectors.reply_get_visible(user=me, reply_id=payload.quote_id)
        if quote is None:
            raise ValidationError(
                {"quote_id": _("You can only quote a visible reply of this topic.")}
            )
    with fields_renamed({"quote": "quote_id"}):
        reply = reply_create(author=me, topic=topic, body=payload.body, quote=quote)
    return Status(201, ReplyOut.of(reply, liked=False))
