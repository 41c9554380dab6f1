"""The leaderboards page (排行榜): this week, this month and all time, site-wide or per board."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from hearth.community import selectors as community
from hearth.gamification.leaderboards import (
    leaderboard_page,
    leaderboard_rank_for,
    period_parse,
)
from hearth.gamification.models import SITE_WIDE, Period


def leaderboards(request: HttpRequest) -> HttpResponse:
    """Open to visitors; ``?period=week|month|all`` and ``?board=<slug>`` (a board they may see)."""
    period = period_parse(request.GET.get("period"))
    page = community.page_parse(request.GET.get("page"))
    boards = list(community.board_list_visible(user=request.user))
    slug = request.GET.get("board") or ""
    board = next((b for b in boards if b.slug == slug), None)
    if slug and board is None:
        raise Http404(_("No such board."))
    board_id = board.pk if board else SITE_WIDE
    standing = None
    if request.user.is_authenticated:
        standing = leaderboard_rank_for(member_id=request.user.pk, period=period, board_id=board_id)
    query = f"period={period.value}" + (f"&board={board.slug}" if board else "")
    return render(
        request,
        "gamification/leaderboards.html",
        {
            "ranking": leaderboard_page(period=period, board_id=board_id, page=page),
            "periods": Period.choices,
            "boards": boards,
            "board": board,
            "standing": standing,
            "board_query": f"&board={board.slug}" if board else "",
            "query_prefix": f"{query}&",
        },
    )
