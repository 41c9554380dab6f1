"""Shares: record that a topic goes out to WeChat, Weibo, QQ or a copied link."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_noop
from ninja import Router, Status

from hearth.api.auth import MEMBER, member
from hearth.api.errors import ERRORS_WRITE
from hearth.api.routers.topics import topic_or_404
from hearth.api.schemas import ShareIn, ShareOut
from hearth.community.services import share_create

router = Router(tags=[gettext_noop("shares")])


@router.post(
    "/topics/{topic_id}/shares",
    response={201: ShareOut, **ERRORS_WRITE},
    auth=MEMBER,
    summary=gettext_noop("Share a topic to a channel and get the link to share"),
)
def share_add(request: HttpRequest, topic_id: int, payload: ShareIn) -> Status[ShareOut]:
    me = member(request)
    topic = topic_or_404(me, topic_id)
    share = share_create(member=me, topic=topic, channel=payload.channel)
    path = reverse("community:share_visit", args=[share.code])
    out = ShareOut(code=share.code, channel=share.channel, url=request.build_absolute_uri(path))
    return Status(201, out)
