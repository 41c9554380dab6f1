"""Topics: list, start, read, edit."""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Field, Query, Router, Schema, Status

from hearth.api import selectors
from hearth.api.auth import ANYONE, MEMBER, OPTIONAL_AUTH_EXTRA, caller, member
from hearth.api.errors import ERRORS_READ, ERRORS_WRITE, NotFound
from hearth.api.pagination import Page, PageParams, paginate
from hearth.api.schemas import TopicDetail, TopicIn, TopicOut, TopicPage, TopicPatch
from hearth.community import permissions
from hearth.community.models import Topic
from hearth.community.permissions import AnyUser
from hearth.community.services import topic_create, topic_edit

router = Router(tags=[gettext_noop("topics")])


class TopicFilters(Schema):
    order: Literal["latest", "hot", "featured"] = Field(
        "latest",
        description=gettext_noop(
            "latest (recent activity), hot (engagement, decayed) or featured."
        ),
    )
    tag: str | None = Field(None, description=gettext_noop("Only topics with this tag."))
    author: str | None = Field(None, description=gettext_noop("Only topics by this username."))


class TopicListFilters(TopicFilters):
    board: str | None = Field(
        None, description=gettext_noop("Only topics in the board with this slug.")
    )


def topic_or_404(user: AnyUser, topic_id: int) -> Topic:
    """A topic the caller may see; others are 404, exactly like topics that do not exist."""
    topic = selectors.topic_get_visible(user=user, topic_id=topic_id)
    if topic is None:
        raise NotFound(_("There is no topic at this address."))
    return topic


def topic_page(user: AnyUser, page: Page[Topic]) -> dict[str, object]:
    liked = selectors.liked_topic_ids(user=user, topic_ids=[t.pk for t in page.items])
    return {**page.meta(), "items": [TopicOut.of(t, liked=t.pk in liked) for t in page.items]}


def topic_detail_out(user: AnyUser, topic: Topic) -> TopicDetail:
    return TopicDetail.of_topic(
        topic,
        liked=topic.pk in selectors.liked_topic_ids(user=user, topic_ids=[topic.pk]),
        can_edit=permissions.can_edit_topic(user, topic),
        can_reply=permissions.can_reply(user, topic),
    )


@router.get(
    "/topics",
    response={200: TopicPage, **ERRORS_READ},
    auth=ANYONE,
    openapi_extra=OPTIONAL_AUTH_EXTRA,
    summary=gettext_noop("List published topics across the boards the caller can see"),
)
def topic_list(
    request: HttpRequest, filters: Query[TopicListFilters], params: Query[PageParams]
) -> dict[str, object]:
    user = caller(request)
    board = None
    if filters.board:
        board = selectors.board_get_visible(user=user, slug=filters.board)
        if board is None:
            raise NotFound(_("There is no board at this address."))
    topics = selectors.topic_list_visible(
        user=user, board=board, order=filters.order, tag=filters.tag, author=filters.author
    )
    return topic_page(user, paginate(topics, params))


@router.post(
    "/topics",
    response={201: TopicDetail, **ERRORS_WRITE},
    auth=MEMBER,
    summary=gettext_noop("Start a topic"),
    description=gettext_noop(
        "Give the board by slug or id. An unknown or invisible board is a 422 on board."
    ),
)
def topic_start(request: HttpRequest, payload: TopicIn) -> Status[TopicDetail]:
    me = member(request)
    board = selectors.board_find_for_posting(user=me, ref=payload.board)
    if board is None:
        raise ValidationError({"board": _("There is no such board.")})
    topic = topic_create(
        author=me,
        board=board,
        title=payload.title,
        body=payload.body,
        tags=payload.tags,
        kind=payload.kind,
    )
    return Status(201, topic_detail_out(me, topic_or_404(me, topic.pk)))


@router.get(
    "/topics/{topic_id}",
    response={200: TopicDetail, **ERRORS_READ},
    auth=ANYONE,
    openapi_extra=OPTIONAL_AUTH_EXTRA,
    summary=gettext_noop("Get a topic with its rendered body"),
    description=gettext_noop(
        "Topics the caller cannot see (hidden, held, in a closed board) are 404."
    ),
)
def topic_detail(request: HttpRequest, topic_id: int) -> TopicDetail:
    user = caller(request)
    return topic_detail_out(user, topic_or_404(user, topic_id))


@router.patch(
    "/topics/{topic_id}",
    response={200: TopicDetail, **ERRORS_WRITE},
    auth=MEMBER,
    summary=gettext_noop("Edit a topic"),
    description=gettext_noop(
        "Fields left out keep their value; the previous text is kept as a revision."
    ),
)
def topic_update(request: HttpRequest, topic_id: int, payload: TopicPatch) -> TopicDetail:
    me = member(request)
    topic = topic_or_404(me, topic_id)
    topic_edit(
        editor=me,
        topic=topic,
        title=topic.title if payload.title is None else payload.title,
        body=topic.body if payload.body is None else payload.body,
        tags=payload.tags,
    )
    return topic_detail_out(me, topic_or_404(me, topic.pk))
