"""Who may manage watched words and moderation policies.

Moderators see the lists, previews and the test box (the cockpit's
``can_moderate_content``); changing what the pipeline does to every post —
importing, enabling and editing lists, variants and policies — is for the
community manager and the administrator, who also manage the boards.
"""

from __future__ import annotations

from hearth.community.permissions import AnyUser


def can_manage_words(user: AnyUser) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.has_perm("core.access_cockpit")
        and user.has_perm("community.moderate_content")
        and user.has_perm("community.manage_boards")
    )
