"""Who may see and retrain the classifier.

Moderators see the versions and their figures (the cockpit's
``can_moderate_content``); training a new live version changes what the
pipeline holds for every post, so it is for the community manager and the
administrator, like enabling watched-word lists.
"""

from __future__ import annotations

from hearth.community.permissions import AnyUser


def can_retrain_classifier(user: AnyUser) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.has_perm("core.access_cockpit")
        and user.has_perm("community.moderate_content")
        and user.has_perm("community.manage_boards")
    )
