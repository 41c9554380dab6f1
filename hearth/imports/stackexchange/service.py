"""Import a Stack Exchange data dump into the community, all or nothing, idempotently.

Order: members, questions (boards made as needed), answers, comments,
votes, badges; then the community's counters of every topic and member of
the source are recomputed from the rows, and, when anything was created,
the points ledger (with balances, levels and leaderboards) and the rule
badges are derived from the history, as ``hearth points_backfill`` and
``hearth badges_backfill`` would. Everything runs in one transaction: bad
input raises :class:`ImportFailed` and leaves the database as it was.

Rows are written in bulk, so no domain events fire: nobody is notified of
old history, and the moderation pipeline does not screen it (the operator
chose to import it).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.core.validators import slug_re
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.analytics.backfill import activity_backfill
from hearth.community.services import counters_recompute
from hearth.gamification.services import badges_backfill, points_backfill
from hearth.imports.errors import ImportFailed
from hearth.imports.stackexchange import mapping, report
from hearth.imports.stackexchange.badges import badges_import
from hearth.imports.stackexchange.boards import Boards
from hearth.imports.stackexchange.comments import comments_import
from hearth.imports.stackexchange.context import Context, ImportOptions
from hearth.imports.stackexchange.members import members_import
from hearth.imports.stackexchange.posts import answers_import, questions_import
from hearth.imports.stackexchange.votes import votes_import
from hearth.imports.summary import ImportSummary


def _options_check(options: ImportOptions) -> None:
    if not mapping.source_is_valid(options.source):
        raise ImportFailed(
            _(
                "“%(source)s” cannot name an import source: use 1 to %(max)d lower-case "
                "letters, digits, _ or -, starting with a letter or digit."
            )
            % {"source": options.source, "max": mapping.SOURCE_MAX}
        )
    if options.board and (not slug_re.match(options.board) or len(options.board) > 50):
        raise ImportFailed(
            _("“%(slug)s” is not a board slug: use letters, digits, _ or - (at most 50).")
            % {"slug": options.board}
        )


def _counters(ctx: Context) -> None:
    members = [*ctx.members.ids.values(), *ctx.placeholders.ids.values()]
    counters_recompute(topic_ids=list(ctx.topics.ids.values()), member_ids=members)


def _backfill(summary: ImportSummary, progress: Callable[[str], object]) -> None:
    progress(_("Deriving points, levels, leaderboards and badges from the history…"))
    points_backfill()
    badges_backfill()
    progress(_("Adding the history to the activity log for analytics…"))
    activity_backfill()
    summary.backfilled = True


def stackexchange_import(
    *, options: ImportOptions, progress: Callable[[str], object] = lambda _message: None
) -> ImportSummary:
    """Import the dump in ``options.directory``; the summary counts what each kind became."""
    started = time.monotonic()
    _options_check(options)
    summary = report.summary_new(options.source)
    with transaction.atomic():
        ctx = Context(options, summary, progress)
        boards = Boards(source=options.source, slug=options.board, count=summary[report.BOARD])
        steps: list[tuple[str, str, Callable[[], None]]] = [
            (_("Reading %(file)s: members…"), "Users.xml", lambda: members_import(ctx)),
            (_("Reading %(file)s: questions…"), "Posts.xml", lambda: questions_import(ctx, boards)),
            (_("Reading %(file)s: answers…"), "Posts.xml", lambda: answers_import(ctx)),
            (_("Reading %(file)s: comments…"), "Comments.xml", lambda: comments_import(ctx)),
            (_("Reading %(file)s: votes…"), "Votes.xml", lambda: votes_import(ctx)),
            (_("Reading %(file)s: badges…"), "Badges.xml", lambda: badges_import(ctx)),
        ]
        for message, file, step in steps:
            progress(message % {"file": file})
            step()
        boards.date_created()
        progress(_("Recomputing the counters of topics, boards and members…"))
        _counters(ctx)
        if options.backfill and summary.created:
            _backfill(summary, progress)
    summary.seconds = time.monotonic() - started
    return summary
