"""What the community views share: the request type and visible-object lookups."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django_htmx.middleware import HtmxDetails

from hearth.community import permissions, selectors
from hearth.community.models import Board, Reply, Status, Topic, Visibility

P = ParamSpec("P")


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


class LoginNeeded(Exception):
    """A visitor asked for something members may see: send them to log in."""


def board_visible_or_404(request: HttpRequest, slug: str) -> Board:
    board = selectors.board_get(slug=slug)
    if board is None or not permissions.can_view_board(request.user, board):
        if board is not None and _members_only(request, board):
            raise LoginNeeded
        raise Http404(_("No such board."))
    return board


def topic_visible_or_404(request: HttpRequest, pk: int) -> Topic:
    """The topic if the user may see it (can_view_topic), else 404."""
    topic = selectors.topic_get(pk=pk)
    if topic is None or not permissions.can_view_topic(request.user, topic):
        if (
            topic is not None
            and topic.status == Status.PUBLISHED
            and _members_only(request, topic.board)
        ):
            raise LoginNeeded
        raise Http404(_("No such topic."))
    return topic


def reply_visible_or_404(request: HttpRequest, pk: int) -> Reply:
    reply = selectors.reply_get(pk=pk)
    if (
        reply is None
        or reply.status != Status.PUBLISHED
        or not permissions.can_view_topic(request.user, reply.topic)
    ):
        raise Http404(_("No such reply."))
    return reply


def _members_only(request: HttpRequest, board: Board) -> bool:
    return not request.user.is_authenticated and board.visibility == Visibility.MEMBERS


def visitor_may_log_in(view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]:
    """Send visitors to the login page when what they asked for is for members only."""

    @functools.wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        try:
            return view(*args, **kwargs)
        except LoginNeeded:
            request = args[0]
            assert isinstance(request, HttpRequest)
            return redirect_to_login(request.get_full_path())

    return wrapped
