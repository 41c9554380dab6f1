"""Boards: list, detail, their topics, follow."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Query, Router

from hearth.api import selectors
from hearth.api.auth import ANYONE, MEMBER, OPTIONAL_AUTH_EXTRA, caller, member
from hearth.api.errors import ERRORS_READ, ERRORS_WRITE, NotFound
from hearth.api.pagination import PageParams, paginate
from hearth.api.routers.topics import TopicFilters, topic_page
from hearth.api.schemas import BoardDetail, BoardFollowOut, BoardOut, BoardPage, TopicPage
from hearth.community import permissions
from hearth.community.models import Board
from hearth.community.permissions import AnyUser
from hearth.community.services import board_follow, board_unfollow

router = Router(tags=[gettext_noop("boards")])


def board_or_404(user: AnyUser, slug: str) -> Board:
    board = selectors.board_get_visible(user=user, slug=slug)
    if board is None:
        raise NotFound(_("There is no board at this address."))
    return board


@router.get(
    "/boards",
    response={200: BoardPage, **ERRORS_READ},
    auth=ANYONE,
    openapi_extra=OPTIONAL_AUTH_EXTRA,
    summary=gettext_noop("List the boards the caller can see"),
)
def board_list(request: HttpRequest, params: Query[PageParams]) -> dict[str, object]:
    page = paginate(selectors.board_list_visible(user=caller(request)), params)
    return {**page.meta(), "items": [BoardOut.of(board) for board in page.items]}


@router.get(
    "/boards/{slug}",
    response={200: BoardDetail, **ERRORS_READ},
    auth=ANYONE,
    openapi_extra=OPTIONAL_AUTH_EXTRA,
    summary=gettext_noop("Get a board"),
    description=gettext_noop(
        "Members-only and staff-only boards are 404 to callers who cannot see them."
    ),
)
def board_detail(request: HttpRequest, slug: str) -> BoardDetail:
    user = caller(request)
    board = board_or_404(user, slug)
    return BoardDetail(
        **BoardOut.of(board).model_dump(),
        can_post=permissions.can_post_in_board(user, board),
        following=selectors.board_is_followed(user=user, board=board),
    )


@router.get(
    "/boards/{slug}/topics",
    response={200: TopicPage, **ERRORS_READ},
    auth=ANYONE,
    openapi_extra=OPTIONAL_AUTH_EXTRA,
    summary=gettext_noop("List a board's published topics"),
    description=gettext_noop(
        "order: latest (recent activity), hot (engagement, decayed) or featured (精华)."
    ),
)
def board_topics(
    request: HttpRequest, slug: str, filters: Query[TopicFilters], params: Query[PageParams]
) -> dict[str, object]:
    user = caller(request)
    board = board_or_404(user, slug)
    topics = selectors.topic_list_visible(
        user=user, board=board, order=filters.order, tag=filters.tag, author=filters.author
    )
    return topic_page(user, paginate(topics, params))


@router.post(
    "/boards/{slug}/follow",
    response={200: BoardFollowOut, **ERRORS_WRITE},
    auth=MEMBER,
    summary=gettext_noop("Follow a board"),
)
def board_follow_create(request: HttpRequest, slug: str) -> BoardFollowOut:
    me = member(request)
    board = board_or_404(me, slug)
    board_follow(member=me, board=board)
    board.refresh_from_db(fields=["follower_count"])
    return BoardFollowOut(following=True, follower_count=board.follower_count)


@router.delete(
    "/boards/{slug}/follow",
    response={200: BoardFollowOut, **ERRORS_WRITE},
    auth=MEMBER,
    summary=gettext_noop("Stop following a board"),
)
def board_follow_delete(request: HttpRequest, slug: str) -> BoardFollowOut:
    me = member(request)
    board = board_or_404(me, slug)
    board_unfollow(member=me, board=board)
    board.refresh_from_db(fields=["follower_count"])
    return BoardFollowOut(following=False, follower_count=board.follower_count)
