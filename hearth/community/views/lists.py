"""The home page, the boards, a board, following boards, my bookmarks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hearth.community import permissions, selectors, services
from hearth.community.views.common import HtmxHttpRequest, board_visible_or_404, visitor_may_log_in


def home(request: HtmxHttpRequest) -> HttpResponse:
    tab = selectors.tab_parse(request.GET.get("tab"))
    page = selectors.page_parse(request.GET.get("page"))
    user = request.user
    return render(
        request,
        "community/home.html",
        {
            "tab": tab,
            "listing": selectors.topic_list_home(user=user, tab=tab, page=page),
            "pinned": selectors.topic_list_pinned_global(user=user) if page == 1 else [],
            "featured": selectors.topic_list_featured(user=user),
            "recommended": selectors.topic_list_recommended(user=user) if page == 1 else [],
            "boards": selectors.board_list_visible(user=user),
            "stats": selectors.community_stats(user=user),
        },
    )


def boards(request: HtmxHttpRequest) -> HttpResponse:
    return render(
        request,
        "community/boards.html",
        {
            "boards": selectors.board_list_visible(user=request.user),
            "followed": selectors.board_followed_ids(user=request.user),
        },
    )


@visitor_may_log_in
def board(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    board = board_visible_or_404(request, slug)
    tab = selectors.tab_parse(request.GET.get("tab"))
    page = selectors.page_parse(request.GET.get("page"))
    return render(
        request,
        "community/board.html",
        {
            "board": board,
            "tab": tab,
            "listing": selectors.topic_list_for_board(board=board, tab=tab, page=page),
            "pinned": selectors.topic_list_pinned_board(board=board) if page == 1 else [],
            "following": selectors.board_is_followed(user=request.user, board=board),
            "can_post": permissions.can_post_in_board(request.user, board),
        },
    )


@require_POST
@login_required
def board_follow(request: HtmxHttpRequest, slug: str, undo: bool = False) -> HttpResponse:
    board = board_visible_or_404(request, slug)
    assert request.user.is_authenticated
    try:
        if undo:
            services.board_unfollow(member=request.user, board=board)
        else:
            services.board_follow(member=request.user, board=board)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    board.refresh_from_db(fields=["follower_count"])
    following = selectors.board_is_followed(user=request.user, board=board)
    if request.htmx:
        return render(
            request, "community/_follow_button.html", {"board": board, "following": following}
        )
    return redirect("community:board", slug=board.slug)


@login_required
def bookmarks(request: HtmxHttpRequest) -> HttpResponse:
    page = selectors.page_parse(request.GET.get("page"))
    listing = selectors.bookmark_list(member=request.user, page=page)
    return render(request, "community/bookmarks.html", {"listing": listing})
