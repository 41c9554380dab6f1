"""Which staff roles manage points and levels (the ladder, rules and ledgers): one matrix."""

from __future__ import annotations

from hearth.core import roles

MANAGES_POINTS: dict[str, bool] = {
    roles.ADMIN: True,
    roles.COMMUNITY_MANAGER: True,
    roles.MEMBER_OPERATIONS: True,
    roles.CONTENT_EDITOR: False,
    roles.EVENT_PLANNER: False,
    roles.MODERATOR: False,
    roles.ANALYST: False,
}
