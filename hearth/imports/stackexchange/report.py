"""The kinds a Stack Exchange import counts, in the order its summary prints them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hearth.imports.models import ImportKind
from hearth.imports.summary import ImportSummary

BOARD = "board"
OTHER_POST = "other_post"
OTHER_VOTE = "other_vote"
BADGE = "badge"


def summary_new(source: str) -> ImportSummary:
    summary = ImportSummary(source=source)
    for kind in (ImportKind.MEMBER, ImportKind.PLACEHOLDER):
        summary.register(kind, kind.label)
    summary.register(BOARD, _("Boards"))
    for kind in (ImportKind.TOPIC, ImportKind.ANSWER, ImportKind.COMMENT):
        summary.register(kind, kind.label)
    summary.register(OTHER_POST, _("Other posts (tag wikis …)"))
    for kind in (ImportKind.LIKE, ImportKind.ANONYMOUS_LIKE, ImportKind.BOOKMARK):
        summary.register(kind, kind.label)
    summary.register(OTHER_VOTE, _("Other votes (down-votes, accepted answers …)"))
    summary.register(BADGE, _("Badge definitions"))
    summary.register(ImportKind.BADGE_GRANT, ImportKind.BADGE_GRANT.label)
    return summary
