"""Likes on topics and replies: one per member, never on one's own post, undoable."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Router, Status

from hearth.accounts.models import User
from hearth.api import selectors
from hearth.api.auth import MEMBER, member
from hearth.api.errors import ERRORS_WRITE, Conflict, ErrorOut, NotFound
from hearth.api.routers.topics import topic_or_404
from hearth.api.schemas import LikeOut
from hearth.community.models import Reply, Topic
from hearth.community.services import like_give, like_withdraw

router = Router(tags=[gettext_noop("likes")])

LIKE_ERRORS = {**ERRORS_WRITE, 409: ErrorOut}


def _reply_or_404(me: User, reply_id: int) -> Reply:
    reply = selectors.reply_get_visible(user=me, reply_id=reply_id)
    if reply is None:
        raise NotFound(_("There is no reply at this address."))
    return reply


def _like(me: User, target: Topic | Reply) -> LikeOut:
    """Give a like; the service's refusals become 403 (own post) or 409 (already liked)."""
    try:
        like_give(member=me, target=target)
    except ValidationError as exc:
        message = " ".join(exc.messages)
        if target.author_id == me.pk:
            raise PermissionDenied(message) from exc
        raise Conflict(message) from exc
    target.refresh_from_db(fields=["like_count"])
    return LikeOut(liked=True, like_count=target.like_count)


def _unlike(me: User, target: Topic | Reply) -> LikeOut:
    """Withdraw a like; withdrawing a like that was never given is a 409."""
    try:
        like_withdraw(member=me, target=target)
    except ValidationError as exc:
        raise Conflict(" ".join(exc.messages)) from exc
    target.refresh_from_db(fields=["like_count"])
    return LikeOut(liked=False, like_count=target.like_count)


@router.post(
    "/topics/{topic_id}/like",
    response={201: LikeOut, **LIKE_ERRORS},
    auth=MEMBER,
    summary=gettext_noop("Like a topic"),
    description=gettext_noop("403 on one's own topic, 409 when already liked."),
)
def topic_like(request: HttpRequest, topic_id: int) -> Status[LikeOut]:
    me = member(request)
    return Status(201, _like(me, topic_or_404(me, topic_id)))


@router.delete(
    "/topics/{topic_id}/like",
    response={200: LikeOut, **LIKE_ERRORS},
    auth=MEMBER,
    summary=gettext_noop("Withdraw a like from a topic"),
)
def topic_unlike(request: HttpRequest, topic_id: int) -> LikeOut:
    me = member(request)
    return _unlike(me, topic_or_404(me, topic_id))


@router.post(
    "/replies/{reply_id}/like",
    response={201: LikeOut, **LIKE_ERRORS},
    auth=MEMBER,
    summary=gettext_noop("Like a reply"),
    description=gettext_noop("403 on one's own reply, 409 when already liked."),
)
def reply_like(request: HttpRequest, reply_id: int) -> Status[LikeOut]:
    me = member(request)
    return Status(201, _like(me, _reply_or_404(me, reply_id)))


@router.delete(
    "/replies/{reply_id}/like",
    response={200: LikeOut, **LIKE_ERRORS},
    auth=MEMBER,
    summary=gettext_noop("Withdraw a like from a reply"),
)
def reply_unlike(request: HttpRequest, reply_id: int) -> LikeOut:
    me = member(request)
    return _unlike(me, _reply_or_404(me, reply_id))
