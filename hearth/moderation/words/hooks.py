"""Where watched-word management meets the screening pipeline."""

from __future__ import annotations

from django.db import transaction

from hearth.accounts.models import User
from hearth.core.screening import Screening
from hearth.moderation import pipeline


def _words_changed_now() -> None:
    pipeline.words_changed()


def words_changed() -> None:
    """Tell the pipeline to recompile once this transaction commits.

    Bulk imports send no model signals, so the pipeline would not notice them
    otherwise; single saves notify it twice, which costs nothing.
    """
    transaction.on_commit(_words_changed_now)


def evaluate(
    text: str, *, title: str, kind: str, board_id: int | None, member: User | None
) -> Screening:
    """The pipeline's decision on a text that is not saved (the cockpit's test box)."""
    return pipeline.evaluate(text, title=title, kind=kind, board_id=board_id, member=member)
