"""The moderation pipeline answers the community's pre-publish screening (see hearth.core.screening)."""

from __future__ import annotations

from hearth.core.screening import Screening, ScreenRequest, screening_provider
from hearth.moderation.pipeline import evaluate, screening_save
from hearth.moderation.pipeline.blocked import blocked_attempt


class PipelineScreening:
    def screen(self, request: ScreenRequest) -> Screening:
        """The pipeline's decision; a refused text is kept as a blocked attempt."""
        screening = evaluate(
            request.text,
            title=request.title,
            kind=request.kind,
            board_id=request.board_id,
            member=request.author,
            editing=request.editing,
            content_id=request.object_id,
        )
        if screening.blocked:
            blocked_attempt(request, screening)
        return screening

    def record(self, request: ScreenRequest, screening: Screening, object_id: int) -> None:
        screening_save(request, screening, object_id)


screening_provider(PipelineScreening())
