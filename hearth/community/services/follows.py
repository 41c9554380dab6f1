"""Following boards."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.community import permissions
from hearth.community.events import BoardFollowed
from hearth.community.models import Board, BoardFollow
from hearth.core.events import publish


@transaction.atomic
def board_follow(*, member: User, board: Board) -> bool:
    """Follow a board; returns False when already following (idempotent)."""
    if not permissions.can_view_board(member, board):
        raise PermissionDenied(_("You cannot see this board."))
    _follow, created = BoardFollow.objects.get_or_create(member=member, board=board)
    if created:
        Board.objects.filter(pk=board.pk).update(follower_count=F("follower_count") + 1)
        publish(BoardFollowed(member_id=member.pk, board_id=board.pk))
    return created


@transaction.atomic
def board_unfollow(*, member: User, board: Board) -> bool:
    deleted, _rows = BoardFollow.objects.filter(member=member, board=board).delete()
    if deleted:
        Board.objects.filter(pk=board.pk).update(follower_count=F("follower_count") - 1)
    return bool(deleted)
